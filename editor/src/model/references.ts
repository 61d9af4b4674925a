/**
 * Where a document names a beat, a choice or a variable. The editor needs
 * this to rename things everywhere at once and to say what a deletion would
 * touch; whether those names are *valid* is the engine's call, not ours.
 */
import type { Condition, Destination, Effect, Scenario, SceneBeat } from '@defuse/schemas';
import { isOutcomeBeat } from '@defuse/schemas';
import { destinationTargets as engineTargets } from '@defuse/engine';

/** The choice (or the beat's timer) a destination belongs to. */
export type Leaver = { beat: string; choice: string } | { beat: string; timeout: true };

/** One `to` that points at a beat. */
export interface BeatReference {
  from: Leaver;
  /** Which form of destination holds it, and the entry index for lists. */
  form: 'to' | 'branches' | 'chance' | 'instructor';
  entry?: number;
  target: string;
}

/** One place a variable is named. */
export interface VariableUse {
  beat: string;
  choice?: string;
  timeout?: boolean;
  what: 'condition' | 'branch condition' | 'effect';
}

function sceneOf(doc: Scenario, beatId: string): SceneBeat | undefined {
  const beat = doc.beats?.[beatId];
  if (!beat || isOutcomeBeat(beat)) return undefined;
  return beat;
}

/** Each choice and timer of the document with its destination. */
export function forEachLeaver(
  doc: Scenario,
  visit: (from: Leaver, destination: Destination, effects: Effect[] | undefined) => void,
): void {
  for (const beatId of Object.keys(doc.beats ?? {})) {
    const beat = sceneOf(doc, beatId);
    if (!beat) continue;
    for (const choice of beat.choices ?? []) {
      visit({ beat: beatId, choice: choice.id }, choice, choice.effects);
    }
    if (beat.onTimeout)
      visit({ beat: beatId, timeout: true }, beat.onTimeout, beat.onTimeout.effects);
  }
}

/** The beats a destination can lead to, with the form and entry of each. */
export function destinationTargets(
  destination: Destination,
): { form: BeatReference['form']; entry?: number; target: string }[] {
  return engineTargets(destination).map(({ to, via, index }) =>
    index === undefined ? { form: via, target: to } : { form: via, entry: index, target: to },
  );
}

/** Every choice and timer that leads to `beatId`, in document order. */
export function incomingReferences(doc: Scenario, beatId: string): BeatReference[] {
  const refs: BeatReference[] = [];
  forEachLeaver(doc, (from, destination) => {
    for (const t of destinationTargets(destination)) {
      if (t.target === beatId) refs.push({ from, ...t });
    }
  });
  return refs;
}

/** Calls `visit` on every condition node of a tree, parents first. */
export function walkCondition(cond: Condition | undefined, visit: (c: Condition) => void): void {
  if (!cond || typeof cond !== 'object') return;
  visit(cond);
  if ('all' in cond && Array.isArray(cond.all)) cond.all.forEach((c) => walkCondition(c, visit));
  if ('any' in cond && Array.isArray(cond.any)) cond.any.forEach((c) => walkCondition(c, visit));
  if ('not' in cond) walkCondition(cond.not, visit);
}

/** Every condition of the document with the choice or timer it sits on. */
export function forEachCondition(
  doc: Scenario,
  visit: (cond: Condition, where: Leaver, what: 'condition' | 'branch condition') => void,
): void {
  for (const beatId of Object.keys(doc.beats ?? {})) {
    const beat = sceneOf(doc, beatId);
    if (!beat) continue;
    for (const choice of beat.choices ?? []) {
      const where = { beat: beatId, choice: choice.id };
      if (choice.when) visit(choice.when, where, 'condition');
      for (const b of choice.branches ?? []) if (b.when) visit(b.when, where, 'branch condition');
    }
    for (const b of beat.onTimeout?.branches ?? []) {
      if (b.when) visit(b.when, { beat: beatId, timeout: true }, 'branch condition');
    }
  }
}

/** Where the variable `name` is read or written. Empty when it is unused. */
export function variableUses(doc: Scenario, name: string): VariableUse[] {
  const uses: VariableUse[] = [];
  const place = (where: Leaver, what: VariableUse['what']): VariableUse =>
    'choice' in where
      ? { beat: where.beat, choice: where.choice, what }
      : { beat: where.beat, timeout: true, what };
  forEachCondition(doc, (cond, where, what) => {
    let named = false;
    walkCondition(cond, (c) => {
      if ('var' in c && c.var === name) named = true;
    });
    if (named) uses.push(place(where, what));
  });
  forEachLeaver(doc, (from, _destination, effects) => {
    if (effects?.some((e) => effectVariable(e) === name)) uses.push(place(from, 'effect'));
  });
  return uses;
}

/** The variable an effect changes. */
export function effectVariable(effect: Effect): string {
  return 'set' in effect ? effect.set : effect.add;
}

/** Human words for a place: "choice 'calm' of beat 'arrival'". */
export function describeLeaver(where: Leaver): string {
  return 'choice' in where
    ? `choice '${where.choice}' of beat '${where.beat}'`
    : `timer of beat '${where.beat}'`;
}
