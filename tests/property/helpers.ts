/**
 * Shared pieces of the property tests: the fixture scenarios, random edits
 * at random places of a JSON document, and random drills.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseScenario, startDrill, type Drill } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';

function load(relative: string): Scenario {
  const path = fileURLToPath(new URL(relative, import.meta.url));
  const { scenario, diagnostics } = parseScenario(new Uint8Array(readFileSync(path)));
  if (!scenario) throw new Error(`${relative} is not valid: ${JSON.stringify(diagnostics)}`);
  return scenario;
}

/** The small lobby scenario: every destination form and variable type, a timer. */
export const lobby = load('../bad-input/lobby.scenario.json');
/** The showcase: 31 beats, 10 outcomes. */
export const library = load('../../scenarios/library-agitated-patron.scenario.json');
export const scenarios = { lobby, library };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

/** Every place in a document, as a list of keys from the root ([] is the root). */
export function placesOf(doc: Json, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at);
  if (Array.isArray(doc)) doc.forEach((v, i) => placesOf(v, [...at, i], out));
  else if (doc !== null && typeof doc === 'object') {
    for (const [k, v] of Object.entries(doc)) placesOf(v, [...at, k], out);
  }
  return out;
}

/** One edit of a JSON document at a place chosen by index among `placesOf(doc)`. */
export type Edit =
  | { op: 'delete'; place: number }
  | { op: 'replace'; place: number; value: Json }
  | { op: 'insert'; place: number; key: string; value: Json };

/** Values that mean something to a scenario or a log, besides arbitrary JSON. */
const telling = fc.constantFrom<Json>(
  '',
  0,
  -1,
  1e308,
  0.5,
  true,
  null,
  [],
  {},
  'arrive',
  'talk',
  'grab',
  'calm',
  'hurt',
  'gap',
  'label',
  'order',
  'agitation',
  'backup',
  'position',
  'outcome',
  'scene',
  'choice',
  'timeout',
  'end',
  'start',
  'constructor',
  'toString',
  '__proto__',
  'x-note',
  '<script>alert(1)</script>',
  'sha256:' + '0'.repeat(64),
  { var: 'agitation', gte: 5 },
  { var: 'nothing', eq: 1 },
  { to: 'calm' },
  { weight: 0, to: 'calm' },
  [{ to: 'calm' }],
);
const keys = fc.constantFrom(
  'to',
  'when',
  'effects',
  'branches',
  'chance',
  'instructor',
  'choices',
  'timeLimitSec',
  'onTimeout',
  'kind',
  'outcome',
  'actsOn',
  'cues',
  'var',
  'eq',
  'in',
  'all',
  'not',
  'x-extra',
  'constructor',
  'toString',
  '__proto__',
  'seq',
  'hash',
  'vars',
  'choice',
  'by',
  'option',
);

export const jsonValue: fc.Arbitrary<Json> = fc.oneof(
  { weight: 2, arbitrary: telling },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json> },
);

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), place: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), place: fc.nat(), value: jsonValue }),
  fc.record({
    op: fc.constant('insert' as const),
    place: fc.nat(),
    key: fc.oneof(keys, fc.string({ maxLength: 8 })),
    value: jsonValue,
  }),
);

/**
 * Applies edits to a deep copy of a document. Places are taken modulo the
 * number of places, so every edit lands somewhere.
 */
export function applyEdits<T>(doc: T, edits: readonly Edit[]): Json {
  let root = structuredClone(doc) as Json;
  for (const e of edits) {
    const places = placesOf(root);
    const path = places[e.place % places.length]!;
    if (path.length === 0) {
      if (e.op === 'replace') root = e.value;
      else if (e.op === 'insert') root = insertInto(root, e.key, e.value);
      continue;
    }
    const parent = follow(root, path.slice(0, -1)) as Container;
    const last = path[path.length - 1]!;
    if (e.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last as string];
    } else if (e.op === 'replace') {
      setOwn(parent, last, e.value);
    } else {
      setOwn(parent, last, insertInto(follow(root, path), e.key, e.value));
    }
  }
  return root;
}

function follow(root: Json, path: (string | number)[]): Json {
  let node = root;
  for (const k of path) node = (node as Record<string | number, Json>)[k]!;
  return node;
}

/** Sets an own property even for names like `__proto__`, as JSON.parse would. */
function setOwn(target: Container, key: string | number, value: Json): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function insertInto(node: Json, key: string, value: Json): Json {
  if (Array.isArray(node)) return [...node, value];
  if (node !== null && typeof node === 'object') {
    const copy = { ...node };
    setOwn(copy, key, value);
    return copy;
  }
  return value;
}

/** What a random trainee does at each step of a drill. */
export interface Moves {
  seed: number;
  /** Each entry picks among what is possible (modulo their number). */
  picks: number[];
  /** Milliseconds between decisions. */
  waits: number[];
  instructor: 'solo' | 'present';
}

export const moves: fc.Arbitrary<Moves> = fc.record({
  seed: fc.integer({ min: 0, max: 0xffffffff }),
  picks: fc.array(fc.nat(), { minLength: 5, maxLength: 40 }),
  waits: fc.array(fc.integer({ min: 0, max: 20_000 }), { minLength: 1, maxLength: 30 }),
  instructor: fc.constantFrom('solo' as const, 'present' as const),
});

/**
 * Runs a drill taking, at each step, one of the things a person could do
 * there: an offered choice, letting the timer run out (only once it has),
 * an instructor pick, or a pause and unpause.
 */
export async function randomDrill(scenario: Scenario, m: Moves): Promise<DecisionLog> {
  let now = 0;
  const drill: Drill = await startDrill(scenario, {
    seed: m.seed,
    instructor: m.instructor,
    clock: () => now,
    sessionId: '6f1c2a4e-1f3d-4c5b-9a8e-7d6f5e4c3b2a',
    startedAt: '2026-11-22T14:03:00.000Z',
    trainee: { id: 'prop' },
  });
  for (let i = 0; i < m.picks.length; i++) {
    if (drill.snapshot().done) break;
    now += m.waits[i % m.waits.length]!;
    const pick = m.picks[i]!;
    const after = drill.snapshot();
    if (after.instructorOptions) {
      await drill.pick(pick % after.instructorOptions.length);
      continue;
    }
    const options: (() => Promise<unknown>)[] = after.choices.map((c) => () => drill.choose(c.id));
    if (after.remainingMs === 0) options.push(() => drill.expire());
    if (pick % 7 === 6) {
      options.push(async () => {
        await drill.pause();
        now += 1500;
        await drill.unpause();
      });
    }
    if (options.length === 0) break;
    await options[pick % options.length]!();
  }
  return drill.log();
}
