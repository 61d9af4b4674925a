/**
 * The validators compiled ahead of time behave exactly like ajv compiling the
 * published schema files at run time, on many randomly damaged documents, and
 * every schema path they report points into the schema.
 */
import Ajv2020 from 'ajv/dist/2020';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decisionLogSchema,
  scenarioSchema,
  validateDecisionLogSchema,
  validateScenarioSchema,
  type SchemaError,
} from '../src/index';
import validateScenario from '../src/generated/validate-scenario';
import validateDecisionLog from '../src/generated/validate-decision-log';
import type { GeneratedValidator } from '../src/generated/validate-scenario';
import { completeLog, completeScenario, type Loose } from './helpers';

const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
});

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys: (string | number)[] = Array.isArray(value)
    ? value.map((_, i) => i)
    : Object.keys(value);
  return [prefix, ...keys.flatMap((k) => pathsOf((value as Loose)[k], [...prefix, k]))];
}

type Damage =
  | { kind: 'replace'; value: unknown }
  | { kind: 'delete' }
  | { kind: 'add'; key: string; value: unknown };

const damage: fc.Arbitrary<Damage> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('delete' as const) }),
  fc.record({
    kind: fc.constant('add' as const),
    key: fc.oneof(fc.constantFrom('to', 'x-note', 'when', 'kind', 'by', 'var', 'lt'), fc.string()),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
);

function damaged(doc: unknown, paths: Path[], picks: [number, Damage][]): unknown {
  const copy = structuredClone(doc) as Loose;
  for (const [index, hurt] of picks) {
    const path = paths[index % paths.length] ?? [];
    if (path.length === 0) continue;
    let parent = copy;
    for (const key of path.slice(0, -1)) {
      if (parent === null || typeof parent !== 'object') break;
      parent = parent[key];
    }
    if (parent === null || typeof parent !== 'object') continue;
    const last = path[path.length - 1] as string | number;
    if (hurt.kind === 'replace') parent[last] = hurt.value;
    else if (hurt.kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else if (
      parent[last] !== null &&
      typeof parent[last] === 'object' &&
      !Array.isArray(parent[last])
    ) {
      parent[last][hurt.key] = hurt.value;
    }
  }
  return copy;
}

function resolves(schema: object, schemaPath: string): boolean {
  let node: unknown = schema;
  for (const token of schemaPath
    .replace(/^#/, '')
    .replace(/\/false schema$/, '')
    .split('/')
    .slice(1)) {
    if (node === null || typeof node !== 'object') return false;
    node = (node as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node !== undefined;
}

const summary = (errors: { instancePath: string; keyword: string }[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`).sort();

const validators: [string, object, GeneratedValidator, (doc: unknown) => SchemaError[], unknown][] =
  [
    ['scenario', scenarioSchema, validateScenario, validateScenarioSchema, completeScenario()],
    [
      'decision log',
      decisionLogSchema,
      validateDecisionLog,
      validateDecisionLogSchema,
      completeLog(),
    ],
  ];

describe.each(validators)('%s validator', (_, schema, generated, validateSchema, doc) => {
  const reference = ajv.compile(schema);
  const paths = pathsOf(doc);

  it('agrees with ajv compiling the schema file, on damaged documents', () => {
    let invalid = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), damage), { minLength: 1, maxLength: 3 }), (picks) => {
        const candidate = damaged(doc, paths, picks);
        const ok = generated(candidate);
        expect(ok).toBe(reference(candidate));
        expect(summary(generated.errors)).toEqual(summary(reference.errors));
        for (const error of generated.errors ?? []) {
          expect(resolves(schema, error.schemaPath), error.schemaPath).toBe(true);
        }
        const explained = validateSchema(candidate);
        expect(explained.length > 0).toBe(!ok);
        for (const error of explained) {
          // ajv's own wording ("must match exactly one schema in oneOf") never reaches an author.
          expect(error.message).not.toMatch(/schema|must match|NaN|undefined|\[object/);
        }
        if (!ok) invalid++;
      }),
      { numRuns: 400, seed: 20261122 },
    );
    // Most damage must actually break the document, or this test proves little.
    expect(invalid).toBeGreaterThan(200);
  });
});
