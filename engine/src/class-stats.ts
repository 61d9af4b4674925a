/**
 * What a class did with one scenario, from many decision logs: outcome
 * counts, per beat how many took each choice and how long they took to
 * decide, the beats that trip people up, and the cues most often missed.
 * Also the cue ledger of a single log, which the class view sums up.
 */
import type {
  CdmStep,
  Cue,
  DecisionLog,
  Outcome,
  Rating,
  Scenario,
  Technique,
} from '@defuse/schemas';
import { isOutcomeBeat } from '@defuse/schemas';
import type { TimelineEntry } from './types';
import { replayLog } from './replay';
import { verifiedReplay } from './verify';
import { groupRuns, type DuplicateRun } from './log-identity';

/** The pseudo choice id of a beat's timer running out (as in `PathStep`). */
export const TIMEOUT_CHOICE = '@timeout';

/** Median and spread of a set of durations, in milliseconds. */
export interface Spread {
  count: number;
  min: number;
  /** First quartile (linear interpolation between closest ranks). */
  q1: number;
  median: number;
  q3: number;
  max: number;
}

/** How many runs took one choice (or let the timer run out) at one beat. */
export interface ChoiceShare {
  /** The choice id, or {@link TIMEOUT_CHOICE}. */
  choice: string;
  label: string;
  rating?: Rating;
  technique?: Technique;
  /** Runs that took it at this beat at least once. */
  runs: number;
  /** Times it was taken, over all runs (a beat can come round again). */
  times: number;
  /** `runs` over the runs that decided at this beat, 0 to 1. */
  share: number;
}

export interface BeatStats {
  beat: string;
  title: string;
  cdm?: CdmStep;
  /** Runs that made at least one decision at this beat. */
  runs: number;
  /** Decisions made here (choices and timeouts) over all runs. */
  decisions: number;
  /**
   * Every choice of the beat in scenario order (untaken ones with 0), then
   * the timeout when the beat has a timer.
   */
  choices: ChoiceShare[];
  /** Time to decide, over the choices made here (timeouts left out). */
  decisionTime?: Spread;
  /** Share of deciding runs that took a `poor` or `unsafe` choice here. */
  poorOrUnsafeShare: number;
}

export interface OutcomeCount {
  beat: string;
  title: string;
  outcome: Outcome;
  runs: number;
  /** Of all runs, finished or not. */
  share: number;
}

export interface MissedCue {
  cue: Cue;
  /** Beats that show it. */
  beats: string[];
  /** Runs in which it was on screen. */
  shown: number;
  /** Runs in which it was on screen and no choice acted on it. */
  missed: number;
  /** `missed` over `shown`. */
  share: number;
}

export interface ExcludedLog {
  sessionId: string;
  trainee: string;
  /** Where the log was in the list given, so a caller can name its file. */
  index?: number;
  /** Why the log is not counted, in plain words. */
  reason: string;
}

export interface ClassStats {
  scenario: { id: string; version: string; title: string };
  /** Logs counted. */
  runs: number;
  /** Runs that reached an outcome. */
  completed: number;
  /** Every outcome beat of the scenario, in scenario order. */
  outcomes: OutcomeCount[];
  /** Every scene beat of the scenario, in scenario order. */
  beats: BeatStats[];
  /** Beats where most deciding runs chose `poor` or `unsafe`, worst first. */
  troubleBeats: string[];
  /** Beats by median time to decide, longest first. */
  slowestBeats: string[];
  /** Cues missed at least once, most often missed first. */
  missedCues: MissedCue[];
  /**
   * Logs left out: another scenario or version, broken chain, bad replay, or
   * another, different log with the same session id (neither is counted).
   */
  excluded: ExcludedLog[];
  /** Runs given more than once (the same log twice), each counted once. */
  duplicates: DuplicateRun[];
  /** Positions in the list given of the logs counted, one per run. */
  counted: number[];
}

/** One cue of one log: when it was on screen and whether a choice answered it. */
export interface CueLedgerEntry {
  cue: Cue;
  /**
   * Each time it was on screen: from `since` (the beat was entered) to `at`
   * (the decision `seq` that left it), in drill milliseconds.
   */
  shown: { beat: string; seq: number; since: number; at: number }[];
  /** The first choice that acted on it (`actsOn`). */
  actedOn?: { beat: string; seq: number; at: number; choice: string; choiceLabel?: string };
  /**
   * 'acted-on'; 'missed' (some choice of the scenario responds to it, none
   * taken did); 'context' (no choice of the scenario responds to it).
   */
  status: 'acted-on' | 'missed' | 'context';
}

/**
 * The cue ledger of one replayed log, in the order the cues first appeared.
 * Cues are matched by id across beats, so a cue shown again later and acted
 * on then counts as acted on.
 */
export function cueLedger(
  scenario: Scenario,
  timeline: readonly TimelineEntry[],
): CueLedgerEntry[] {
  const answerable = answerableCues(scenario);
  const ledger = new Map<string, CueLedgerEntry>();
  for (const entry of timeline) {
    if (entry.type !== 'choice' && entry.type !== 'timeout') continue;
    for (const cue of entry.cuesShown) {
      let row = ledger.get(cue.id);
      if (!row) {
        row = { cue, shown: [], status: answerable.has(cue.id) ? 'missed' : 'context' };
        ledger.set(cue.id, row);
      }
      const since = entry.at - (entry.latencyMs ?? 0);
      row.shown.push({ beat: entry.beat, seq: entry.seq, since, at: entry.at });
    }
    for (const id of entry.cuesActedOn) {
      const row = ledger.get(id);
      if (row && !row.actedOn && entry.choice) {
        row.actedOn = {
          beat: entry.beat,
          seq: entry.seq,
          at: entry.at,
          choice: entry.choice,
          ...(entry.choiceLabel ? { choiceLabel: entry.choiceLabel } : {}),
        };
        row.status = 'acted-on';
      }
    }
  }
  return [...ledger.values()];
}

/** Ids of cues that at least one choice of the scenario acts on. */
function answerableCues(scenario: Scenario): Set<string> {
  const ids = new Set<string>();
  for (const beat of Object.values(scenario.beats)) {
    if (isOutcomeBeat(beat)) continue;
    for (const choice of beat.choices ?? []) for (const id of choice.actsOn ?? []) ids.add(id);
  }
  return ids;
}

/** Options of {@link classStats}. */
export interface ClassStatsOptions {
  /**
   * Check each log's hash chain and replay before counting it (default
   * true). Turn off only for logs verified moments ago.
   */
  verify?: boolean;
}

interface BeatTally {
  runs: number;
  decisions: number;
  poorRuns: number;
  times: number[];
  choices: Map<string, { runs: number; times: number }>;
}

/**
 * Aggregates the logs of one scenario. Logs of another scenario, of another
 * version of it (digest differs), or that fail verification are left out and
 * listed in `excluded` with the reason: their decisions were made against
 * other text and must not be counted as answers to this one.
 */
export function classStats(
  scenario: Scenario,
  logs: readonly DecisionLog[],
  options: ClassStatsOptions = {},
): ClassStats {
  const verify = options.verify ?? true;
  const tallies = new Map<string, BeatTally>();
  const outcomeRuns = new Map<string, number>();
  const cueShown = new Map<string, number>();
  const cueMissed = new Map<string, number>();
  const excluded: ExcludedLog[] = [];
  let completed = 0;
  const checked: { log: DecisionLog; index: number; timeline: TimelineEntry[] }[] = [];

  for (const [index, log] of logs.entries()) {
    const refuse = (reason: string) =>
      excluded.push({ sessionId: log.sessionId, trainee: log.trainee.id, index, reason });
    if (log.scenario.id !== scenario.id) {
      refuse(`recorded for scenario "${log.scenario.id}", not "${scenario.id}"`);
      continue;
    }
    let timeline: TimelineEntry[];
    if (verify) {
      const checked = verifiedReplay(scenario, log);
      if (!checked.replay) {
        refuse(checked.verdict.message);
        continue;
      }
      timeline = checked.replay.timeline;
    } else {
      try {
        timeline = replayLog(scenario, log).timeline;
      } catch (error) {
        refuse(error instanceof Error ? error.message : 'the log cannot be replayed');
        continue;
      }
    }
    checked.push({ log, index, timeline });
  }

  const { distinct, duplicates, conflicts } = groupRuns(checked, (c) => c.log);
  for (const conflict of conflicts) {
    const reason = `${conflict.items.length} different logs have session id ${conflict.sessionId}; none is counted until only the genuine one is given`;
    for (const { log, index } of conflict.items) {
      excluded.push({ sessionId: log.sessionId, trainee: log.trainee.id, index, reason });
    }
  }
  excluded.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  const runs = distinct.length;

  for (const { timeline } of distinct) {
    const seenHere = new Map<string, { choices: Set<string>; poor: boolean }>();
    for (const entry of timeline) {
      if (entry.type === 'end') {
        // A drill stopped at the event limit ended without an outcome.
        if (entry.outcome) {
          completed++;
          outcomeRuns.set(entry.beat, (outcomeRuns.get(entry.beat) ?? 0) + 1);
        }
        continue;
      }
      if (entry.type !== 'choice' && entry.type !== 'timeout') continue;
      let tally = tallies.get(entry.beat);
      if (!tally) {
        tally = { runs: 0, decisions: 0, poorRuns: 0, times: [], choices: new Map() };
        tallies.set(entry.beat, tally);
      }
      let mine = seenHere.get(entry.beat);
      if (!mine) {
        mine = { choices: new Set(), poor: false };
        seenHere.set(entry.beat, mine);
        tally.runs++;
      }
      tally.decisions++;
      const id = entry.type === 'timeout' ? TIMEOUT_CHOICE : (entry.choice ?? TIMEOUT_CHOICE);
      let counts = tally.choices.get(id);
      if (!counts) {
        counts = { runs: 0, times: 0 };
        tally.choices.set(id, counts);
      }
      counts.times++;
      if (!mine.choices.has(id)) {
        mine.choices.add(id);
        counts.runs++;
      }
      if (entry.type === 'choice' && entry.latencyMs !== undefined)
        tally.times.push(entry.latencyMs);
      if (!mine.poor && (entry.rating === 'poor' || entry.rating === 'unsafe')) {
        mine.poor = true;
        tally.poorRuns++;
      }
    }
    for (const row of cueLedger(scenario, timeline)) {
      if (row.status === 'context') continue;
      cueShown.set(row.cue.id, (cueShown.get(row.cue.id) ?? 0) + 1);
      if (row.status === 'missed') cueMissed.set(row.cue.id, (cueMissed.get(row.cue.id) ?? 0) + 1);
    }
  }

  const beats: BeatStats[] = [];
  const outcomes: OutcomeCount[] = [];
  const cues = new Map<string, { cue: Cue; beats: string[] }>();
  for (const [id, beat] of Object.entries(scenario.beats)) {
    if (isOutcomeBeat(beat)) {
      const count = outcomeRuns.get(id) ?? 0;
      outcomes.push({
        beat: id,
        title: beat.title,
        outcome: beat.outcome,
        runs: count,
        share: runs ? count / runs : 0,
      });
      continue;
    }
    for (const cue of beat.cues ?? []) {
      const known = cues.get(cue.id);
      if (known) known.beats.push(id);
      else cues.set(cue.id, { cue, beats: [id] });
    }
    const tally = tallies.get(id);
    const deciding = tally?.runs ?? 0;
    const share = (choice: string) => {
      const counts = tally?.choices.get(choice);
      return {
        runs: counts?.runs ?? 0,
        times: counts?.times ?? 0,
        share: deciding ? (counts?.runs ?? 0) / deciding : 0,
      };
    };
    const choices: ChoiceShare[] = (beat.choices ?? []).map((c) => ({
      choice: c.id,
      label: c.label,
      ...(c.rating ? { rating: c.rating } : {}),
      ...(c.technique ? { technique: c.technique } : {}),
      ...share(c.id),
    }));
    if (beat.onTimeout || tally?.choices.has(TIMEOUT_CHOICE)) {
      choices.push({ choice: TIMEOUT_CHOICE, label: 'Time ran out', ...share(TIMEOUT_CHOICE) });
    }
    const decisionTime = tally ? spread(tally.times) : undefined;
    beats.push({
      beat: id,
      title: beat.title,
      ...(beat.cdm ? { cdm: beat.cdm } : {}),
      runs: deciding,
      decisions: tally?.decisions ?? 0,
      choices,
      ...(decisionTime ? { decisionTime } : {}),
      poorOrUnsafeShare: deciding ? (tally?.poorRuns ?? 0) / deciding : 0,
    });
  }

  const troubleBeats = beats
    .filter((b) => b.poorOrUnsafeShare > 0.5)
    .sort((a, b) => b.poorOrUnsafeShare - a.poorOrUnsafeShare)
    .map((b) => b.beat);
  const slowestBeats = beats
    .filter((b) => b.decisionTime)
    .sort((a, b) => b.decisionTime!.median - a.decisionTime!.median)
    .map((b) => b.beat);
  const missedCues: MissedCue[] = [];
  for (const [id, missed] of cueMissed) {
    const shown = cueShown.get(id) ?? missed;
    const known = cues.get(id);
    if (!known) continue;
    missedCues.push({ cue: known.cue, beats: known.beats, shown, missed, share: missed / shown });
  }
  missedCues.sort((a, b) => b.missed - a.missed || b.share - a.share);

  return {
    scenario: { id: scenario.id, version: scenario.version, title: scenario.title },
    runs,
    completed,
    outcomes,
    beats,
    troubleBeats,
    slowestBeats,
    missedCues,
    excluded,
    duplicates,
    counted: distinct.map((c) => c.index),
  };
}

/** Min, quartiles, median and max of `values` (linear interpolation), or undefined when empty. */
export function spread(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    const rank = p * (sorted.length - 1);
    const lo = Math.floor(rank);
    const hi = Math.ceil(rank);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
  };
  return {
    count: sorted.length,
    min: sorted[0]!,
    q1: at(0.25),
    median: at(0.5),
    q3: at(0.75),
    max: sorted[sorted.length - 1]!,
  };
}
