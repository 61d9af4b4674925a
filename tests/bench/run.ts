/**
 * `pnpm bench`: one run prints the engine table (generated scenarios of
 * 1,000 and 10,000 beats), then the player, editor and debrief benches when
 * they exist, and the hub's. `pnpm bench hub` runs only the benches named.
 * It reports; it does not fail on a budget. A bench that throws
 * prints one line and the others still run.
 */
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { benchEngine } from './engine';
import type { BenchRow } from './types';

const NAME = 74;

function verdict(row: BenchRow): string {
  if (Number.isNaN(row.value)) return 'ERROR';
  if (row.budget === undefined) return '';
  return row.value <= row.budget ? 'PASS' : 'OVER';
}

function value(row: BenchRow): string {
  if (Number.isNaN(row.value)) return '—';
  return `${row.value.toLocaleString('en-US', { maximumFractionDigits: 3 })} ${row.unit}`;
}

function print(title: string, rows: BenchRow[]): void {
  console.log(`\n${title}`);
  console.log(
    `${'measurement'.padEnd(NAME)} ${'value'.padStart(12)}  ${'ratio to floor'.padEnd(40)} ${'budget'.padStart(10)}  verdict`,
  );
  console.log('-'.repeat(NAME + 76));
  for (const row of rows) {
    const budget = row.budget === undefined ? '' : `≤ ${row.budget} ${row.unit}`;
    const name = row.name.length > NAME ? row.name.slice(0, NAME - 1) + '…' : row.name;
    console.log(
      `${name.padEnd(NAME)} ${value(row).padStart(12)}  ${(row.ratio ?? '').padEnd(40)} ${budget.padStart(10)}  ${verdict(row)}`,
    );
    if (row.note) console.log(`${''.padEnd(NAME)}   ${row.note}`);
  }
}

function failure(what: string, error: unknown): void {
  const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.log(`\n${what} bench failed: ${why}`);
}

const others = [
  { file: 'player.ts', name: 'benchPlayer', title: 'Player' },
  { file: 'editor.ts', name: 'benchEditor', title: 'Editor' },
  { file: 'debrief.ts', name: 'benchDebrief', title: 'Debrief' },
  { file: 'hub.ts', name: 'benchHub', title: 'Hub' },
] as const;

/** `pnpm bench hub` (or `engine`, `player`, ...) runs only the benches named; none named runs all. */
const chosen = process.argv.slice(2).map((a) => a.toLowerCase());
const wanted = (title: string) => chosen.length === 0 || chosen.includes(title.toLowerCase());

console.log(
  `Defuse bench — Node ${process.version}, ${process.platform} ${process.arch}, ` +
    `${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)} at the start; ` +
    'each time is the median of repeated runs',
);
if (wanted('Engine')) {
  try {
    print('Engine', await benchEngine());
  } catch (error) {
    failure('Engine', error);
  }
}
for (const other of others) {
  if (!wanted(other.title)) continue;
  const url = new URL(`./${other.file}`, import.meta.url);
  if (!existsSync(url)) continue;
  try {
    const module = (await import(url.href)) as Record<string, () => Promise<BenchRow[]>>;
    const run = module[other.name];
    if (typeof run !== 'function') throw new Error(`${other.file} does not export ${other.name}()`);
    print(other.title, await run());
  } catch (error) {
    failure(other.title, error);
  }
}
