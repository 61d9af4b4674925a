/**
 * The facts `scenarios/README.md` states about each shipped scenario, worked
 * out from the files themselves: counts from the engine's analysis, outcome
 * distributions from `defuse simulate` (run in-process, 1,000 seeded runs
 * per policy). `readme.test.ts` checks the README against these, and
 * `npx tsx tests/scenarios/print-readme-blocks.ts` prints them as Markdown
 * to paste after a scenario changes.
 */
import { isOutcomeBeat, type OutcomeResult, type Scenario } from '@defuse/schemas';
import { analyzeScenario } from '@defuse/engine';
import { captureIo } from '../../engine/src/cli/capture-io';
import { runCli } from '../../engine/src/cli/registry';
import { loadShipped, SCENARIO_DIR } from './helpers';

/** Runs per policy, as the README says. */
export const SIMULATED_RUNS = 1000;
export const POLICIES = ['preferred', 'random'] as const;
export type Policy = (typeof POLICIES)[number];

/** The part of `defuse simulate --json` the README quotes. */
export interface Simulation {
  runs: number;
  outcomes: { beat: string; title: string; result: OutcomeResult; runs: number }[];
  results: Partial<Record<OutcomeResult, number>>;
}

export interface ScenarioFacts {
  file: string;
  scenario: Scenario;
  callType: string;
  counts: { beats: number; scenes: number; outcomes: number; choices: number };
  timedBeats: string[];
  simulations: Record<Policy, Simulation>;
}

/** `defuse simulate <file> --runs 1000 --policy <policy> --json`, in-process. */
export async function simulateShipped(file: string, policy: Policy): Promise<Simulation> {
  const io = captureIo({ cwd: SCENARIO_DIR });
  const argv = ['simulate', file, '--runs', String(SIMULATED_RUNS), '--policy', policy, '--json'];
  const code = await runCli(argv, io);
  if (code !== 0) throw new Error(`defuse simulate ${file} failed: ${io.errors.join(' ')}`);
  return JSON.parse(io.text()) as Simulation;
}

/** Everything the README says about one shipped scenario. */
export async function scenarioFacts(file: string): Promise<ScenarioFacts> {
  const scenario = loadShipped(file);
  const { counts } = analyzeScenario(scenario);
  const timedBeats = Object.entries(scenario.beats)
    .filter(([, beat]) => !isOutcomeBeat(beat) && beat.timeLimitSec !== undefined)
    .map(([id]) => id);
  const callType = scenario['x-callType'];
  return {
    file,
    scenario,
    callType: typeof callType === 'string' ? callType : '',
    counts: {
      beats: counts.beats,
      scenes: counts.sceneBeats,
      outcomes: counts.outcomes,
      choices: counts.choices,
    },
    timedBeats,
    simulations: {
      preferred: await simulateShipped(file, 'preferred'),
      random: await simulateShipped(file, 'random'),
    },
  };
}

/** A share as `defuse simulate` prints it: one decimal and a percent sign. */
export function share(n: number, runs: number): string {
  return `${runs ? ((n / runs) * 100).toFixed(1) : '0.0'}%`;
}

/** The scenario's row in the README's index table. */
export function indexRow(f: ScenarioFacts): string[] {
  return [
    f.scenario.title,
    `\`${f.file}\``,
    f.callType,
    String(f.counts.beats),
    String(f.counts.outcomes),
    String(f.counts.choices),
    String(f.scenario.estimatedMinutes ?? ''),
  ];
}

export const INDEX_HEADER = [
  'Scenario',
  'File',
  'Call type',
  'Beats',
  'Outcomes',
  'Choices',
  'Minutes',
];

/** The facts list at the top of the scenario's section. */
export function factLines(f: ScenarioFacts): string[] {
  const c = f.counts;
  return [
    `File: \`${f.file}\``,
    `Call type: ${f.callType}`,
    `Size: ${c.beats} beats (${c.scenes} scenes, ${c.outcomes} outcomes), ${c.choices} choices`,
    `Timed beats: ${f.timedBeats.map((b) => `\`${b}\``).join(', ')}`,
  ];
}

/** One row per outcome beat, in scenario order: outcome, result, force, preferred, random. */
export function outcomeRows(f: ScenarioFacts): string[][] {
  return f.simulations.preferred.outcomes.map((o, i) => {
    const beat = f.scenario.beats[o.beat];
    const force = beat && isOutcomeBeat(beat) ? beat.outcome.force : '';
    const random = f.simulations.random.outcomes[i]!;
    return [
      `${o.title} (\`${o.beat}\`)`,
      o.result,
      force,
      share(o.runs, f.simulations.preferred.runs),
      share(random.runs, f.simulations.random.runs),
    ];
  });
}

export const OUTCOME_HEADER = ['Outcome', 'Result', 'Force', 'Preferred', 'Random'];

/** One row per result either policy reached, most frequent under `random` first. */
export function resultRows(f: ScenarioFacts): string[][] {
  const { preferred, random } = f.simulations;
  const results = new Set([...Object.keys(random.results), ...Object.keys(preferred.results)]);
  return [...results]
    .map((r) => r as OutcomeResult)
    .sort((a, b) => (random.results[b] ?? 0) - (random.results[a] ?? 0) || a.localeCompare(b))
    .map((r) => [
      r,
      share(preferred.results[r] ?? 0, preferred.runs),
      share(random.results[r] ?? 0, random.runs),
    ]);
}

export const RESULT_HEADER = ['Result', 'Preferred', 'Random'];

function markdownTable(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)];
}

/** The generated parts of the scenario's README section, as Markdown. */
export function readmeBlocks(f: ScenarioFacts): string {
  return [
    `## ${f.scenario.title}`,
    '',
    ...factLines(f).map((l) => `- ${l}`),
    '',
    '### Objectives',
    '',
    ...(f.scenario.objectives ?? []).map((o) => `- ${o}`),
    '',
    '### Simulated outcomes',
    '',
    ...markdownTable(OUTCOME_HEADER, outcomeRows(f)),
    '',
    ...markdownTable(RESULT_HEADER, resultRows(f)),
  ].join('\n');
}

/** The README's index table as Markdown. */
export function indexTable(all: ScenarioFacts[]): string {
  return markdownTable(INDEX_HEADER, all.map(indexRow)).join('\n');
}
