/**
 * Every change to a scenario document is one of these values. The reducer
 * (`reducer.ts`) applies them; the history (`history.ts`) records each with
 * its label so the toolbar can say "Undo delete beat 'arrival'".
 */
import type {
  CdmStep,
  Choice,
  Condition,
  Cue,
  Destination,
  Effect,
  Line,
  Media,
  Outcome,
  Rating,
  Scenario,
  Technique,
  Timeout,
  Variable,
} from '@defuse/schemas';

/** A canvas position. */
export interface Point {
  x: number;
  y: number;
}

/** Beat fields the inspector edits one at a time; `undefined` removes the field. */
export interface BeatFieldValues {
  title: string;
  narrative: string | undefined;
  lines: Line[] | undefined;
  cues: Cue[] | undefined;
  media: Media[] | undefined;
  cdm: CdmStep | undefined;
  timeLimitSec: number | undefined;
  onTimeout: Timeout | undefined;
  outcome: Outcome;
}
export type BeatField = keyof BeatFieldValues;

/** Choice fields other than its id and destination; `undefined` removes the field. */
export interface ChoiceFieldValues {
  label: string;
  technique: Technique | undefined;
  rating: Rating | undefined;
  feedback: string | undefined;
  when: Condition | undefined;
  effects: Effect[] | undefined;
  actsOn: string[] | undefined;
}
export type ChoiceField = keyof ChoiceFieldValues;

/** Scenario fields the scenario panel edits; `undefined` removes the field. */
export interface ScenarioFieldValues {
  id: string;
  version: string;
  title: string;
  summary: string | undefined;
  objectives: string[] | undefined;
  tags: string[] | undefined;
  authors: string[] | undefined;
  estimatedMinutes: number | undefined;
  start: string;
}
export type ScenarioField = keyof ScenarioFieldValues;

/** The choice or timer a destination edit concerns. */
export type LeaverRef = { choice: string } | { timeout: true };

type FieldCommand<T, Type extends string, Extra> = {
  [K in keyof T]: { type: Type; field: K; value: T[K] } & Extra;
}[keyof T];

export type SetBeatField = FieldCommand<BeatFieldValues, 'setBeatField', { beatId: string }>;
export type SetChoiceField = FieldCommand<
  ChoiceFieldValues,
  'setChoiceField',
  { beatId: string; choiceId: string }
>;
export type SetScenarioField = FieldCommand<ScenarioFieldValues, 'setScenarioField', object>;

export type Command =
  | { type: 'replaceDocument'; doc: Scenario; label: string }
  | SetScenarioField
  | {
      type: 'addBeat';
      beatId: string;
      kind: 'scene' | 'outcome';
      title: string;
      position: Point;
      /** A choice added in the same step that leads to the new beat (drag to empty space). */
      via?: { beatId: string; choice: Omit<Choice, 'to'> };
    }
  | { type: 'deleteBeats'; beatIds: string[] }
  | {
      type: 'duplicateBeats';
      /** Original id to the copy's id. */
      copies: Record<string, string>;
      offset: Point;
    }
  | { type: 'renameBeat'; beatId: string; newId: string }
  | SetBeatField
  | { type: 'setBeatKind'; beatId: string; kind: 'scene' | 'outcome' }
  | {
      type: 'setTimer';
      beatId: string;
      /** Both absent removes the timer. */
      timer?: { timeLimitSec: number; onTimeout: Timeout };
    }
  | { type: 'addChoice'; beatId: string; choice: Choice; index?: number }
  | SetChoiceField
  | { type: 'renameChoice'; beatId: string; choiceId: string; newId: string }
  | { type: 'setDestination'; beatId: string; leaver: LeaverRef; destination: Destination }
  | {
      type: 'reconnect';
      beatId: string;
      leaver: LeaverRef;
      /** Entry of a `branches`/`chance`/`instructor` list; absent for `to`. */
      entry?: number;
      to: string;
    }
  | { type: 'deleteChoice'; beatId: string; choiceId: string }
  | { type: 'moveChoice'; beatId: string; choiceId: string; index: number }
  | { type: 'moveBeats'; positions: Record<string, Point> }
  | { type: 'applyLayout'; positions: Record<string, Point> }
  | { type: 'addVariable'; name: string; variable: Variable }
  | { type: 'renameVariable'; name: string; newName: string }
  | { type: 'setVariable'; name: string; variable: Variable }
  | { type: 'deleteVariable'; name: string };

export type CommandType = Command['type'];

const BEAT_FIELD_WORDS: Record<BeatField, string> = {
  title: 'title',
  narrative: 'narrative',
  lines: 'lines',
  cues: 'cues',
  media: 'media',
  cdm: 'CDM step',
  timeLimitSec: 'time limit',
  onTimeout: 'timeout',
  outcome: 'outcome',
};

const CHOICE_FIELD_WORDS: Record<ChoiceField, string> = {
  label: 'label',
  technique: 'technique',
  rating: 'rating',
  feedback: 'feedback',
  when: 'condition',
  effects: 'effects',
  actsOn: 'cues acted on',
};

const SCENARIO_FIELD_WORDS: Record<ScenarioField, string> = {
  id: 'id',
  version: 'version',
  title: 'title',
  summary: 'summary',
  objectives: 'objectives',
  tags: 'tags',
  authors: 'authors',
  estimatedMinutes: 'duration',
  start: 'start beat',
};

function beats(ids: string[], verb: string): string {
  return ids.length === 1 ? `${verb} beat '${ids[0]}'` : `${verb} ${ids.length} beats`;
}

/** What the change does, in words for the undo and redo buttons. */
export function commandLabel(cmd: Command): string {
  switch (cmd.type) {
    case 'replaceDocument':
      return cmd.label;
    case 'setScenarioField':
      return `edit scenario ${SCENARIO_FIELD_WORDS[cmd.field]}`;
    case 'addBeat':
      return `add ${cmd.kind === 'outcome' ? 'outcome' : 'beat'} '${cmd.beatId}'`;
    case 'deleteBeats':
      return beats(cmd.beatIds, 'delete');
    case 'duplicateBeats':
      return beats(Object.keys(cmd.copies), 'duplicate');
    case 'renameBeat':
      return `rename beat '${cmd.beatId}' to '${cmd.newId}'`;
    case 'setBeatField':
      return `edit ${BEAT_FIELD_WORDS[cmd.field]} of beat '${cmd.beatId}'`;
    case 'setTimer':
      return `${cmd.timer ? 'set' : 'remove'} timer of beat '${cmd.beatId}'`;
    case 'setBeatKind':
      return `make beat '${cmd.beatId}' ${cmd.kind === 'outcome' ? 'an outcome' : 'a scene'}`;
    case 'addChoice':
      return `add choice '${cmd.choice.id}' to beat '${cmd.beatId}'`;
    case 'setChoiceField':
      return `edit ${CHOICE_FIELD_WORDS[cmd.field]} of choice '${cmd.choiceId}'`;
    case 'renameChoice':
      return `rename choice '${cmd.choiceId}' to '${cmd.newId}'`;
    case 'setDestination':
      return 'choice' in cmd.leaver
        ? `change destination of choice '${cmd.leaver.choice}'`
        : `change timeout of beat '${cmd.beatId}'`;
    case 'reconnect':
      return 'choice' in cmd.leaver
        ? `reconnect choice '${cmd.leaver.choice}' to '${cmd.to}'`
        : `reconnect timeout of beat '${cmd.beatId}' to '${cmd.to}'`;
    case 'deleteChoice':
      return `delete choice '${cmd.choiceId}'`;
    case 'moveChoice':
      return `reorder choices of beat '${cmd.beatId}'`;
    case 'moveBeats':
      return beats(Object.keys(cmd.positions), 'move');
    case 'applyLayout':
      return 'auto layout';
    case 'addVariable':
      return `add variable '${cmd.name}'`;
    case 'renameVariable':
      return `rename variable '${cmd.name}' to '${cmd.newName}'`;
    case 'setVariable':
      return `edit variable '${cmd.name}'`;
    case 'deleteVariable':
      return `delete variable '${cmd.name}'`;
  }
}

/**
 * Changes with the same key made in quick succession (typing in one field)
 * become one undo step.
 */
export function coalesceKey(cmd: Command): string | undefined {
  switch (cmd.type) {
    case 'setScenarioField':
      return `scenario/${cmd.field}`;
    case 'setBeatField':
      return `beat/${cmd.beatId}/${cmd.field}`;
    case 'setChoiceField':
      return `choice/${cmd.beatId}/${cmd.choiceId}/${cmd.field}`;
    case 'setVariable':
      return `variable/${cmd.name}`;
    case 'setDestination':
      return `destination/${cmd.beatId}/${'choice' in cmd.leaver ? cmd.leaver.choice : '@timeout'}`;
    default:
      return undefined;
  }
}
