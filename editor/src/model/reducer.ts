/**
 * Applies one command to a draft of the document (an immer draft in the
 * store, so every case can simply mutate). Each case is small and does one
 * thing; a command that cannot apply throws `CommandRefused` and leaves the
 * document as it was.
 */
import type {
  Beat,
  Choice,
  Condition,
  Destination,
  Effect,
  Outcome,
  Scenario,
  SceneBeat,
  Timeout,
  Variable,
} from '@defuse/schemas';
import type { Command, LeaverRef, Point } from './commands';
import { writablePositions } from './positions';
import { variableUses, walkCondition, describeLeaver } from './references';

/** Why a command was not applied, in words for the person editing. */
export class CommandRefused extends Error {
  override name = 'CommandRefused';
}

/** The outcome a new outcome beat starts with. */
export const DEFAULT_OUTCOME: Outcome = {
  result: 'resolved',
  force: 'none',
  officerInjury: false,
  subjectInjury: false,
};

const DESTINATION_KEYS = ['to', 'branches', 'chance', 'instructor'] as const;

function beatOf(doc: Scenario, beatId: string): Beat {
  const beat = doc.beats[beatId];
  if (!beat) throw new CommandRefused(`There is no beat '${beatId}'.`);
  return beat;
}

function sceneOf(doc: Scenario, beatId: string): SceneBeat {
  const beat = beatOf(doc, beatId);
  if (beat.kind === 'outcome') throw new CommandRefused(`Beat '${beatId}' is an outcome.`);
  return beat;
}

function choiceOf(doc: Scenario, beatId: string, choiceId: string): Choice {
  const choice = sceneOf(doc, beatId).choices?.find((c) => c.id === choiceId);
  if (!choice) throw new CommandRefused(`Beat '${beatId}' has no choice '${choiceId}'.`);
  return choice;
}

function leaverOf(doc: Scenario, beatId: string, leaver: LeaverRef): Destination {
  if ('choice' in leaver) return choiceOf(doc, beatId, leaver.choice);
  const timeout = sceneOf(doc, beatId).onTimeout;
  if (!timeout) throw new CommandRefused(`Beat '${beatId}' has no timer.`);
  return timeout;
}

/** Writes `value` into `target[key]`, or removes the key for `undefined`. */
function assign(target: object, key: string, value: unknown): void {
  const record = target as Record<string, unknown>;
  if (value === undefined) delete record[key];
  else record[key] = value;
}

/** Rebuilds an object with one key renamed, keeping the key order. */
function renameKey<T>(record: Record<string, T>, from: string, to: string): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) out[key === from ? to : key] = value;
  return out;
}

function requireFreeBeatId(doc: Scenario, id: string): void {
  if (id.trim() === '') throw new CommandRefused('A beat needs an id.');
  if (doc.beats[id]) throw new CommandRefused(`There is already a beat '${id}'.`);
}

/** Points every destination entry that matches `match` at `retarget(old)`. */
function retargetDestination(destination: Destination, retarget: (to: string) => string): void {
  if (typeof destination.to === 'string') destination.to = retarget(destination.to);
  for (const list of [destination.branches, destination.chance, destination.instructor]) {
    for (const entry of list ?? []) entry.to = retarget(entry.to);
  }
}

function forEachDestination(doc: Scenario, visit: (d: Destination, beatId: string) => void): void {
  for (const [beatId, beat] of Object.entries(doc.beats)) {
    if (beat.kind === 'outcome') continue;
    for (const choice of beat.choices ?? []) visit(choice, beatId);
    if (beat.onTimeout) visit(beat.onTimeout, beatId);
  }
}

/** Removes every way into `beatId`: choices, list entries, and timers that lead there. */
function removeIncoming(doc: Scenario, beatId: string): void {
  for (const beat of Object.values(doc.beats)) {
    if (beat.kind === 'outcome') continue;
    if (beat.choices) {
      beat.choices = beat.choices.filter((choice) => !dropTarget(choice, beatId));
    }
    if (beat.onTimeout && dropTarget(beat.onTimeout, beatId)) {
      delete beat.onTimeout;
      delete beat.timeLimitSec;
    }
  }
}

/** Drops the entries of a destination that lead to `beatId`; true when nothing is left. */
function dropTarget(destination: Destination, beatId: string): boolean {
  if (destination.to === beatId) return true;
  for (const key of ['branches', 'chance', 'instructor'] as const) {
    const list = destination[key] as { to: string }[] | undefined;
    if (!list) continue;
    const kept = list.filter((entry) => entry.to !== beatId);
    if (kept.length === 0) return true;
    if (kept.length !== list.length) (destination as Record<string, unknown>)[key] = kept;
  }
  return false;
}

function forEachConditionIn(doc: Scenario, visit: (c: Condition) => void): void {
  forEachDestination(doc, (destination) => {
    const when = (destination as Choice).when;
    if (when) walkCondition(when, visit);
    for (const b of destination.branches ?? []) if (b.when) walkCondition(b.when, visit);
  });
}

function forEachEffectIn(doc: Scenario, visit: (e: Effect) => void): void {
  forEachDestination(doc, (destination) => {
    for (const e of (destination as Choice).effects ?? []) visit(e);
  });
}

function addBeat(doc: Scenario, cmd: Extract<Command, { type: 'addBeat' }>): void {
  requireFreeBeatId(doc, cmd.beatId);
  const first = Object.keys(doc.beats).length === 0;
  doc.beats[cmd.beatId] =
    cmd.kind === 'outcome'
      ? { kind: 'outcome', title: cmd.title, outcome: { ...DEFAULT_OUTCOME } }
      : { title: cmd.title };
  writablePositions(doc)[cmd.beatId] = { ...cmd.position };
  if (first && !doc.beats[doc.start]) doc.start = cmd.beatId;
  if (cmd.via) addChoice(doc, cmd.via.beatId, { ...cmd.via.choice, to: cmd.beatId } as Choice);
}

function setTimer(
  doc: Scenario,
  beatId: string,
  timer: { timeLimitSec: number; onTimeout: Timeout } | undefined,
): void {
  const beat = sceneOf(doc, beatId);
  if (timer) {
    beat.timeLimitSec = timer.timeLimitSec;
    beat.onTimeout = timer.onTimeout;
  } else {
    delete beat.timeLimitSec;
    delete beat.onTimeout;
  }
}

function deleteBeats(doc: Scenario, beatIds: string[]): void {
  for (const id of beatIds) beatOf(doc, id);
  const positions = writablePositions(doc);
  for (const id of beatIds) {
    delete doc.beats[id];
    delete positions[id];
    removeIncoming(doc, id);
  }
}

function duplicateBeats(doc: Scenario, copies: Record<string, string>, offset: Point): void {
  const positions = writablePositions(doc);
  for (const [original, copy] of Object.entries(copies)) {
    beatOf(doc, original);
    requireFreeBeatId(doc, copy);
  }
  for (const [original, copy] of Object.entries(copies)) {
    const beat = JSON.parse(JSON.stringify(doc.beats[original])) as Beat;
    beat.title = `${beat.title} (copy)`;
    if (beat.kind !== 'outcome') {
      for (const choice of beat.choices ?? [])
        retargetDestination(choice, (to) => copies[to] ?? to);
      if (beat.onTimeout) retargetDestination(beat.onTimeout, (to) => copies[to] ?? to);
    }
    doc.beats[copy] = beat;
    const at = positions[original] ?? { x: 0, y: 0 };
    positions[copy] = { x: at.x + offset.x, y: at.y + offset.y };
  }
}

function renameBeat(doc: Scenario, beatId: string, newId: string): void {
  beatOf(doc, beatId);
  if (newId === beatId) return;
  requireFreeBeatId(doc, newId);
  doc.beats = renameKey(doc.beats, beatId, newId);
  const retarget = (to: string): string => (to === beatId ? newId : to);
  forEachDestination(doc, (destination) => retargetDestination(destination, retarget));
  forEachConditionIn(doc, (c) => {
    if ('visited' in c && c.visited === beatId) c.visited = newId;
  });
  if (doc.start === beatId) doc.start = newId;
  const positions = writablePositions(doc);
  if (positions[beatId]) {
    positions[newId] = positions[beatId];
    delete positions[beatId];
  }
}

function setBeatKind(doc: Scenario, beatId: string, kind: 'scene' | 'outcome'): void {
  const beat = beatOf(doc, beatId) as unknown as Record<string, unknown>;
  if ((beat.kind === 'outcome') === (kind === 'outcome')) return;
  if (kind === 'outcome') {
    delete beat.choices;
    delete beat.timeLimitSec;
    delete beat.onTimeout;
    beat.kind = 'outcome';
    beat.outcome = { ...DEFAULT_OUTCOME };
  } else {
    delete beat.outcome;
    delete beat.kind;
  }
}

function addChoice(doc: Scenario, beatId: string, choice: Choice, index?: number): void {
  const beat = sceneOf(doc, beatId);
  beat.choices ??= [];
  if (beat.choices.some((c) => c.id === choice.id)) {
    throw new CommandRefused(`Beat '${beatId}' already has a choice '${choice.id}'.`);
  }
  beat.choices.splice(index ?? beat.choices.length, 0, choice);
}

function renameChoice(doc: Scenario, beatId: string, choiceId: string, newId: string): void {
  const choice = choiceOf(doc, beatId, choiceId);
  if (newId === choiceId) return;
  if (newId.trim() === '') throw new CommandRefused('A choice needs an id.');
  if (sceneOf(doc, beatId).choices?.some((c) => c.id === newId)) {
    throw new CommandRefused(`Beat '${beatId}' already has a choice '${newId}'.`);
  }
  // `chose` conditions name a choice id without its beat: follow the rename
  // only when no other beat has a choice of the old id.
  let sharedElsewhere = false;
  for (const [id, beat] of Object.entries(doc.beats)) {
    if (id !== beatId && beat.kind !== 'outcome' && beat.choices?.some((c) => c.id === choiceId)) {
      sharedElsewhere = true;
    }
  }
  choice.id = newId;
  if (sharedElsewhere) return;
  forEachConditionIn(doc, (c) => {
    if ('chose' in c && c.chose === choiceId) c.chose = newId;
  });
}

function setDestination(
  doc: Scenario,
  beatId: string,
  leaver: LeaverRef,
  destination: Destination,
): void {
  const target = leaverOf(doc, beatId, leaver) as Record<string, unknown>;
  for (const key of DESTINATION_KEYS) delete target[key];
  for (const key of DESTINATION_KEYS) {
    if (destination[key] !== undefined) target[key] = destination[key];
  }
}

function reconnect(doc: Scenario, cmd: Extract<Command, { type: 'reconnect' }>): void {
  const destination = leaverOf(doc, cmd.beatId, cmd.leaver);
  if (cmd.entry === undefined) {
    if (typeof destination.to !== 'string')
      throw new CommandRefused('That way out has no single destination.');
    destination.to = cmd.to;
    return;
  }
  const list = destination.branches ?? destination.chance ?? destination.instructor;
  const entry = list?.[cmd.entry];
  if (!entry) throw new CommandRefused(`There is no destination entry ${cmd.entry + 1}.`);
  entry.to = cmd.to;
}

function deleteChoice(doc: Scenario, beatId: string, choiceId: string): void {
  choiceOf(doc, beatId, choiceId);
  const beat = sceneOf(doc, beatId);
  beat.choices = (beat.choices ?? []).filter((c) => c.id !== choiceId);
}

function moveChoice(doc: Scenario, beatId: string, choiceId: string, index: number): void {
  choiceOf(doc, beatId, choiceId);
  const choices = sceneOf(doc, beatId).choices ?? [];
  const from = choices.findIndex((c) => c.id === choiceId);
  const [choice] = choices.splice(from, 1);
  choices.splice(Math.max(0, Math.min(index, choices.length)), 0, choice!);
}

function setPositions(doc: Scenario, positions: Record<string, Point>): void {
  const stored = writablePositions(doc);
  for (const [id, p] of Object.entries(positions)) stored[id] = { x: p.x, y: p.y };
}

function requireVariable(doc: Scenario, name: string): Variable {
  const variable = doc.variables?.[name];
  if (!variable) throw new CommandRefused(`There is no variable '${name}'.`);
  return variable;
}

function addVariable(doc: Scenario, name: string, variable: Variable): void {
  if (name.trim() === '') throw new CommandRefused('A variable needs a name.');
  if (doc.variables?.[name]) throw new CommandRefused(`There is already a variable '${name}'.`);
  doc.variables ??= {};
  doc.variables[name] = variable;
}

function renameVariable(doc: Scenario, name: string, newName: string): void {
  requireVariable(doc, name);
  if (newName === name) return;
  if (newName.trim() === '') throw new CommandRefused('A variable needs a name.');
  if (doc.variables?.[newName])
    throw new CommandRefused(`There is already a variable '${newName}'.`);
  doc.variables = renameKey(doc.variables!, name, newName);
  forEachConditionIn(doc, (c) => {
    if ('var' in c && c.var === name) c.var = newName;
  });
  forEachEffectIn(doc, (e) => {
    if ('set' in e && e.set === name) e.set = newName;
    if ('add' in e && e.add === name) e.add = newName;
  });
}

function deleteVariable(doc: Scenario, name: string): void {
  requireVariable(doc, name);
  const uses = variableUses(doc, name);
  if (uses.length > 0) {
    const places = uses.map(
      (u) =>
        `${u.what} of ${describeLeaver(u.choice ? { beat: u.beat, choice: u.choice } : { beat: u.beat, timeout: true })}`,
    );
    throw new CommandRefused(
      `Variable '${name}' is still used in ${uses.length} place${uses.length === 1 ? '' : 's'}: ${places.join('; ')}.`,
    );
  }
  delete doc.variables![name];
}

/**
 * Applies `cmd` to `doc` in place. Returns a new document only for
 * `replaceDocument`; throws `CommandRefused` when the command does not fit
 * the document.
 */
export function applyCommand(doc: Scenario, cmd: Command): Scenario | void {
  switch (cmd.type) {
    case 'replaceDocument':
      return cmd.doc;
    case 'setScenarioField':
      return assign(doc, cmd.field, cmd.value);
    case 'addBeat':
      return addBeat(doc, cmd);
    case 'deleteBeats':
      return deleteBeats(doc, cmd.beatIds);
    case 'duplicateBeats':
      return duplicateBeats(doc, cmd.copies, cmd.offset);
    case 'renameBeat':
      return renameBeat(doc, cmd.beatId, cmd.newId);
    case 'setBeatField':
      return assign(beatOf(doc, cmd.beatId), cmd.field, cmd.value);
    case 'setBeatKind':
      return setBeatKind(doc, cmd.beatId, cmd.kind);
    case 'setTimer':
      return setTimer(doc, cmd.beatId, cmd.timer);
    case 'addChoice':
      return addChoice(doc, cmd.beatId, cmd.choice, cmd.index);
    case 'setChoiceField':
      return assign(choiceOf(doc, cmd.beatId, cmd.choiceId), cmd.field, cmd.value);
    case 'renameChoice':
      return renameChoice(doc, cmd.beatId, cmd.choiceId, cmd.newId);
    case 'setDestination':
      return setDestination(doc, cmd.beatId, cmd.leaver, cmd.destination);
    case 'reconnect':
      return reconnect(doc, cmd);
    case 'deleteChoice':
      return deleteChoice(doc, cmd.beatId, cmd.choiceId);
    case 'moveChoice':
      return moveChoice(doc, cmd.beatId, cmd.choiceId, cmd.index);
    case 'moveBeats':
    case 'applyLayout':
      return setPositions(doc, cmd.positions);
    case 'addVariable':
      return addVariable(doc, cmd.name, cmd.variable);
    case 'renameVariable':
      return renameVariable(doc, cmd.name, cmd.newName);
    case 'setVariable':
      requireVariable(doc, cmd.name);
      doc.variables![cmd.name] = cmd.variable;
      return;
    case 'deleteVariable':
      return deleteVariable(doc, cmd.name);
  }
}
