/**
 * Whatever arrives as a file (random bytes, random text, random JSON, a
 * valid scenario with its text damaged), reading it never throws and every
 * finding is a known diagnostic that says where.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  analyzeScenario,
  DIAGNOSTIC_CODES,
  hasErrors,
  parseLog,
  parseScenario,
  validateScenario,
  verifyLog,
  type Diagnostic,
  type ParseResult,
} from '@defuse/engine';
import { library, lobby } from './helpers';

const RUNS = { numRuns: 300 };

function expectWellFormed(diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) {
    expect(Object.keys(DIAGNOSTIC_CODES)).toContain(d.code);
    expect(d.severity).toBe(DIAGNOSTIC_CODES[d.code as keyof typeof DIAGNOSTIC_CODES].severity);
    expect(d.path === '' || d.path.startsWith('/')).toBe(true);
    expect(d.message).not.toMatch(/\n\s+at /);
  }
}

/** A scenario comes back exactly when there is no error, and then analysis works too. */
function expectScenarioResult(result: ParseResult): void {
  expectWellFormed(result.diagnostics);
  expect(result.scenario !== undefined).toBe(!hasErrors(result.diagnostics));
  if (result.scenario) expectWellFormed(analyzeScenario(result.scenario).diagnostics);
}

function expectLogResult(input: string | Uint8Array | unknown): void {
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const parsed = parseLog(input);
    expectWellFormed(parsed.diagnostics);
    expect(parsed.log !== undefined).toBe(parsed.diagnostics.length === 0);
    return;
  }
  for (const scenario of [undefined, lobby]) {
    const check = verifyLog(scenario, input);
    expectWellFormed(check.diagnostics);
    expect(check.ok).toBe(check.diagnostics.length === 0);
  }
}

const lobbyText = JSON.stringify(lobby, null, 2);

/** A damaged copy of a text: spans deleted and random text inserted at random places. */
const damage = fc.array(
  fc.record({
    at: fc.nat(),
    remove: fc.nat({ max: 12 }),
    insert: fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', '/*', '//', '\uFEFF', '\u0000'),
    ),
  }),
  { minLength: 1, maxLength: 5 },
);

function damaged(text: string, edits: { at: number; remove: number; insert: string }[]): string {
  let out = text;
  for (const e of edits) {
    const at = e.at % (out.length + 1);
    out = out.slice(0, at) + e.insert + out.slice(at + e.remove);
  }
  return out;
}

describe('reading never throws', () => {
  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        expectScenarioResult(parseScenario(bytes));
        expectLogResult(bytes);
      }),
      RUNS,
    );
  });

  it('on random text, including lone surrogates and control characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expectScenarioResult(parseScenario(text));
        expectLogResult(text);
      }),
      RUNS,
    );
  });

  it('on random JSON documents, as text and as objects', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const text = JSON.stringify(value) ?? 'null';
        expectScenarioResult(parseScenario(text));
        expectScenarioResult(validateScenario(value));
        expectLogResult(text);
        expectLogResult(value);
      }),
      RUNS,
    );
  });

  it('on random JSON objects that claim to be scenarios and logs', () => {
    const claims = fc.dictionary(
      fc.constantFrom('id', 'version', 'title', 'start', 'beats', 'variables', 'events', 'x-a'),
      fc.jsonValue({ maxDepth: 4 }),
    );
    fc.assert(
      fc.property(claims, (fields) => {
        expectScenarioResult(validateScenario({ format: 'defuse/scenario@1', ...fields }));
        expectLogResult({ format: 'defuse/decision-log@1', ...fields });
      }),
      RUNS,
    );
  });

  it('on valid scenario text with a few characters deleted or inserted', () => {
    fc.assert(
      fc.property(damage, (edits) => {
        const text = damaged(lobbyText, edits);
        expectScenarioResult(parseScenario(text));
        expectScenarioResult(parseScenario(new TextEncoder().encode(text)));
      }),
      RUNS,
    );
  });

  it('on deep nesting and long documents near the limits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.constantFrom('[', '{"a":'),
        (depth, open) => {
          const close = open === '[' ? ']' : '}';
          const text = open.repeat(depth) + '1' + close.repeat(depth);
          const result = parseScenario(text);
          expectScenarioResult(result);
          if (depth > 64) expect(result.diagnostics.map((d) => d.code)).toEqual(['DF102']);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('accepts the fixtures themselves, so the properties above start from valid documents', () => {
    expect(parseScenario(lobbyText).scenario).toEqual(lobby);
    expect(validateScenario(structuredClone(library)).scenario).toBeDefined();
  });
});
