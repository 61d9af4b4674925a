/**
 * What the toolbar, the keyboard and the canvas ask for, turned into
 * commands: picking fresh ids, placing new beats, asking before a delete.
 */
import type { Choice, Scenario } from '@defuse/schemas';
import type { Point } from './model/commands';
import { uniqueId } from './model/ids';
import { readPositions } from './model/positions';
import { incomingReferences, type BeatReference } from './model/references';
import type { EditorStore } from './store/editor-store';
import { BEAT_HEIGHT, BEAT_WIDTH } from './canvas/graph';

/** A beat id not used yet, from `base` ("beat", "beat-2"...). */
export function freshBeatId(doc: Scenario, base: string): string {
  return uniqueId(base, (id) => doc.beats[id] !== undefined);
}

/** A choice id not used yet in `beatId`. */
export function freshChoiceId(doc: Scenario, beatId: string, base = 'choice'): string {
  const beat = doc.beats[beatId];
  const choices = beat && beat.kind !== 'outcome' ? (beat.choices ?? []) : [];
  return uniqueId(base, (id) => choices.some((c) => c.id === id));
}

/**
 * A spot for a new beat near `near` that no beat covers: moved down (and
 * then right) until it is clear.
 */
export function freeSpot(doc: Scenario, near: Point): Point {
  const taken = Object.values(readPositions(doc));
  const clear = (p: Point) =>
    taken.every(
      (t) => Math.abs(t.x - p.x) >= BEAT_WIDTH + 24 || Math.abs(t.y - p.y) >= BEAT_HEIGHT + 24,
    );
  for (let column = 0; column < 20; column++) {
    for (let row = 0; row < 12; row++) {
      const p = { x: near.x + column * (BEAT_WIDTH + 80), y: near.y + row * (BEAT_HEIGHT + 32) };
      if (clear(p)) return p;
    }
  }
  return near;
}

/** Adds a scene or outcome beat at `position` and selects it. */
export function addBeat(
  store: EditorStore,
  kind: 'scene' | 'outcome',
  position: Point,
): string | undefined {
  const { doc, dispatch, reveal } = store.getState();
  const beatId = freshBeatId(doc, kind === 'outcome' ? 'outcome' : 'beat');
  const title = kind === 'outcome' ? 'New outcome' : 'New beat';
  const at = freeSpot(doc, position);
  const result = dispatch({ type: 'addBeat', beatId, kind, title, position: at });
  if (!result.ok) return undefined;
  reveal({ kind: 'beat', beat: beatId });
  return beatId;
}

/** Adds a choice from one beat to another and selects it. */
export function connectBeats(store: EditorStore, from: string, to: string): void {
  const { doc, dispatch, select } = store.getState();
  const choice: Choice = { id: freshChoiceId(doc, from), label: 'New choice', to };
  if (dispatch({ type: 'addChoice', beatId: from, choice }).ok) {
    select({ beats: [], edge: { beat: from, choice: choice.id } });
  }
}

/** Creates a new beat at `position` with a choice leading to it from `from`, in one step. */
export function branchToNewBeat(store: EditorStore, from: string, position: Point): void {
  const { doc, dispatch, select } = store.getState();
  const beatId = freshBeatId(doc, 'beat');
  const choiceId = freshChoiceId(doc, from);
  const result = dispatch({
    type: 'addBeat',
    beatId,
    kind: 'scene',
    title: 'New beat',
    position,
    via: { beatId: from, choice: { id: choiceId, label: 'New choice' } },
  });
  if (result.ok) select({ beats: [], edge: { beat: from, choice: choiceId } });
}

/** The ways into a set of beats from outside it: what a delete would remove. */
export function incomingFromOutside(doc: Scenario, beatIds: string[]): BeatReference[] {
  const deleting = new Set(beatIds);
  return beatIds.flatMap((id) =>
    incomingReferences(doc, id).filter((ref) => !deleting.has(ref.from.beat)),
  );
}

/** Duplicates the selected beats beside the originals and selects the copies. */
export function duplicateSelection(store: EditorStore): void {
  const { doc, selection, dispatch, select } = store.getState();
  if (selection.beats.length === 0) return;
  const copies: Record<string, string> = {};
  const taken = new Set(Object.keys(doc.beats));
  for (const id of selection.beats) {
    const copy = uniqueId(`${id}-copy`, (c) => taken.has(c));
    taken.add(copy);
    copies[id] = copy;
  }
  // Copies go just below the selection, so neither hides the other.
  const positions = readPositions(doc);
  const ys = selection.beats.map((id) => positions[id]?.y ?? 0);
  const offset = { x: 40, y: Math.max(...ys) - Math.min(...ys) + BEAT_HEIGHT + 48 };
  if (dispatch({ type: 'duplicateBeats', copies, offset }).ok) {
    select({ beats: Object.values(copies) });
  }
}

/**
 * Lays the whole graph out again (one undo step). With a background runner
 * the layout is computed off the main thread, and dropped if the document
 * changed in the meantime.
 */
export async function autoLayout(
  store: EditorStore,
  layout: (doc: Scenario) => Promise<Record<string, Point>>,
): Promise<boolean> {
  const { doc } = store.getState();
  if (Object.keys(doc.beats).length === 0) return false;
  const positions = await layout(doc);
  if (store.getState().doc !== doc) return false;
  return store.getState().dispatch({ type: 'applyLayout', positions }).ok;
}

/**
 * The document with a position for every beat: stored ones are kept, and
 * when any beat has none the whole graph is laid out.
 */
export async function withPositions(
  doc: Scenario,
  layout: (doc: Scenario) => Promise<Record<string, Point>>,
): Promise<Scenario> {
  const stored = readPositions(doc);
  const ids = Object.keys(doc.beats ?? {});
  if (ids.every((id) => stored[id])) return doc;
  const laid = await layout(doc);
  const ext = doc['x-editor'];
  const base = ext && typeof ext === 'object' && !Array.isArray(ext) ? ext : {};
  return { ...doc, 'x-editor': { ...base, positions: { ...laid, ...stored } } };
}
