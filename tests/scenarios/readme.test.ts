/**
 * `scenarios/README.md` says, for every shipped scenario, its call type,
 * size, objectives and simulated outcome distributions. This checks each of
 * those statements against the scenario files (and `defuse simulate`), so
 * the README cannot drift from the library. To refresh it after a change:
 * `npx tsx tests/scenarios/print-readme-blocks.ts`.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_DIR, shippedFiles } from './helpers';
import {
  factLines,
  INDEX_HEADER,
  indexRow,
  OUTCOME_HEADER,
  outcomeRows,
  RESULT_HEADER,
  resultRows,
  scenarioFacts,
  type ScenarioFacts,
} from './library-facts';

const readme = readFileSync(SCENARIO_DIR + 'README.md', 'utf8');

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Markdown sections by `## ` heading (the text before the first one is keyed ''). */
function sections(markdown: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] = [];
  out.set('', current);
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading) {
      current = [];
      out.set(squash(heading[1]!), current);
    } else current.push(line);
  }
  return out;
}

/** Cells of a table row, trimmed, or undefined when the line is not a table row. */
function cells(line: string): string[] | undefined {
  const t = line.trim();
  if (!t.startsWith('|') || !t.endsWith('|')) return undefined;
  return t
    .slice(1, -1)
    .split('|')
    .map((c) => squash(c));
}

/** Every table in the lines: header and body rows, alignment rows dropped. */
function tables(lines: string[]): { header: string[]; rows: string[][] }[] {
  const found: { header: string[]; rows: string[][] }[] = [];
  let table: { header: string[]; rows: string[][] } | undefined;
  for (const line of lines) {
    const row = cells(line);
    if (!row) {
      table = undefined;
      continue;
    }
    if (row.every((c) => /^:?-+:?$/.test(c))) continue;
    if (!table) {
      table = { header: row, rows: [] };
      found.push(table);
    } else table.rows.push(row);
  }
  return found;
}

/** List items (`- x` or `1. x`) under a `### title` heading of a section. */
function listUnder(lines: string[], title: string): string[] {
  const start = lines.findIndex((l) => squash(l) === `### ${title}`);
  if (start < 0) return [];
  const items: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,3} /.test(line)) break;
    const item = /^\s*(?:-|\*|\d+\.)\s+(.*)$/.exec(line);
    if (item) items.push(squash(item[1]!));
  }
  return items;
}

function tableWith(lines: string[], header: string[]): { header: string[]; rows: string[][] } {
  const table = tables(lines).find((t) => t.header.join('|') === header.join('|'));
  if (!table) throw new Error(`no table with the columns ${header.join(', ')}`);
  return table;
}

const bySection = sections(readme);
let facts: ScenarioFacts[] = [];

beforeAll(async () => {
  facts = await Promise.all(shippedFiles().map(scenarioFacts));
}, 60_000);

describe('scenarios/README.md', () => {
  it('lists every shipped scenario exactly once in the index table, with the right facts', () => {
    const index = tableWith(bySection.get('The scenarios') ?? [], INDEX_HEADER);
    const expected = facts.map(indexRow);
    expect(index.rows).toHaveLength(expected.length);
    for (const row of expected) expect(index.rows).toContainEqual(row);
  });

  it('has a section for every scenario, under its title', () => {
    for (const f of facts) expect([...bySection.keys()]).toContain(f.scenario.title);
  });

  it("states each scenario's file, call type, size and timed beats", () => {
    for (const f of facts) {
      const section = bySection.get(f.scenario.title) ?? [];
      const bullets = section.flatMap((l) => {
        const m = /^- (.*)$/.exec(l);
        return m ? [squash(m[1]!)] : [];
      });
      for (const line of factLines(f)) expect(bullets, f.file).toContain(squash(line));
    }
  });

  it("lists each scenario's objectives as the file has them", () => {
    for (const f of facts) {
      const section = bySection.get(f.scenario.title) ?? [];
      expect(listUnder(section, 'Objectives'), f.file).toEqual(
        (f.scenario.objectives ?? []).map(squash),
      );
    }
  });

  it('prints the preferred and random outcome distributions `defuse simulate` gives', () => {
    for (const f of facts) {
      const section = bySection.get(f.scenario.title) ?? [];
      expect(tableWith(section, OUTCOME_HEADER).rows, f.file).toEqual(outcomeRows(f));
      expect(tableWith(section, RESULT_HEADER).rows, f.file).toEqual(resultRows(f));
    }
  });

  it('shows different distributions for the two policies in every scenario', () => {
    for (const f of facts) {
      const rows = outcomeRows(f);
      expect(
        rows.some((r) => r[3] !== r[4]),
        f.file,
      ).toBe(true);
    }
  });
});
