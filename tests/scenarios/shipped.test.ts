/**
 * The shipped scenario library: every file parses, validates and lints
 * clean, and each scenario has what an academy needs from it (enough beats
 * and outcomes, CDM steps, rated and explained choices, cues that choices
 * act on, variables that matter, a timer).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isOutcomeBeat,
  type Condition,
  type Destination,
  type Effect,
  type Scenario,
  type SceneBeat,
} from '@defuse/schemas';
import { analyzeScenario, validateScenario } from '@defuse/engine';
import { captureIo } from '../../engine/src/cli/capture-io';
import { runCli } from '../../engine/src/cli/registry';
import { loadShipped, readShipped, SCENARIO_DIR, shippedFiles } from './helpers';
import { simulateShipped } from './library-facts';

const files = shippedFiles();

function scenes(scenario: Scenario): [string, SceneBeat][] {
  return Object.entries(scenario.beats).filter(
    (entry): entry is [string, SceneBeat] => !isOutcomeBeat(entry[1]),
  );
}

/** The choices of a scene and its timeout: everything that leaves the beat. */
function destinations(beat: SceneBeat): (Destination & { when?: Condition; effects?: Effect[] })[] {
  return [...(beat.choices ?? []), ...(beat.onTimeout ? [beat.onTimeout] : [])];
}

function varsIn(cond: Condition | undefined, into: Set<string>): void {
  if (!cond) return;
  if ('all' in cond) cond.all.forEach((c) => varsIn(c, into));
  else if ('any' in cond) cond.any.forEach((c) => varsIn(c, into));
  else if ('not' in cond) varsIn(cond.not, into);
  else if ('var' in cond) into.add(cond.var);
}

/** Variables some condition reads, and variables some effect changes. */
function variableUse(scenario: Scenario): { read: Set<string>; changed: Set<string> } {
  const read = new Set<string>();
  const changed = new Set<string>();
  for (const [, beat] of scenes(scenario)) {
    for (const d of destinations(beat)) {
      varsIn(d.when, read);
      d.branches?.forEach((b) => varsIn(b.when, read));
      d.effects?.forEach((e) => changed.add('add' in e ? e.add : e.set));
    }
  }
  return { read, changed };
}

describe('the shipped scenario library', () => {
  it('has the five call types', () => {
    expect(files).toHaveLength(5);
    const callTypes = files.map((f) => loadShipped(f)['x-callType']);
    expect(callTypes).toEqual(
      expect.arrayContaining([
        'Disturbance: agitated patron',
        'Domestic disturbance',
        'Welfare check',
        'Public disturbance: person in crisis',
        'Agitated person under the influence',
      ]),
    );
  });

  it('lints clean with `defuse lint`: no errors, no warnings, exit 0', async () => {
    const io = captureIo({ cwd: SCENARIO_DIR });
    const code = await runCli(['lint', ...files], io);
    expect(io.errors).toEqual([]);
    expect(code).toBe(0);
    for (const file of files) expect(io.lines).toContain(`${file}: ok`);
    expect(io.text()).not.toMatch(/warning|error/i);
  });
});

describe.each(files)('%s', (file) => {
  const scenario = loadShipped(file);
  const analysis = analyzeScenario(scenario);

  it('parses from its bytes without a single diagnostic', () => {
    expect(readShipped(file).diagnostics).toEqual([]);
  });

  it('validates as a plain object without a single diagnostic', () => {
    const doc: unknown = JSON.parse(readFileSync(SCENARIO_DIR + file, 'utf8'));
    expect(validateScenario(doc).diagnostics).toEqual([]);
  });

  it('has no analysis findings: every beat reachable, no traps, every outcome reached', () => {
    expect(analysis.diagnostics).toEqual([]);
    expect(analysis.unreachableBeats).toEqual([]);
    expect(analysis.trapBeats).toEqual([]);
    expect(analysis.unreachedOutcomes).toEqual([]);
  });

  it('names its file after its id', () => {
    expect(file).toBe(`${scenario.id}.scenario.json`);
  });

  it('has at least 14 beats and 4 outcomes spanning resolved, referred and force used', () => {
    expect(analysis.counts.beats).toBeGreaterThanOrEqual(14);
    expect(analysis.counts.outcomes).toBeGreaterThanOrEqual(4);
    const results = Object.values(scenario.beats).flatMap((b) =>
      isOutcomeBeat(b) ? [b.outcome.result] : [],
    );
    expect(results).toEqual(expect.arrayContaining(['resolved', 'referred', 'force-used']));
  });

  it('has a title, summary, objectives, call type, minutes and tags for the scenario list', () => {
    expect(scenario.summary?.length).toBeGreaterThan(100);
    expect(scenario.objectives?.length).toBeGreaterThanOrEqual(4);
    expect(typeof scenario['x-callType']).toBe('string');
    expect(scenario.estimatedMinutes).toBeGreaterThan(0);
    expect(scenario.tags?.length).toBeGreaterThan(0);
  });

  it('tags every beat with a CDM step', () => {
    const missing = Object.entries(scenario.beats).filter(([, b]) => !b.cdm);
    expect(missing.map(([id]) => id)).toEqual([]);
  });

  it('gives every choice a technique, a rating and one or two sentences of feedback', () => {
    for (const [id, beat] of scenes(scenario)) {
      for (const choice of beat.choices ?? []) {
        const where = `${id}/${choice.id}`;
        expect(choice.technique, where).toBeTruthy();
        expect(choice.rating, where).toBeTruthy();
        const sentences = (choice.feedback ?? '').match(/[.!?]["”]?(?=\s+["A-Z]|$)/g) ?? [];
        expect(sentences.length, where).toBeGreaterThanOrEqual(1);
        expect(sentences.length, where).toBeLessThanOrEqual(2);
      }
    }
  });

  it('offers a preferred choice in every scene, available whatever came before', () => {
    for (const [id, beat] of scenes(scenario)) {
      const preferred = (beat.choices ?? []).filter((c) => c.rating === 'preferred');
      expect(preferred.length, id).toBeGreaterThan(0);
      // Where every preferred choice is conditional, their conditions must cover all cases:
      // the library's only such beats pair a condition with its opposite.
      if (preferred.every((c) => c.when)) {
        expect(preferred.length, id).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('has a choice that acts on every cue it shows', () => {
    for (const [id, beat] of scenes(scenario)) {
      const actedOn = new Set((beat.choices ?? []).flatMap((c) => c.actsOn ?? []));
      for (const cue of beat.cues ?? []) expect(actedOn, `${id}/${cue.id}`).toContain(cue.id);
    }
  });

  it('marks what is within reach as threat cues, and people at risk or signs of crisis too', () => {
    const kinds = Object.values(scenario.beats).flatMap((b) => (b.cues ?? []).map((c) => c.kind));
    expect(kinds).toContain('threat');
    expect(kinds.some((k) => k === 'crisis-sign' || k === 'bystander')).toBe(true);
  });

  it('uses every variable: some effect changes it and some condition reads it', () => {
    const { read, changed } = variableUse(scenario);
    const names = Object.keys(scenario.variables ?? {});
    expect(names.length).toBeGreaterThanOrEqual(4);
    for (const name of names) {
      expect(changed, name).toContain(name);
      expect(read, name).toContain(name);
    }
  });

  it('has at least one timed beat', () => {
    const timed = scenes(scenario).filter(([, b]) => b.timeLimitSec !== undefined);
    expect(timed.length).toBeGreaterThan(0);
    for (const [, beat] of timed) expect(beat.onTimeout?.feedback).toBeTruthy();
  });

  it('has a chance or instructor branch after a preferred choice', () => {
    const drawn = scenes(scenario).flatMap(([, b]) =>
      (b.choices ?? []).filter((c) => c.rating === 'preferred' && (c.chance ?? c.instructor)),
    );
    expect(drawn.length).toBeGreaterThan(0);
  });

  it('ends differently when simulated with preferred choices than with random ones', async () => {
    const preferred = await simulateShipped(file, 'preferred');
    const random = await simulateShipped(file, 'random');
    const shares = (s: typeof preferred) => s.outcomes.map((o) => o.runs);
    expect(shares(preferred)).not.toEqual(shares(random));
    const bad = (s: typeof preferred) => (s.results.injury ?? 0) + (s.results['force-used'] ?? 0);
    expect(bad(preferred)).toBeLessThan(bad(random));
    expect(preferred.outcomes.reduce((n, o) => n + o.runs, 0)).toBe(preferred.runs);
  });
});

describe('the library showcase (library-agitated-patron)', () => {
  const scenario = loadShipped('library-agitated-patron.scenario.json');
  const all = scenes(scenario).flatMap(([, b]) => destinations(b));

  it('has at least 18 beats', () => {
    expect(Object.keys(scenario.beats).length).toBeGreaterThanOrEqual(18);
  });

  it('uses every destination form: to, branches, chance and instructor', () => {
    expect(all.some((d) => d.to)).toBe(true);
    expect(all.some((d) => d.branches)).toBe(true);
    expect(all.some((d) => d.chance)).toBe(true);
    expect(all.some((d) => d.instructor)).toBe(true);
  });

  it('uses every variable type: number, boolean and enum', () => {
    const types = Object.values(scenario.variables ?? {}).map((v) => v.type);
    expect(new Set(types)).toEqual(new Set(['number', 'boolean', 'enum']));
  });

  it('uses history conditions: a beat visited and a choice made', () => {
    const text = JSON.stringify(scenario);
    expect(text).toContain('"visited":');
    expect(text).toContain('"chose":');
  });
});
