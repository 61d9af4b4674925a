import { describe, expect, it } from 'vitest';
import type { Scenario, SceneBeat } from '@defuse/schemas';
import { analyzeScenario, parseScenario, validateScenario, MAX_NESTING } from '../src/index';
import { fakeBeat, fakeScenario, lobby } from './helpers';

const codes = (text: string | Uint8Array) =>
  parseScenario(text).diagnostics.map((d) => `${d.code} ${d.path}`);

describe('parseScenario', () => {
  it('accepts a valid scenario and returns it', () => {
    const result = parseScenario(JSON.stringify(lobby()));
    expect(result.diagnostics).toEqual([]);
    expect(result.scenario?.id).toBe('lobby-test');
  });

  it('reports invalid UTF-8 bytes instead of decoding them to replacement characters', () => {
    const bytes = new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]);
    expect(codes(bytes)).toEqual(['DF100 ']);
  });

  it('refuses documents over 5 MB', () => {
    const big = JSON.stringify({ ...fakeScenario(), summary: 'x'.repeat(5 * 1024 * 1024) });
    expect(codes(big)).toEqual(['DF101 ']);
  });

  it('refuses nesting deeper than 64 without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const result = parseScenario(deep);
    expect(result.diagnostics[0]?.code).toBe('DF102');
    expect(result.diagnostics[0]?.message).toContain(String(MAX_NESTING));
  });

  it('reports a duplicate key with its pointer and line', () => {
    const text = '{\n  "format": "defuse/scenario@1",\n  "id": "a",\n  "id": "b"\n}';
    const d = parseScenario(text).diagnostics[0];
    expect(d).toMatchObject({ code: 'DF104', path: '/id', line: 4 });
  });

  it('reports a syntax error with line and column', () => {
    const d = parseScenario('{\n  "format": "defuse/scenario@1",\n  "id": "a",\n}').diagnostics[0];
    expect(d?.code).toBe('DF103');
    expect(d?.line).toBe(4);
  });

  it('refuses comments, which JSON does not allow', () => {
    expect(codes('{ // note\n "a": 1 }')[0]).toMatch(/^DF103/);
  });

  it('reports an empty file', () => {
    expect(codes('  \n')).toEqual(['DF105 ']);
  });

  it('names the format version it found and the one it reads', () => {
    const d = parseScenario(JSON.stringify({ ...fakeScenario(), format: 'defuse/scenario@2' }))
      .diagnostics[0];
    expect(d?.code).toBe('DF200');
    expect(d?.message).toContain('defuse/scenario@2');
    expect(d?.message).toContain('defuse/scenario@1');
  });

  it('points at an unknown field and gives its line', () => {
    const doc = fakeScenario();
    const text = JSON.stringify(
      { ...doc, beats: { ...doc.beats, a: { title: 'A', lable: 'x', choices: [] } } },
      null,
      2,
    );
    const d = parseScenario(text).diagnostics.find((x) => x.code === 'DF202');
    expect(d).toMatchObject({ path: '/beats/a/lable', beat: 'a' });
    expect(d?.line).toBeGreaterThan(1);
  });

  it('keeps scenario text with markup as plain text, valid and untouched', () => {
    const doc = fakeScenario();
    const narrative = '<img src=x onerror=alert(1)><script>alert(2)</script>';
    const beats = { ...doc.beats, a: { ...doc.beats.a!, narrative } };
    const result = parseScenario(JSON.stringify({ ...doc, beats }));
    expect(result.diagnostics).toEqual([]);
    expect(result.scenario?.beats.a?.narrative).toBe(narrative);
  });

  it('reports a lone surrogate, which cannot be hashed', () => {
    const text = JSON.stringify(fakeScenario()).replace('"Fake"', '"Fa\\ud800ke"');
    expect(codes(text)).toEqual(['DF100 /title']);
  });

  it('never throws on things that are not scenarios', () => {
    for (const input of ['null', '42', '"x"', '[]', '{}', 'true', '\u0000', '{"format":1}']) {
      expect(() => parseScenario(input)).not.toThrow();
      expect(parseScenario(input).scenario).toBeUndefined();
    }
  });
});

describe('validateScenario', () => {
  it('validates an object without text positions', () => {
    expect(validateScenario(lobby()).scenario).toBeDefined();
    expect(validateScenario(undefined).diagnostics[0]?.code).toBe('DF200');
  });

  it('analyses a valid scenario when asked, with the same findings as analyzeScenario', () => {
    const doc = structuredClone(lobby()) as Scenario;
    // An island beat nobody reaches, and a timer that never runs out (onTimeout without it).
    doc.beats.island = fakeBeat({ choices: [{ id: 'back', label: 'Back', to: 'arrive' }] });
    delete (doc.beats.talk as SceneBeat).timeLimitSec;
    const result = validateScenario(doc, { analyse: true });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['DF313']);
    expect(result.analysis).toEqual(analyzeScenario(doc));
    expect(result.analysis?.unreachableBeats).toEqual(['island']);
    expect(validateScenario(doc).analysis).toBeUndefined();
  });

  it('does not analyse a scenario with errors', () => {
    const doc = structuredClone(lobby()) as Scenario;
    doc.start = 'nowhere';
    expect(validateScenario(doc, { analyse: true })).toEqual({
      diagnostics: [expect.objectContaining({ code: 'DF302' })],
    });
  });

  it("gives the analysis's findings their line in the text", () => {
    const doc = structuredClone(lobby()) as Scenario;
    doc.beats.island = fakeBeat({ choices: [{ id: 'back', label: 'Back', to: 'arrive' }] });
    const text = JSON.stringify(doc, null, 2);
    const found = parseScenario(text, { analyse: true }).analysis?.diagnostics[0];
    expect(found).toMatchObject({ code: 'DF401', path: '/beats/island' });
    expect(text.split('\n')[found!.line! - 1]).toContain('"island"');
  });
});
