import axe from 'axe-core';
import { IDBFactory } from 'fake-indexeddb';
import type { Beat, Scenario } from '@defuse/schemas';
import { closeDefuseDb } from '../src/storage/db';
import { activeSessionIds, releaseDrill } from '../src/drill/session';

/** A fresh, empty IndexedDB and no drill running: each test starts from a new tablet. */
export async function freshDevice(): Promise<void> {
  await closeDefuseDb();
  globalThis.indexedDB = new IDBFactory();
  for (const id of activeSessionIds()) releaseDrill(id);
  window.location.hash = '';
}

/** A small scene beat; override any field. */
export function fakeBeat(overrides: Partial<Beat> = {}): Beat {
  return {
    title: 'Front steps',
    narrative: 'A man is sitting on the steps.',
    choices: [{ id: 'talk', label: 'Say hello', to: 'calm' }],
    ...overrides,
  } as Beat;
}

/**
 * A valid scenario: a briefing, a beat with two choices, an outcome. Written
 * the way an instructor would, small enough to read in a test.
 */
export function fakeScenario(overrides: Partial<Scenario> = {}): Scenario {
  return {
    format: 'defuse/scenario@1',
    id: 'front-steps',
    version: '1.0.0',
    title: 'A man on the front steps',
    summary: 'A short welfare check.',
    estimatedMinutes: 3,
    tags: ['welfare-check'],
    variables: { rapport: { type: 'number', initial: 0, min: 0, max: 5, label: 'Rapport' } },
    start: 'steps',
    beats: {
      steps: {
        title: 'Front steps',
        narrative: 'A man is sitting on the steps, rocking.\n\nHe does not look up.',
        lines: [{ speaker: 'subject', text: 'Leave me alone.' }],
        cues: [{ id: 'rocking', kind: 'crisis-sign', text: 'He rocks back and forth' }],
        choices: [
          {
            id: 'sit-down',
            label: 'Sit down a few steps away and say hello',
            technique: 'rapport',
            rating: 'preferred',
            feedback: 'Sitting at his level, at a distance, feels less like a threat.',
            effects: [{ add: 'rapport', by: 1 }],
            actsOn: ['rocking'],
            to: 'talking',
          },
          {
            id: 'order-up',
            label: 'Tell him to stand up',
            technique: 'command',
            rating: 'poor',
            feedback: 'An order first makes him defend himself.',
            to: 'walks-off',
          },
        ],
      },
      talking: {
        title: 'He talks',
        narrative: 'He tells you he lost his keys.',
        choices: [
          {
            id: 'call-locksmith',
            label: 'Offer to call a locksmith',
            rating: 'preferred',
            feedback: 'A practical offer.',
            to: 'calm',
          },
        ],
      },
      calm: {
        kind: 'outcome',
        title: 'He goes inside',
        narrative: 'The locksmith comes; he goes inside.',
        outcome: { result: 'resolved', force: 'none', officerInjury: false, subjectInjury: false },
      },
      'walks-off': {
        kind: 'outcome',
        title: 'He walks off',
        outcome: {
          result: 'disengaged',
          force: 'verbal',
          officerInjury: false,
          subjectInjury: true,
        },
      },
    },
    ...overrides,
  } as Scenario;
}

/** Serious and critical axe violations in a container (colour contrast needs a real browser). */
export async function seriousViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, {
    rules: { 'color-contrast': { enabled: false } },
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

/** A promise with its resolver, for holding a listener until a test lets it go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
