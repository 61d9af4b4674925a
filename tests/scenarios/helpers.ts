import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isOutcomeBeat, type Outcome, type Scenario, type Vars } from '@defuse/schemas';
import { parseScenario, startDrill, type Diagnostic } from '@defuse/engine';

/** The folder of the shipped scenario library. */
export const SCENARIO_DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));

/** File names of every shipped scenario, sorted. */
export function shippedFiles(): string[] {
  return readdirSync(SCENARIO_DIR)
    .filter((name) => name.endsWith('.scenario.json'))
    .sort();
}

/** Reads and parses a shipped scenario; the diagnostics come back too. */
export function readShipped(file: string): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  return parseScenario(readFileSync(SCENARIO_DIR + file));
}

/** A shipped scenario by file name; throws with the diagnostics when it does not parse. */
export function loadShipped(file: string): Scenario {
  const { scenario, diagnostics } = readShipped(file);
  if (!scenario) {
    throw new Error(`${file} does not parse: ${diagnostics.map((d) => d.message).join('; ')}`);
  }
  return scenario;
}

/** What a scripted drill came to. */
export interface ScriptResult {
  /** Beats in the order the drill entered them, the start first. */
  path: string[];
  /** The beat the drill stopped at (an outcome beat when it ended). */
  beat: string;
  outcome?: Outcome;
  vars: Vars;
  done: boolean;
  /** Who took each branch that was not the trainee's plain choice, in order. */
  drawnBy: ('chance' | 'instructor')[];
  /** The trainee's choices, each with the beat it was made in. */
  choices: { beat: string; choice: string }[];
}

/**
 * Plays a drill the way `defuse run --choose` does: choice ids, `@timeout`
 * to let the running timer expire, `@pick:N` for instructor option N
 * (counted from 1). Instructor branches wait for a pick, as with an
 * instructor present; `chance` draws follow the seed.
 */
export async function playScript(
  scenario: Scenario,
  script: readonly string[],
  seed = 1,
): Promise<ScriptResult> {
  const drill = await startDrill(scenario, {
    seed,
    instructor: 'present',
    clock: () => 0,
    trainee: { id: 'scripted' },
    startedAt: '2026-01-01T00:00:00.000Z',
  });
  for (const token of script) {
    if (drill.snapshot().done) throw new Error(`the drill ended before "${token}"`);
    const pick = /^@pick:(\d+)$/.exec(token);
    if (token === '@timeout') await drill.expire();
    else if (pick) await drill.pick(Number(pick[1]) - 1);
    else await drill.choose(token);
  }
  const log = drill.log();
  const snap = drill.snapshot();
  const path = [log.events[0]!.beat];
  for (const e of log.events) if (e.to !== undefined) path.push(e.to);
  const drawnBy = log.events.flatMap((e) => (e.by ? [e.by] : []));
  const choices = log.events.flatMap((e) =>
    e.type === 'choice' && e.choice ? [{ beat: e.beat, choice: e.choice }] : [],
  );
  const beat = scenario.beats[snap.beat];
  return {
    path,
    beat: snap.beat,
    outcome: beat && isOutcomeBeat(beat) ? beat.outcome : undefined,
    vars: snap.vars,
    done: snap.done,
    drawnBy,
    choices,
  };
}
