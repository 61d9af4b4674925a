/**
 * The editor's store: the scenario document, its undo history, the
 * selection and the engine's verdict. Built by a factory so every test and
 * every editor window gets its own. Documents change only through
 * `dispatch(command)`; selection changes never enter the history.
 */
import { applyPatches, enablePatches, produceWithPatches, type Patch } from 'immer';
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Scenario } from '@defuse/schemas';
import { applyCommand, CommandRefused } from '../model/reducer';
import { coalesceKey, commandLabel, type Command } from '../model/commands';
import { emptyHistory, record, type History } from '../model/history';
import type { Place } from '../model/places';
import type { Leaver } from '../model/references';
import {
  checkDocument,
  validateDocument,
  withAnalysis,
  type Validation,
} from '../model/validation';
import type { Analysis } from '@defuse/engine';
import { emptyScenario } from '../model/new-scenario';

enablePatches();

/** What is selected on the canvas. */
export interface Selection {
  beats: string[];
  /** A choice or a timer (an edge on the canvas). */
  edge?: Leaver;
}

export const NOTHING_SELECTED: Selection = { beats: [] };

/** The answer to a dispatched command. */
export type DispatchResult = { ok: true } | { ok: false; message: string };

/** A request to bring a place into view (diagnostic clicks); `nonce` repeats it. */
export interface FocusRequest {
  place: Place;
  nonce: number;
}

export interface EditorState {
  doc: Scenario;
  history: History;
  /** Increases with every document change, undo and redo included. */
  revision: number;
  /** Increases each time another document is opened (the canvas frames it anew). */
  opened: number;
  selection: Selection;
  validation: Validation;
  /** The last refusal, shown until the next successful change. */
  notice?: string;
  focus?: FocusRequest;

  /**
   * Applies a command. A refused one leaves the document alone and sets
   * `notice`, unless `quiet` (the caller shows the reason itself).
   */
  dispatch(cmd: Command, options?: { quiet?: boolean }): DispatchResult;
  undo(): void;
  redo(): void;
  select(selection: Selection): void;
  /** Selects the place and asks the views to show it. */
  reveal(place: Place): void;
  /** Opens another document: a fresh history, nothing selected. */
  open(doc: Scenario): void;
  dismissNotice(): void;
  /** Merges a background analysis in, if it is of the current document. */
  applyAnalysis(doc: Scenario, analysis: Analysis): void;
}

export interface EditorStoreOptions {
  doc?: Scenario;
  /** Milliseconds, for merging quick edits of one field into one undo step. */
  now?: () => number;
  validate?: (doc: Scenario) => Validation;
  /**
   * 'inline' (default) analyses the graph on every change; 'background'
   * leaves it to `applyAnalysis` (see `background/analysis.ts`).
   */
  analysis?: 'inline' | 'background';
}

export type EditorStore = StoreApi<EditorState>;

/** Keeps only the parts of a selection that still exist in `doc`. */
function pruneSelection(selection: Selection, doc: Scenario): Selection {
  const beats = selection.beats.filter((id) => doc.beats[id] !== undefined);
  const edge = selection.edge;
  let keepEdge = false;
  if (edge) {
    const beat = doc.beats[edge.beat];
    if (beat && beat.kind !== 'outcome') {
      keepEdge =
        'choice' in edge
          ? (beat.choices ?? []).some((c) => c.id === edge.choice)
          : beat.onTimeout !== undefined || beat.timeLimitSec !== undefined;
    }
  }
  if (beats.length === selection.beats.length && (keepEdge || !edge)) return selection;
  return keepEdge && edge ? { beats, edge } : { beats };
}

function selectionFor(place: Place): Selection {
  switch (place.kind) {
    case 'beat':
      return { beats: [place.beat] };
    case 'choice':
      return { beats: [], edge: { beat: place.beat, choice: place.choice } };
    case 'timeout':
      return { beats: [], edge: { beat: place.beat, timeout: true } };
    default:
      return NOTHING_SELECTED;
  }
}

/** A new editor store, holding `options.doc` or an empty scenario. */
export function createEditorStore(options: EditorStoreOptions = {}): EditorStore {
  const now = options.now ?? (() => Date.now());
  const validate =
    options.validate ?? (options.analysis === 'background' ? checkDocument : validateDocument);
  const initial = options.doc ?? emptyScenario();
  let nonce = 0;

  return createStore<EditorState>()((set, get) => {
    /** Moves to a new document after a change, undo or redo. */
    function commit(doc: Scenario, history: History): void {
      const state = get();
      set({
        doc,
        history,
        revision: state.revision + 1,
        selection: pruneSelection(state.selection, doc),
        validation: validate(doc),
        notice: undefined,
      });
    }

    return {
      doc: initial,
      history: emptyHistory,
      revision: 0,
      opened: 0,
      selection: NOTHING_SELECTED,
      validation: validate(initial),

      dispatch(cmd, options) {
        const state = get();
        let result: readonly [Scenario, Patch[], Patch[]];
        try {
          result = produceWithPatches(state.doc, (draft) => applyCommand(draft as Scenario, cmd));
        } catch (error) {
          if (!(error instanceof CommandRefused)) throw error;
          if (!options?.quiet) set({ notice: error.message });
          return { ok: false, message: error.message };
        }
        const [doc, patches, inverse] = result;
        if (patches.length === 0) return { ok: true };
        const key = coalesceKey(cmd);
        const entry = {
          label: commandLabel(cmd),
          patches,
          inverse,
          at: now(),
          ...(key ? { key } : {}),
        };
        commit(doc, record(state.history, entry));
        return { ok: true };
      },

      undo() {
        const { history, doc } = get();
        const entry = history.past[history.past.length - 1];
        if (!entry) return;
        commit(applyPatches(doc, entry.inverse), {
          past: history.past.slice(0, -1),
          future: [...history.future, entry],
        });
      },

      redo() {
        const { history, doc } = get();
        const entry = history.future[history.future.length - 1];
        if (!entry) return;
        // A redone entry never merges with the next edit.
        const redone = { ...entry, at: -Infinity };
        commit(applyPatches(doc, entry.patches), {
          past: [...history.past, redone],
          future: history.future.slice(0, -1),
        });
      },

      select(selection) {
        set({ selection: pruneSelection(selection, get().doc) });
      },

      reveal(place) {
        nonce += 1;
        set({ selection: pruneSelection(selectionFor(place), get().doc), focus: { place, nonce } });
      },

      open(doc) {
        set({
          doc,
          history: emptyHistory,
          revision: get().revision + 1,
          opened: get().opened + 1,
          selection: NOTHING_SELECTED,
          validation: validate(doc),
          notice: undefined,
        });
      },

      dismissNotice() {
        set({ notice: undefined });
      },

      applyAnalysis(doc, analysis) {
        const state = get();
        if (state.doc !== doc || !state.validation.analyzing) return;
        set({ validation: withAnalysis(state.validation, analysis) });
      },
    };
  });
}
