/**
 * The exported file: the canonical document, with fields in the contract's
 * order and `x-editor` positions kept, so exports are stable and diff well.
 */
import type { Scenario } from '@defuse/schemas';

type Order = readonly string[];

const SCENARIO: Order = [
  'format',
  'id',
  'version',
  'title',
  'summary',
  'objectives',
  'tags',
  'authors',
  'estimatedMinutes',
  'variables',
  'start',
  'beats',
];
const VARIABLE: Order = ['type', 'values', 'initial', 'min', 'max', 'label'];
const BEAT: Order = [
  'kind',
  'title',
  'narrative',
  'lines',
  'cues',
  'media',
  'cdm',
  'timeLimitSec',
  'onTimeout',
  'choices',
  'outcome',
];
const LINE: Order = ['speaker', 'text'];
const CUE: Order = ['id', 'kind', 'text'];
const MEDIA: Order = ['type', 'src', 'alt'];
const CHOICE: Order = [
  'id',
  'label',
  'technique',
  'rating',
  'feedback',
  'when',
  'effects',
  'actsOn',
  'to',
  'branches',
  'chance',
  'instructor',
];
const TIMEOUT: Order = ['to', 'branches', 'chance', 'instructor', 'effects', 'feedback'];
const BRANCH: Order = ['when', 'to'];
const CHANCE: Order = ['weight', 'to'];
const INSTRUCTOR: Order = ['label', 'to', 'weight'];
const OUTCOME: Order = ['result', 'force', 'officerInjury', 'subjectInjury'];
const CONDITION: Order = ['var', 'eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'all', 'any', 'not'];
const EFFECT: Order = ['set', 'to', 'add', 'by'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** Known keys in `order`, then the rest alphabetically (extensions last of all). */
function ordered(
  value: unknown,
  order: Order,
  child: (key: string, v: unknown) => unknown = (_k, v) => v,
): unknown {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  const known = order.filter((k) => k in value);
  const rest = keys
    .filter((k) => !order.includes(k))
    .sort((a, b) => {
      const ax = a.startsWith('x-') ? 1 : 0;
      const bx = b.startsWith('x-') ? 1 : 0;
      return ax - bx || (a < b ? -1 : a > b ? 1 : 0);
    });
  const out: Record<string, unknown> = {};
  for (const k of [...known, ...rest]) out[k] = child(k, value[k]);
  return out;
}

function list(value: unknown, each: (v: unknown) => unknown): unknown {
  return Array.isArray(value) ? value.map(each) : value;
}

function condition(value: unknown): unknown {
  return ordered(value, CONDITION, (k, v) => {
    if (k === 'all' || k === 'any') return list(v, condition);
    if (k === 'not') return condition(v);
    return v;
  });
}

function destination(k: string, v: unknown): unknown {
  if (k === 'branches')
    return list(v, (b) => ordered(b, BRANCH, (bk, bv) => (bk === 'when' ? condition(bv) : bv)));
  if (k === 'chance') return list(v, (o) => ordered(o, CHANCE));
  if (k === 'instructor') return list(v, (o) => ordered(o, INSTRUCTOR));
  if (k === 'effects') return list(v, (e) => ordered(e, EFFECT));
  if (k === 'when') return condition(v);
  return v;
}

function beat(value: unknown): unknown {
  return ordered(value, BEAT, (k, v) => {
    if (k === 'lines') return list(v, (l) => ordered(l, LINE));
    if (k === 'cues') return list(v, (c) => ordered(c, CUE));
    if (k === 'media') return list(v, (m) => ordered(m, MEDIA));
    if (k === 'onTimeout') return ordered(v, TIMEOUT, destination);
    if (k === 'choices') return list(v, (c) => ordered(c, CHOICE, destination));
    if (k === 'outcome') return ordered(v, OUTCOME);
    return v;
  });
}

/** The document with every object's keys in the contract's order. */
export function canonicalDocument(doc: Scenario): Scenario {
  return ordered(doc, SCENARIO, (k, v) => {
    if (k === 'variables' && isRecord(v)) {
      return Object.fromEntries(
        Object.entries(v).map(([name, def]) => [name, ordered(def, VARIABLE)]),
      );
    }
    if (k === 'beats' && isRecord(v)) {
      return Object.fromEntries(Object.entries(v).map(([id, b]) => [id, beat(b)]));
    }
    return v;
  }) as Scenario;
}

/** The text of the exported file. */
export function exportText(doc: Scenario): string {
  return `${JSON.stringify(canonicalDocument(doc), null, 2)}\n`;
}

/** File name for the export: `<scenario id>.scenario.json`. */
export function exportFileName(doc: Scenario): string {
  const id = typeof doc.id === 'string' && /^[a-z][a-z0-9-]*$/.test(doc.id) ? doc.id : 'scenario';
  return `${id}.scenario.json`;
}
