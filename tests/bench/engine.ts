/**
 * Engine benchmark: parse, validate, analyse, compile, drill start,
 * decisions, and replay + verify of 1,000 logs, on generated scenarios of
 * 1,000 and 10,000 beats. Each time is the median of repeated runs and is
 * set against a floor: `JSON.parse` of the same document, or for a decision
 * a walk through a plain lookup table.
 */
import {
  analyzeScenario,
  availableChoices,
  compileScenario,
  eventHash,
  initialState,
  parseScenario,
  replayLog,
  scenarioDigest,
  startDrill,
  step,
  validateScenario,
  verifyLog,
  MAX_DOCUMENT_BYTES,
  type Decision,
  type DrillState,
  type StepResult,
} from '@defuse/engine';
import { isOutcomeBeat, type DecisionLog, type LogEvent, type Scenario } from '@defuse/schemas';
import { generateScenario, seeded } from './generate';
import type { BenchRow } from './types';

const LOGS = 1000;

interface Timing {
  /** Median milliseconds. */
  ms: number;
  runs: number;
}

/**
 * Runs `fn` on fresh input from `prepare` (not timed), after warm-up
 * runs, at least `runs` times and until `minMs` have gone by (so quick steps
 * get many runs), but stops once `maxMs` have gone by (at least one run).
 * Returns the median.
 */
async function measure<T>(
  fn: (input: T) => unknown,
  prepare: () => T,
  { runs = 7, minMs = 400, maxMs = 6000, maxRuns = 101, warm = true } = {},
): Promise<Timing> {
  // A few warm-up runs let the JIT settle, within a third of the time allowed.
  for (let i = 0, spent = 0; warm && i < 3 && spent < maxMs / 3; i++) {
    const input = prepare();
    const start = performance.now();
    await fn(input);
    spent += performance.now() - start;
  }
  const times: number[] = [];
  let total = 0;
  for (;;) {
    const enough = times.length >= runs && total >= minMs;
    if (times.length > 0 && (enough || total >= maxMs || times.length >= maxRuns)) break;
    const input = prepare();
    collectGarbage();
    const start = performance.now();
    await fn(input);
    const took = performance.now() - start;
    times.push(took);
    total += took;
  }
  return { ms: median(times), runs: times.length };
}

/**
 * Empties the young generation before each timed run (when Node runs with
 * `--expose-gc`, as `pnpm bench` does), so no run pays for collecting the
 * garbage of the one before it: JSON.parse of 5 MB makes about 50 MB of
 * objects. A minor collection only; a full one would also throw away V8's
 * caches and measure a colder engine than any user ever meets.
 */
function collectGarbage(): void {
  (globalThis as { gc?: (options: { type: 'minor' }) => void }).gc?.({ type: 'minor' });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const none = () => undefined;
const times = (ms: number, floor: number, what = 'JSON.parse') => `${fmt(ms / floor)}x ${what}`;
const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const round = (ms: number) => Number(ms.toPrecision(3));
const label = (n: number) => n.toLocaleString('en-US');

/** A row for something that threw: the table says so instead of hiding the rest. */
function failed(name: string, error: unknown): BenchRow {
  const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { name, value: Number.NaN, unit: 'ms', note: `threw ${why}` };
}

/** The next beat for each choice index of each scene beat: the plain-table floor of a decision. */
function lookupTable(scenario: Scenario): Record<string, string[]> {
  const table: Record<string, string[]> = {};
  for (const [id, beat] of Object.entries(scenario.beats)) {
    if (isOutcomeBeat(beat)) continue;
    table[id] = (beat.choices ?? []).map(
      (c) => c.to ?? c.branches?.at(-1)?.to ?? c.chance?.[0]?.to ?? c.instructor?.[0]?.to ?? id,
    );
  }
  return table;
}

/** Nanoseconds per step of a random walk through the lookup table. */
function tableWalkMs(scenario: Scenario): number {
  const table = lookupTable(scenario);
  const random = seeded(9);
  const picks = Array.from({ length: 4096 }, () => Math.floor(random() * 1000));
  const steps = 2_000_000;
  const walk = () => {
    let at = scenario.start;
    for (let i = 0; i < steps; i++) {
      const next = table[at];
      at = next ? next[picks[i & 4095]! % next.length]! : scenario.start;
    }
    return at;
  };
  walk();
  const start = performance.now();
  const end = walk();
  const ms = (performance.now() - start) / steps;
  if (end === '') throw new Error('unreachable');
  return ms;
}

/**
 * Drill logs made with the same pure `step` and hashing as a live drill,
 * taking random offered choices and now and then letting a timer run out
 * (the digest is computed once, not per log, so making them is quick).
 */
function drillLogs(scenario: Scenario, count: number): DecisionLog[] {
  const digest = scenarioDigest(scenario);
  const random = seeded(2718);
  const logs: DecisionLog[] = [];
  for (let n = 0; n < count; n++) {
    const events: LogEvent[] = [];
    let at = 0;
    const add = (e: Omit<LogEvent, 'hash' | 'seq' | 'at'> | undefined) => {
      if (!e) return;
      const unhashed = { seq: events.length + 1, ...e, at };
      events.push({ ...unhashed, hash: eventHash(events.at(-1)?.hash ?? digest, unhashed) });
    };
    const seed = n + 1;
    let result: StepResult = initialState(scenario, seed);
    add(result.event);
    add(result.end);
    let state: DrillState = result.state;
    for (let steps = 0; steps < 200 && !state.done; steps++) {
      at += 1000 + Math.floor(random() * 9000);
      const beat = scenario.beats[state.beat]!;
      const choices = availableChoices(scenario, state);
      const timed = !isOutcomeBeat(beat) && beat.timeLimitSec !== undefined;
      let decision: Decision;
      if (timed && (choices.length === 0 || random() < 0.15)) decision = { type: 'timeout' };
      else if (choices.length > 0) {
        decision = { type: 'choose', choice: choices[Math.floor(random() * choices.length)]!.id };
      } else break;
      result = step(scenario, state, decision);
      add(result.event);
      add(result.end);
      state = result.state;
    }
    logs.push({
      format: 'defuse/decision-log@1',
      sessionId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      scenario: { id: scenario.id, version: scenario.version, digest },
      trainee: { id: `T${n}` },
      mode: 'training',
      seed,
      startedAt: '2026-11-22T14:00:00.000Z',
      events,
    });
  }
  return logs;
}

/** Per-decision times (ms) of live drills through `Drill.choose`/`expire`. */
async function decisionTimes(scenario: Scenario, count: number): Promise<number[]> {
  const random = seeded(31);
  const out: number[] = [];
  let now = 0;
  while (out.length < count) {
    const drill = await startDrill(scenario, { seed: out.length + 1, clock: () => now });
    for (let steps = 0; steps < 200 && out.length < count; steps++) {
      const snap = drill.snapshot();
      if (snap.done) break;
      now += 2000;
      const start = performance.now();
      if (snap.choices.length > 0 && !(snap.deadline !== undefined && random() < 0.15)) {
        await drill.choose(snap.choices[Math.floor(random() * snap.choices.length)]!.id);
      } else if (snap.deadline !== undefined) {
        now = snap.deadline;
        await drill.expire();
      } else break;
      out.push(performance.now() - start);
    }
  }
  return out;
}

/**
 * Analysis alone, and validate + analyse (one call, as the editor and
 * `defuse lint` make it) against the 2x JSON.parse budget at 10,000 beats:
 * on an open document (see {@link openDocument}), and, for comparison, on a
 * freshly parsed one.
 */
async function analysisRows(
  text: string,
  tag: string,
  floorMs: number,
  maxMs: number,
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const doc = openDocument(text);
  const scenario = doc as Scenario;
  const beats = Object.keys(scenario.beats).length;
  const vs = (ms: number) => times(ms, floorMs);
  try {
    const analysed = await measure(() => analyzeScenario(scenario), none, { maxMs });
    rows.push({
      name: `analyse, ${tag}`,
      value: round(analysed.ms),
      unit: 'ms',
      ratio: vs(analysed.ms),
    });
    const both = await measure(() => validateScenario(doc, { analyse: true }).analysis!, none, {
      maxMs,
    });
    const row: BenchRow = {
      name: `validate + analyse, ${tag}`,
      value: round(both.ms),
      unit: 'ms',
      ratio: vs(both.ms),
    };
    if (beats >= 10_000) {
      row.budget = round(2 * floorMs);
      row.note = 'budget: 2x JSON.parse';
    }
    rows.push(row);
    if (beats >= 10_000) {
      const parse = () => JSON.parse(text) as unknown;
      const fresh = await measure((d) => validateScenario(d, { analyse: true }).analysis!, parse, {
        maxMs,
      });
      rows.push({
        name: `validate + analyse, freshly parsed, ${tag}`,
        value: round(fresh.ms),
        unit: 'ms',
        ratio: vs(fresh.ms),
        note: 'before its first full collection',
      });
    }
  } catch (error) {
    rows.push(failed(`analyse, ${tag}`, error));
    if (beats >= 10_000) rows.push(failed(`validate + analyse, ${tag}`, error));
  }

  return rows;
}

/**
 * A document as it lies in memory while it is open: parsed, then through one
 * full collection, which V8 runs soon enough in any app that keeps working.
 * Until then, the young-generation collector has scattered a freshly parsed
 * 5 MB document across memory (it copies what survives while JSON.parse is
 * still building it), and every walk over it is about a third slower; the
 * bench shows that case on a row of its own.
 */
function openDocument(text: string): unknown {
  const doc = JSON.parse(text) as unknown;
  (globalThis as { gc?: () => void }).gc?.();
  return doc;
}

async function benchSize(beats: number): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const tag = `${label(beats)} beats`;
  const source = generateScenario(beats);
  const text = JSON.stringify(source);
  const bytes = new TextEncoder().encode(text).byteLength;
  if (bytes > MAX_DOCUMENT_BYTES) throw new Error(`the ${tag} document is over the file limit`);
  const maxMs = beats > 5000 ? 10_000 : 6000;

  const floor = await measure(() => JSON.parse(text), none, { runs: 11 });
  rows.push({
    name: `JSON.parse (floor), ${tag}, ${(bytes / 1e6).toFixed(2)} MB`,
    value: round(floor.ms),
    unit: 'ms',
  });
  const vs = (ms: number) => times(ms, floor.ms);

  const parsed = await measure(() => parseScenario(text), none, { maxMs });
  const scenario = parseScenario(text).scenario;
  if (!scenario) throw new Error(`the generated ${tag} scenario is not valid`);
  rows.push({
    name: `parse (text to checked scenario), ${tag}`,
    value: round(parsed.ms),
    unit: 'ms',
    ratio: vs(parsed.ms),
  });

  const doc = openDocument(text);
  const validated = await measure(() => validateScenario(doc), none, { maxMs });
  rows.push({
    name: `validate (schema + semantics), ${tag}`,
    value: round(validated.ms),
    unit: 'ms',
    ratio: vs(validated.ms),
  });

  rows.push(...(await analysisRows(text, tag, floor.ms, maxMs)));

  const fresh = () => structuredClone(scenario);
  const compiled = await measure((s: Scenario) => compileScenario(s), fresh, { runs: 5, maxMs });
  rows.push({
    name: `compile to XState, ${tag}`,
    value: round(compiled.ms),
    unit: 'ms',
    ratio: vs(compiled.ms),
  });

  const started = await measure((s: Scenario) => startDrill(s, { seed: 1 }), fresh, {
    runs: 7,
    maxMs,
  });
  const startRow: BenchRow = {
    name: `drill start (cold), ${tag}`,
    value: round(started.ms),
    unit: 'ms',
    ratio: vs(started.ms),
  };
  if (beats <= 1000) startRow.budget = 50;
  rows.push(startRow);

  const firstTimes: number[] = [];
  for (let i = 0; i < 7; i++) {
    const drill = await startDrill(fresh(), { seed: 1 });
    const choice = drill.snapshot().choices[0]!.id;
    collectGarbage();
    const start = performance.now();
    await drill.choose(choice);
    firstTimes.push(performance.now() - start);
  }
  const walk = tableWalkMs(scenario);
  const firstMs = median(firstTimes);
  rows.push({
    name: `first decision of a fresh drill, ${tag}`,
    value: round(firstMs),
    unit: 'ms',
    budget: 1,
  });

  const decisions = await decisionTimes(scenario, beats > 5000 ? 300 : 2000);
  const decision = median(decisions);
  const p95 = [...decisions].sort((a, b) => a - b)[Math.floor(decisions.length * 0.95)]!;
  rows.push({
    name: `decision (median of ${label(decisions.length)}, p95 ${p95.toFixed(2)} ms), ${tag}`,
    value: round(decision),
    unit: 'ms',
    budget: 1,
    ratio: times(decision, walk, `table walk (${(walk * 1e6).toFixed(0)} ns)`),
  });

  if (beats <= 1000) {
    const logs = drillLogs(scenario, LOGS);
    const events = logs.reduce((n, l) => n + l.events.length, 0);
    const logTexts = logs.map((l) => JSON.stringify(l));
    const logFloor = await measure(() => logTexts.forEach((t) => JSON.parse(t)), none, { runs: 7 });
    const check = (all: DecisionLog[]) => {
      for (const log of all) {
        const result = verifyLog(scenario, log);
        if (!result.ok) throw new Error(`a generated log does not verify: ${result.message}`);
        replayLog(scenario, log);
      }
    };
    const replayed = await measure(
      (all: DecisionLog[]) => all.forEach((log) => replayLog(scenario, log)),
      () => logs,
      { runs: 3, maxMs: 20_000, warm: false },
    );
    rows.push({
      name: `replay only (no verify) ${label(LOGS)} logs, ${tag}`,
      value: round(replayed.ms),
      unit: 'ms',
      ratio: times(replayed.ms, logFloor.ms, 'JSON.parse of the logs'),
    });
    const verified = await measure(check, () => logs, { runs: 3, maxMs: 20_000, warm: false });
    rows.push({
      name: `replay + verify ${label(LOGS)} logs (${label(events)} events, ${verified.runs} run${verified.runs > 1 ? 's' : ''}), ${tag}`,
      value: round(verified.ms),
      unit: 'ms',
      ratio: times(verified.ms, logFloor.ms, 'JSON.parse of the logs'),
    });
  } else {
    // 1,000 logs here would take minutes: one log is timed and the total projected.
    const logs = drillLogs(scenario, 3);
    const check = (log: DecisionLog) => {
      if (!verifyLog(scenario, log).ok) throw new Error('a generated log does not verify');
      replayLog(scenario, log);
    };
    const one = await measure(check, () => logs[0]!, { runs: 3, maxMs });
    rows.push({
      name: `replay + verify one log (${logs[0]!.events.length} events), ${tag}`,
      value: round(one.ms),
      unit: 'ms',
      ratio: vs(one.ms),
      note: `${label(LOGS)} logs: about ${((one.ms * LOGS) / 1000).toFixed(0)} s (projected)`,
    });
  }
  return rows;
}

/** Every engine row of the bench table, both sizes. */
export async function benchEngine(): Promise<BenchRow[]> {
  return [
    ...(await benchSize(1000)),
    ...(await benchSize(10_000)),
    ...(await benchAcyclic(10_000)),
  ];
}

/** The same size without loops back: what analysis costs when the graph has no cycle. */
async function benchAcyclic(beats: number): Promise<BenchRow[]> {
  const tag = `${label(beats)} beats, no loops`;
  const text = JSON.stringify(generateScenario(beats, { loops: false }));
  if (!parseScenario(text).scenario) throw new Error(`the generated ${tag} scenario is not valid`);
  const floor = await measure(() => JSON.parse(text), none, { runs: 11 });
  return [
    { name: `JSON.parse (floor), ${tag}`, value: round(floor.ms), unit: 'ms' },
    ...(await analysisRows(text, tag, floor.ms, 10_000)),
  ];
}
