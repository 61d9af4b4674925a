import { beforeAll, describe, expect, it } from 'vitest';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { classStats, cueLedger, eventHash, replayLog, spread, verifiedReplay } from '../src/index';
import { fakeScenario, lobby } from './helpers';
import { scriptedLog } from './scripted-log';

/**
 * A class of five trainees on the lobby scenario:
 * - ana keeps her distance (4 s) and labels the feeling (3 s): he sits down;
 * - ben and cy walk straight up (2 s, 1 s): he grabs the scissors, they take cover;
 * - dee keeps her distance (6 s) and lets the timer run out at "talk";
 * - eli walks straight up (3 s) and stops there (the drill was never finished).
 */
let logs: DecisionLog[];
let scenario: Scenario;

beforeAll(async () => {
  scenario = lobby();
  logs = [
    await scriptedLog(
      scenario,
      [
        [4000, 'gap'],
        [3000, 'label'],
      ],
      { trainee: 'ana' },
    ),
    await scriptedLog(
      scenario,
      [
        [2000, 'rush'],
        [5000, 'cover'],
      ],
      { trainee: 'ben' },
    ),
    await scriptedLog(
      scenario,
      [
        [1000, 'rush'],
        [2000, 'cover'],
      ],
      { trainee: 'cy' },
    ),
    await scriptedLog(
      scenario,
      [
        [6000, 'gap'],
        [10_000, '@timeout'],
        [4000, 'cover'],
      ],
      {
        trainee: 'dee',
      },
    ),
    await scriptedLog(scenario, [[3000, 'rush']], { trainee: 'eli' }),
  ];
});

describe('classStats', () => {
  it('counts runs, finished runs and each outcome in the outcome words', () => {
    const stats = classStats(scenario, logs);
    expect(stats.runs).toBe(5);
    expect(stats.completed).toBe(4);
    expect(stats.outcomes).toEqual([
      expect.objectContaining({ beat: 'calm', title: 'He sits down', runs: 1, share: 0.2 }),
      expect.objectContaining({ beat: 'hurt', runs: 3, share: 0.6 }),
    ]);
    expect(stats.outcomes[1]!.outcome.result).toBe('force-used');
  });

  it('gives per beat the share of trainees who took each choice, untaken ones included', () => {
    const stats = classStats(scenario, logs);
    const arrive = stats.beats.find((b) => b.beat === 'arrive')!;
    expect(arrive.runs).toBe(5);
    expect(arrive.choices.map((c) => [c.choice, c.runs, c.share])).toEqual([
      ['gap', 2, 0.4],
      ['rush', 3, 0.6],
    ]);
    const talk = stats.beats.find((b) => b.beat === 'talk')!;
    expect(talk.runs).toBe(2);
    expect(talk.choices.map((c) => [c.choice, c.runs, c.share])).toEqual([
      ['label', 1, 0.5],
      ['order', 0, 0],
      ['@timeout', 1, 0.5],
    ]);
    expect(talk.choices.find((c) => c.choice === '@timeout')?.label).toBe('Time ran out');
  });

  it('gives the median, quartiles and range of decision time per beat, timeouts left out', () => {
    const stats = classStats(scenario, logs);
    const arrive = stats.beats.find((b) => b.beat === 'arrive')!;
    // 4000, 2000, 1000, 6000, 3000
    expect(arrive.decisionTime).toEqual({
      count: 5,
      min: 1000,
      q1: 2000,
      median: 3000,
      q3: 4000,
      max: 6000,
    });
    const talk = stats.beats.find((b) => b.beat === 'talk')!;
    expect(talk.decisionTime).toMatchObject({ count: 1, median: 3000 });
    const grab = stats.beats.find((b) => b.beat === 'grab')!;
    expect(grab.decisionTime).toMatchObject({ count: 3, min: 2000, median: 4000, max: 5000 });
    expect(stats.slowestBeats.slice(0, 2)).toEqual(['grab', 'arrive']);
  });

  it('names the beats where most trainees chose a poor or unsafe option', () => {
    const stats = classStats(scenario, logs);
    expect(stats.beats.find((b) => b.beat === 'arrive')!.poorOrUnsafeShare).toBe(0.6);
    expect(stats.troubleBeats).toEqual(['arrive']);
    const fewer = classStats(scenario, logs.slice(0, 2));
    expect(fewer.troubleBeats).toEqual([]);
  });

  it('lists the cues most often missed', () => {
    const stats = classStats(scenario, logs);
    expect(stats.missedCues).toHaveLength(1);
    expect(stats.missedCues[0]).toMatchObject({
      cue: { id: 'scissors', text: 'Scissors on the desk' },
      beats: ['arrive'],
      shown: 5,
      missed: 3,
      share: 0.6,
    });
  });

  it('leaves out logs of another scenario, another version, or with an edited event, and says why', async () => {
    const newer: Scenario = { ...scenario, version: '1.1.0', title: 'Shouting man (revised)' };
    const oldRun = await scriptedLog(newer, [[1000, 'gap']], { trainee: 'old' });
    const other = fakeScenario();
    const otherRun = await scriptedLog(other, [[1000, 'go']], { trainee: 'elsewhere' });
    const edited: DecisionLog = structuredClone(logs[0]!);
    edited.events[1] = { ...edited.events[1]!, choice: 'rush' };

    const stats = classStats(scenario, [...logs, oldRun, otherRun, edited]);
    expect(stats.runs).toBe(5);
    expect(stats.excluded.map((e) => e.trainee)).toEqual(['old', 'elsewhere', 'ana']);
    expect(stats.excluded[0]!.reason).toMatch(/version 1\.1\.0/);
    expect(stats.excluded[1]!.reason).toMatch(/"fake"/);
    expect(stats.excluded[2]!.reason).toMatch(/event 2/);
    // The edited copy of ana's run does not count twice.
    expect(stats.beats.find((b) => b.beat === 'arrive')!.runs).toBe(5);
  });

  it('leaves out a log whose chain was rebuilt after an edit, because replay does not reproduce it', () => {
    // Ana's log, edited to say she went straight to the outcome, and re-hashed so the chain holds.
    const forged: DecisionLog = structuredClone(logs[0]!);
    forged.events[1] = { ...forged.events[1]!, vars: { ...forged.events[1]!.vars, rapport: 9 } };
    let previous = forged.scenario.digest;
    for (const event of forged.events) {
      const { hash: _old, ...rest } = event;
      event.hash = eventHash(previous, rest);
      previous = event.hash;
    }
    const stats = classStats(scenario, [forged]);
    expect(stats.runs).toBe(0);
    expect(stats.excluded[0]!.reason).toMatch(
      /event 2 records variables that replay does not reproduce/,
    );
    expect(verifiedReplay(scenario, forged).verdict).toMatchObject({ ok: false, seq: 2 });
    expect(verifiedReplay(scenario, logs[0]!).replay?.path).toEqual(['arrive', 'talk', 'calm']);
  });

  it('counts a trainee once per choice even when a beat comes round again', async () => {
    const loop = fakeScenario({
      beats: {
        a: {
          title: 'Ask',
          choices: [
            { id: 'again', label: 'Ask again', rating: 'poor', to: 'a' },
            { id: 'go', label: 'Go', to: 'end' },
          ],
        },
        end: {
          kind: 'outcome',
          title: 'End',
          outcome: {
            result: 'resolved',
            force: 'none',
            officerInjury: false,
            subjectInjury: false,
          },
        },
      },
    });
    const twice = await scriptedLog(loop, [
      [1000, 'again'],
      [1000, 'again'],
      [1000, 'go'],
    ]);
    const once = await scriptedLog(loop, [[1000, 'go']]);
    const beat = classStats(loop, [twice, once]).beats[0]!;
    expect(beat.runs).toBe(2);
    expect(beat.decisions).toBe(4);
    expect(beat.choices).toEqual([
      expect.objectContaining({ choice: 'again', runs: 1, times: 2, share: 0.5 }),
      expect.objectContaining({ choice: 'go', runs: 2, times: 2, share: 1 }),
    ]);
    expect(beat.poorOrUnsafeShare).toBe(0.5);
  });

  it('gives empty counts, not errors, for an empty class', () => {
    const stats = classStats(scenario, []);
    expect(stats.runs).toBe(0);
    expect(stats.outcomes.every((o) => o.runs === 0 && o.share === 0)).toBe(true);
    expect(stats.beats.every((b) => b.decisionTime === undefined)).toBe(true);
    expect(stats.troubleBeats).toEqual([]);
  });
});

describe('cueLedger', () => {
  it('says for each cue when it was on screen and which choice acted on it', () => {
    const ledger = cueLedger(scenario, replayLog(scenario, logs[0]!).timeline);
    expect(ledger).toEqual([
      {
        cue: expect.objectContaining({ id: 'scissors' }),
        shown: [{ beat: 'arrive', seq: 2, since: 0, at: 4000 }],
        actedOn: {
          beat: 'arrive',
          seq: 2,
          at: 4000,
          choice: 'gap',
          choiceLabel: 'Keep your distance and call backup',
        },
        status: 'acted-on',
      },
    ]);
  });

  it('marks a cue missed when a choice could have acted on it and none did', () => {
    const ledger = cueLedger(scenario, replayLog(scenario, logs[1]!).timeline);
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ status: 'missed', shown: [{ beat: 'arrive' }] });
    expect(ledger[0]).not.toHaveProperty('actedOn');
  });

  it('calls a cue no choice responds to context, not missed', async () => {
    const calm = fakeScenario({
      beats: {
        a: {
          title: 'Desk',
          cues: [{ id: 'poster', kind: 'environment', text: 'A poster about quiet' }],
          choices: [{ id: 'go', label: 'Go', to: 'end' }],
        },
        end: {
          kind: 'outcome',
          title: 'End',
          outcome: {
            result: 'resolved',
            force: 'none',
            officerInjury: false,
            subjectInjury: false,
          },
        },
      },
    });
    const log = await scriptedLog(calm, [[500, 'go']]);
    expect(cueLedger(calm, replayLog(calm, log).timeline)[0]?.status).toBe('context');
  });
});

describe('spread', () => {
  it('interpolates quartiles between closest ranks', () => {
    expect(spread([10, 20, 30, 40])).toEqual({
      count: 4,
      min: 10,
      q1: 17.5,
      median: 25,
      q3: 32.5,
      max: 40,
    });
    expect(spread([7])).toEqual({ count: 1, min: 7, q1: 7, median: 7, q3: 7, max: 7 });
    expect(spread([])).toBeUndefined();
  });
});
