/**
 * Canvas positions live in the document itself, under a top-level
 * `x-editor` extension field, so a scenario file keeps its layout and stays
 * valid (the schema allows `x-` fields).
 */
import type { Scenario } from '@defuse/schemas';
import type { Point } from './commands';

/** What the editor keeps in `x-editor`. */
export interface EditorExtension {
  positions?: Record<string, Point>;
}

function isPoint(value: unknown): value is Point {
  if (!value || typeof value !== 'object') return false;
  const p = value as Record<string, unknown>;
  return typeof p.x === 'number' && typeof p.y === 'number' && isFinite(p.x) && isFinite(p.y);
}

/** The stored position of each beat that has one; malformed entries are ignored. */
export function readPositions(doc: Scenario): Record<string, Point> {
  const ext = doc['x-editor'];
  if (!ext || typeof ext !== 'object') return {};
  const positions = (ext as EditorExtension).positions;
  if (!positions || typeof positions !== 'object') return {};
  const out: Record<string, Point> = {};
  for (const [id, p] of Object.entries(positions)) if (isPoint(p)) out[id] = p;
  return out;
}

/** The `x-editor.positions` object of a draft, created when missing. */
export function writablePositions(doc: Scenario): Record<string, Point> {
  let ext = doc['x-editor'] as EditorExtension | undefined;
  if (!ext || typeof ext !== 'object' || Array.isArray(ext)) {
    ext = {};
    doc['x-editor'] = ext;
  }
  if (!ext.positions || typeof ext.positions !== 'object') ext.positions = {};
  return ext.positions;
}

/** Beats that have no stored position yet. */
export function beatsWithoutPosition(doc: Scenario): string[] {
  const positions = readPositions(doc);
  return Object.keys(doc.beats ?? {}).filter((id) => !positions[id]);
}
