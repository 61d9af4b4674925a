import {
  choiceOption,
  expectPositionals,
  integerOption,
  parseCommandArgs,
  seedOption,
} from '../args';
import { EXIT_FAILED, EXIT_OK, type CliIo, type Command } from '../command';
import { loadScenario } from '../files';
import { POLICIES, simulate, type SimulationResult } from '../simulation';
import { oneLine, table, truncate } from '../text';

const MAX_RUNS = 1_000_000;

function share(n: number, runs: number): string {
  return `${runs ? ((n / runs) * 100).toFixed(1) : '0.0'}%`;
}

/** A simulation's outcome distribution as printed lines. */
export function simulationLines(r: SimulationResult): string[] {
  const lines = [
    ...table(
      ['outcome', 'title', 'result', 'runs', 'share'],
      r.outcomes.map((o) => [
        o.beat,
        truncate(oneLine(o.title), 40),
        o.result,
        String(o.runs),
        share(o.runs, r.runs),
      ]),
    ),
    '',
    ...table(
      ['result', 'runs', 'share'],
      Object.entries(r.results)
        .sort((a, b) => b[1] - a[1])
        .map(([result, n]) => [result, String(n), share(n, r.runs)]),
    ),
    '',
  ];
  for (const [beat, n] of Object.entries(r.stuck)) {
    lines.push(`Stuck at "${beat}" (no choice available, no timer): ${n} (${share(n, r.runs)})`);
  }
  if (r.endless) {
    lines.push(`Never ended (cut off in a cycle): ${r.endless} (${share(r.endless, r.runs)})`);
  }
  if (r.timeouts) lines.push(`Timers that ran out (where no choice was open): ${r.timeouts}`);
  lines.push(`Mean decisions per run: ${r.meanDecisions.toFixed(2)}`);
  return lines;
}

/** `defuse simulate`: the outcome distribution of many seeded drills. */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'Outcome distribution of many seeded simulated drills',
  usage: `defuse simulate <file> [--runs N] [--policy random|preferred] [--seed N] [--json]

Runs N drills without timers or logs, run i with seed (seed + i), and prints
how many ended at each outcome beat and with each result, and the mean number
of decisions per run. Instructor branches are drawn by weight, as in a drill
run alone. A timer is only waited out where no choice is available.

Policies:
  random      any available choice, uniformly
  preferred   an available "preferred" choice when there is one, else an
              "acceptable" one, else any (uniformly among them)

Options:
  --runs N     number of drills (default 1000, at most ${MAX_RUNS})
  --policy P   random (default) or preferred
  --seed N     seed of the first run (default 1)
  --json       print the result as JSON`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      runs: { type: 'string', short: 'n' },
      policy: { type: 'string', short: 'p' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
    });
    expectPositionals(positionals, ['scenario file']);
    const runs = integerOption('runs', values.runs, { min: 1, max: MAX_RUNS }) ?? 1000;
    const policy = choiceOption('policy', values.policy, POLICIES) ?? 'random';
    const seed = seedOption(values.seed) ?? 1;
    const scenario = loadScenario(io, positionals[0]!);
    if (!scenario) return EXIT_FAILED;
    const result = simulate(scenario, { runs, policy, seed });
    if (values.json) {
      io.out(
        JSON.stringify({ scenario: scenario.id, version: scenario.version, ...result }, null, 2),
      );
      return EXIT_OK;
    }
    const last = (seed + runs - 1) >>> 0;
    io.out(
      `${oneLine(scenario.title)} (${scenario.id} ${scenario.version}): ${runs} runs, ` +
        `policy ${policy}, seeds ${seed} to ${last}`,
    );
    io.out('');
    for (const line of simulationLines(result)) io.out(line);
    return EXIT_OK;
  },
};
