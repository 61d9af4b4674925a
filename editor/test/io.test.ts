import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { importScenario } from '../src/io';
import { canonicalDocument, exportFileName, exportText } from '../src/export-format';
import { fakeScenario } from './factories';

const SCENARIOS = join(import.meta.dirname, '..', '..', 'scenarios');

describe('import', () => {
  it('opens a valid scenario file', () => {
    const result = importScenario(JSON.stringify(fakeScenario()));
    expect(result.ok && result.doc.id).toBe('library-patron');
  });

  it('refuses text that is not JSON, saying where', () => {
    const result = importScenario(
      '{ "format": "defuse/scenario@1",\n  "beats": [ }',
      '“draft.json”',
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(
      /^“draft.json” is not valid JSON, so nothing was opened\. line 2, column \d+: /,
    );
  });

  it('refuses JSON that is not a scenario', () => {
    const result = importScenario(JSON.stringify({ format: 'defuse/decision-log@1', events: [] }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(
      'is not a Defuse scenario, so nothing was opened.',
    );
  });

  it('refuses a scenario whose fields have the wrong types', () => {
    const broken = { ...fakeScenario(), beats: { arrival: { title: 42 } } };
    const result = importScenario(JSON.stringify(broken));
    expect(result.ok).toBe(false);
  });

  it('opens work in progress whose content still has errors, with the diagnostics', () => {
    const wip = fakeScenario({ start: 'not-written-yet' });
    const result = importScenario(JSON.stringify(wip));
    expect(result.ok).toBe(true);
    expect(result.diagnostics.map((d) => d.code)).toContain('DF302');
    expect(result.ok && result.doc.start).toBe('not-written-yet');
  });
});

describe('export', () => {
  it('writes fields in the contract order, extensions last, with x-editor kept', () => {
    const doc = fakeScenario();
    const shuffled = {
      'x-editor': { positions: { arrival: { x: 1, y: 2 } } },
      beats: doc.beats,
      start: doc.start,
      title: doc.title,
      variables: doc.variables,
      id: doc.id,
      version: doc.version,
      format: doc.format,
    };
    const text = exportText(shuffled as never);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual([
      'format',
      'id',
      'version',
      'title',
      'variables',
      'start',
      'beats',
      'x-editor',
    ]);
    const arrival = (parsed.beats as Record<string, Record<string, unknown>>).arrival!;
    expect(Object.keys(arrival)).toEqual([
      'title',
      'narrative',
      'cdm',
      'timeLimitSec',
      'onTimeout',
      'choices',
    ]);
    const choice = (arrival.choices as Record<string, unknown>[])[0]!;
    expect(Object.keys(choice)).toEqual(['id', 'label', 'technique', 'rating', 'effects', 'to']);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('gives the same text however the document was built', () => {
    const a = fakeScenario();
    const b = JSON.parse(JSON.stringify(canonicalDocument(a)));
    expect(exportText(b)).toBe(exportText(a));
  });

  it('names the file after the scenario id', () => {
    expect(exportFileName(fakeScenario())).toBe('library-patron.scenario.json');
    expect(exportFileName(fakeScenario({ id: 'Not A Slug' }))).toBe('scenario.scenario.json');
  });

  it('round-trips every shipped scenario to an equal document', () => {
    const files = readdirSync(SCENARIOS).filter((f) => f.endsWith('.scenario.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(join(SCENARIOS, file), 'utf8');
      const result = importScenario(text);
      expect(result.ok).toBe(true);
      if (!result.ok) continue;
      expect(JSON.parse(exportText(result.doc))).toEqual(JSON.parse(text));
    }
  });
});
