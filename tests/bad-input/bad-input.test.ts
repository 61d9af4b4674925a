/**
 * The bad-input corpus: every malformed scenario and every malformed or
 * tampered decision log in this folder must be refused with the exact
 * diagnostic code and JSON pointer listed in `expected.json` (and, for logs,
 * the verification problem and the first bad `seq`), never with a throw.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  analyzeScenario,
  DIAGNOSTIC_CODES,
  parseLog,
  parseScenario,
  validateScenario,
  verifyLog,
  type Diagnostic,
  type SignatureVerdict,
  type TrustedKey,
  type VerifyProblem,
} from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';

interface Where {
  code: string;
  path: string;
}

interface ScenarioExpectation extends Partial<Where> {
  /** The file is a valid scenario (warnings aside) and analysis finds no error. */
  valid?: true;
  /** 'analysis': the file parses, and `analyzeScenario` reports the error. */
  stage?: 'analysis';
  beat?: string;
  line?: number;
  column?: number;
  /** Further errors the same mistake causes. */
  also?: Where[];
  /** Every warning expected, from parsing and analysis. */
  warnings?: Where[];
}

interface LogExpectation extends Partial<Where> {
  valid?: true;
  /** For an intact log: the signature verdict against `trusted-keys.json`. */
  signature?: SignatureVerdict['state'];
  by?: SignatureVerdict['by'];
  /** Present when the log parses and `verifyLog` refuses it. */
  problem?: VerifyProblem;
  seq?: number;
  line?: number;
}

const here = dirname(fileURLToPath(import.meta.url));
const expected = JSON.parse(readFileSync(join(here, 'expected.json'), 'utf8')) as {
  scenarios: Record<string, ScenarioExpectation>;
  logs: Record<string, LogExpectation>;
};
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));
const lobby = parseScenario(bytesOf(join(here, 'lobby.scenario.json'))).scenario as Scenario;
/** The keys a hub registered for the corpus: one tablet and the hub itself. */
const trust = (
  JSON.parse(readFileSync(join(here, 'trusted-keys.json'), 'utf8')) as { keys: TrustedKey[] }
).keys;

const where = (d: Diagnostic): Where => ({ code: d.code, path: d.path });
const sorted = (list: Where[]) =>
  [...list].sort((a, b) => (a.path + a.code).localeCompare(b.path + b.code));
const errorsOf = (ds: Diagnostic[]) => ds.filter((d) => d.severity === 'error');
const warningsOf = (ds: Diagnostic[]) => ds.filter((d) => d.severity !== 'error');

/** A diagnostic a person can read: a known code, its severity, a message without a stack trace. */
function expectReadable(d: Diagnostic): void {
  expect(Object.keys(DIAGNOSTIC_CODES)).toContain(d.code);
  expect(d.message.length).toBeGreaterThan(10);
  expect(d.message).not.toMatch(/\n\s+at |TypeError|ReferenceError|undefined|\[object /);
  expect(d.path === '' || d.path.startsWith('/')).toBe(true);
}

/** The JSON text of a file, as `JSON.parse` sees it, when there is one. */
function looseJson(bytes: Uint8Array): unknown {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

describe('the bad-input corpus', () => {
  it('lists every file of both folders in expected.json, and nothing else', () => {
    expect(readdirSync(join(here, 'scenarios')).sort()).toEqual(
      Object.keys(expected.scenarios).sort(),
    );
    expect(readdirSync(join(here, 'logs')).sort()).toEqual(Object.keys(expected.logs).sort());
  });

  it('holds at least 40 malformed scenarios and 15 malformed or tampered logs', () => {
    const bad = (e: { valid?: true }) => !e.valid;
    expect(Object.values(expected.scenarios).filter(bad).length).toBeGreaterThanOrEqual(40);
    expect(Object.values(expected.logs).filter(bad).length).toBeGreaterThanOrEqual(15);
  });

  it('is built from a lobby scenario that is valid, so each file holds only its own mistake', () => {
    expect(lobby).toBeDefined();
    expect(errorsOf(analyzeScenario(lobby).diagnostics)).toEqual([]);
  });
});

describe('malformed scenarios', () => {
  it.each(Object.entries(expected.scenarios))('%s', (file, want) => {
    const bytes = bytesOf(join(here, 'scenarios', file));
    const result = parseScenario(bytes);
    result.diagnostics.forEach(expectReadable);
    const analysis = result.scenario ? analyzeScenario(result.scenario).diagnostics : [];
    analysis.forEach(expectReadable);
    const warnings = [...warningsOf(result.diagnostics), ...warningsOf(analysis)];
    expect(sorted(warnings.map(where))).toEqual(sorted(want.warnings ?? []));

    if (want.valid) {
      expect(errorsOf([...result.diagnostics, ...analysis])).toEqual([]);
      // Text is kept exactly as written: nothing is escaped, stripped or evaluated.
      expect(result.scenario).toEqual(looseJson(bytes));
      return;
    }

    if (want.stage === 'analysis') expect(result.scenario).toBeDefined();
    else expect(result.scenario).toBeUndefined();
    const errors = errorsOf(want.stage === 'analysis' ? analysis : result.diagnostics);
    const primary = { code: want.code!, path: want.path! };
    expect(sorted(errors.map(where))).toEqual(sorted([primary, ...(want.also ?? [])]));
    const main = errors.find((d) => d.code === primary.code && d.path === primary.path)!;
    expect(main.beat).toBe(want.beat);
    if (want.line !== undefined) expect(main.line).toBe(want.line);
    if (want.column !== undefined) expect(main.column).toBe(want.column);

    // The same document as an object gets the same verdict (where it is JSON at all).
    const doc = looseJson(bytes);
    if (doc !== undefined && want.stage !== 'analysis' && !want.code!.startsWith('DF1')) {
      const again = validateScenario(doc).diagnostics;
      expect(sorted(errorsOf(again).map(where))).toEqual(sorted(errors.map(where)));
    }
  });
});

describe('malformed and tampered decision logs', () => {
  it.each(Object.entries(expected.logs))('%s', (file, want) => {
    const bytes = bytesOf(join(here, 'logs', file));
    const parsed = parseLog(bytes);
    parsed.diagnostics.forEach(expectReadable);

    if (!want.valid && want.problem === undefined) {
      // Refused on reading.
      expect(parsed.log).toBeUndefined();
      expect(where(parsed.diagnostics[0]!)).toEqual({ code: want.code, path: want.path });
      if (want.line !== undefined) expect(parsed.diagnostics[0]!.line).toBe(want.line);
      // verifyLog on the raw object (a caller that skipped parseLog) refuses it the same way;
      // a file JSON.parse reads differently (duplicate keys) is another document.
      const raw = looseJson(bytes);
      if (raw !== undefined && !want.code!.startsWith('DF1')) {
        const check = verifyLog(lobby, raw);
        expect(check.ok).toBe(false);
        expect(check.problem).toBe('format');
        expect(where(check.diagnostics[0]!)).toEqual({ code: want.code, path: want.path });
      }
      return;
    }

    expect(parsed.diagnostics).toEqual([]);
    const log = parsed.log!;
    const check = verifyLog(lobby, log, { trust });
    check.diagnostics.forEach(expectReadable);
    if (want.valid) {
      expect(check).toMatchObject({ ok: true, diagnostics: [] });
      expect(verifyLog(undefined, log).ok).toBe(true);
      if (want.signature) expect(check.signature.state).toBe(want.signature);
      expect(check.signature.by).toBe(want.by);
      return;
    }
    expect(check.ok).toBe(false);
    expect(check.problem).toBe(want.problem);
    expect(check.seq).toBe(want.seq);
    expect(where(check.diagnostics[0]!)).toEqual({ code: want.code, path: want.path });
    expect(check.message).toMatch(want.seq === undefined ? /./ : new RegExp(`\\b${want.seq}\\b`));

    // Edits the chain, the sealed header or the signatures show are found
    // without the scenario; forgeries need replay, and a claimed version the scenario.
    const chainOnly = verifyLog(undefined, log);
    const withoutScenario = ['hash-mismatch', 'seq-gap', 'time-reversed', 'signature-mismatch', 'unsigned-tail'];
    if (
      withoutScenario.includes(want.problem!) ||
      (want.problem === 'header-mismatch' && want.path !== '/scenario/version')
    ) {
      expect(chainOnly).toMatchObject({ ok: false, problem: want.problem, seq: want.seq });
    } else {
      expect(chainOnly.ok).toBe(true);
    }
  });
});
