import { describe, expect, it } from 'vitest';
import { validateScenario } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { bundledFiles, bundledIndex } from '../src/scenarios/bundled';
import { indexEntry } from '../scenario-index';

describe('the bundled scenario library', () => {
  it('ships only scenarios the engine accepts, each listed under its own id and title', async () => {
    const files = bundledFiles();
    expect(files.map((f) => f.fileName)).toContain('library-agitated-patron.scenario.json');
    expect(bundledIndex.map((e) => e.fileName)).toEqual(files.map((f) => f.fileName));
    for (const file of files) {
      const result = validateScenario(await file.load());
      expect(
        result.diagnostics.filter((d) => d.severity === 'error'),
        file.fileName,
      ).toEqual([]);
      const scenario = result.scenario as Scenario;
      const listed = bundledIndex.find((e) => e.fileName === file.fileName)!;
      expect(listed).toMatchObject({
        id: scenario.id,
        version: scenario.version,
        title: scenario.title,
      });
    }
  });

  it('indexes the fields the home screen shows, and skips a file that is not JSON', () => {
    const entry = indexEntry(
      'x.scenario.json',
      JSON.stringify({
        id: 'x',
        version: '1.0.0',
        title: 'X',
        summary: 'S',
        estimatedMinutes: 4,
        tags: ['welfare-check'],
        'x-callType': 'Welfare check',
      }),
    );
    expect(entry).toEqual({
      fileName: 'x.scenario.json',
      id: 'x',
      version: '1.0.0',
      title: 'X',
      summary: 'S',
      estimatedMinutes: 4,
      callType: 'Welfare check',
      tags: ['welfare-check'],
    });
    expect(indexEntry('bad.scenario.json', '{ nope')).toBeUndefined();
  });
});
