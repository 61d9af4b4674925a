import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Beat, Scenario, SceneBeat } from '@defuse/schemas';
import { parseScenario } from '../src/index';

/** The lobby fixture: every destination form and variable type, a timer, two outcomes. */
export function lobby(): Scenario {
  const path = fileURLToPath(new URL('./fixtures/lobby.scenario.json', import.meta.url));
  const { scenario, diagnostics } = parseScenario(readFileSync(path));
  if (!scenario) throw new Error(`fixture invalid: ${JSON.stringify(diagnostics)}`);
  return scenario;
}

/** A small valid scenario with overrides, for tests that need one thing changed. */
export function fakeScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    format: 'defuse/scenario@1',
    id: 'fake',
    version: '1.0.0',
    title: 'Fake',
    start: 'a',
    beats: {
      a: fakeBeat({ choices: [{ id: 'go', label: 'Go', to: 'end' }] }),
      end: {
        kind: 'outcome',
        title: 'End',
        outcome: { result: 'resolved', force: 'none', officerInjury: false, subjectInjury: false },
      },
    },
    ...overrides,
  };
}

/** A scene beat with overrides. */
export function fakeBeat(overrides: Partial<SceneBeat> = {}): Beat {
  return { title: 'Beat', ...overrides };
}

/** A manual clock for drills: `clock.now` is what it reads. */
export function manualClock(): { now: number; read: () => number } {
  const c = { now: 0, read: () => c.now };
  return c;
}
