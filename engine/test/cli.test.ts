import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileScenario, DIAGNOSTIC_CODES, parseScenario } from '../src/index';
import { captureIo } from '../src/cli/capture-io';
import { userCwd } from '../src/cli/node-io';
import { COMMANDS, runCli } from '../src/cli/registry';

const LOBBY = fileURLToPath(new URL('./fixtures/lobby.scenario.json', import.meta.url));
const README = fileURLToPath(new URL('../README.md', import.meta.url));
const lobbyText = readFileSync(LOBBY, 'utf8');

/** The lobby fixture with a change a user might make. */
function lobby(change: (doc: Record<string, any>) => void = () => undefined): string {
  const doc = JSON.parse(lobbyText) as Record<string, any>;
  change(doc);
  return JSON.stringify(doc, null, 2);
}

let dir: string;
/** Writes a file into the test's folder and returns its path. */
function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function cli(...argv: string[]) {
  const io = captureIo({ cwd: dir });
  const code = await runCli(argv, io);
  return { code, out: io.lines, err: io.errors, text: io.text() };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'defuse-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('defuse help and the command line', () => {
  it('lists every command in the general help and exits 0', async () => {
    const { code, out } = await cli('--help');
    expect(code).toBe(0);
    for (const c of COMMANDS) expect(out.some((l) => l.startsWith(`  ${c.name} `))).toBe(true);
    for (const name of [
      'validate',
      'lint',
      'graph',
      'play',
      'run',
      'verify',
      'replay',
      'simulate',
    ]) {
      expect(COMMANDS.map((c) => c.name)).toContain(name);
    }
  });

  it('prints the general help on the error output and exits 2 when no command is given', async () => {
    const { code, out, err } = await cli();
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain('Usage: defuse <command>');
  });

  it('shows one command’s help with --help and with "help <command>"', async () => {
    const a = await cli('run', '--help');
    const b = await cli('help', 'run');
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(a.out[0]).toMatch(/^defuse run <file> --choose/);
    expect(b.out).toEqual(a.out);
  });

  it('starts every command’s help with its synopsis', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of COMMANDS)
      expect(c.usage.split('\n')[0]).toMatch(new RegExp(`^defuse ${c.name}\\b`));
  });

  it('prints the engine package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const { code, out } = await cli('--version');
    expect(code).toBe(0);
    expect(out).toEqual([`defuse ${pkg.version}`]);
  });

  it('exits 2 naming an unknown command', async () => {
    const { code, err } = await cli('valdiate', LOBBY);
    expect(code).toBe(2);
    expect(err[0]).toBe('defuse: unknown command "valdiate"');
  });

  it('exits 2 with the synopsis on an unknown option or a missing value', async () => {
    const unknown = await cli('validate', '--sed', '1', LOBBY);
    expect(unknown.code).toBe(2);
    expect(unknown.err[0]).toBe('defuse validate: unknown option --sed');
    expect(unknown.err[1]).toBe('Usage: defuse validate <file...>');
    const missing = await cli('simulate', LOBBY, '--runs');
    expect(missing.code).toBe(2);
    expect(missing.err[0]).toBe('defuse simulate: option --runs needs a value');
    const dashed = await cli('run', LOBBY, '--choose', 'gap', '--seed', '-4');
    expect(dashed.code).toBe(2);
    expect(dashed.err[0]).toBe(
      'defuse run: option --seed needs a value (for one that starts with "-", write --seed=<value>)',
    );
    const seed = await cli('run', LOBBY, '--choose', 'gap', '--seed=-4');
    expect(seed.code).toBe(2);
    expect(seed.err[0]).toContain('--seed must be a whole number from 0 to 4294967295');
  });

  it('takes file names from the caller’s directory under "pnpm defuse", which runs from the root', () => {
    expect(userCwd({ npm_lifecycle_event: 'defuse', INIT_CWD: '/home/trainer/drills' })).toBe(
      '/home/trainer/drills',
    );
    expect(userCwd({ npm_lifecycle_event: 'test', INIT_CWD: '/elsewhere' })).toBe(process.cwd());
  });

  it('reports an unexpected failure in one line and exits 1', async () => {
    const io = captureIo({ cwd: dir });
    io.out = () => {
      throw new Error('stdout is gone\n    at somewhere (file.ts:1:1)');
    };
    const code = await runCli(['validate', LOBBY], io);
    expect(code).toBe(1);
    expect(io.errors).toEqual(['defuse: internal error: stdout is gone']);
  });
});

describe('defuse validate', () => {
  it('says ok for a valid scenario and exits 0', async () => {
    const { code, out } = await cli('validate', LOBBY);
    expect(code).toBe(0);
    expect(out).toEqual([`${LOBBY}: ok`]);
  });

  it('prints file:pointer: severity code: message for each problem and a summary per file', async () => {
    const bad = file(
      'typo.scenario.json',
      lobby((d) => (d.beats.arrive.choices[0].to = 'tlak')),
    );
    const { code, out } = await cli('validate', bad, LOBBY);
    expect(code).toBe(1);
    expect(out[0]).toMatch(
      new RegExp(
        `^${bad}:/beats/arrive/choices/0/to: error DF301: .*"tlak".*\\(line \\d+, column \\d+\\)$`,
      ),
    );
    expect(out.slice(1)).toEqual([`${bad}: 1 error`, `${LOBBY}: ok`]);
  });

  it('resolves relative names against the working directory and prints them as typed', async () => {
    file('relative.scenario.json', lobbyText);
    const { code, out } = await cli('validate', 'relative.scenario.json');
    expect(code).toBe(0);
    expect(out).toEqual(['relative.scenario.json: ok']);
  });

  it('keeps warnings from failing validation', async () => {
    const warned = file(
      'timer-less.scenario.json',
      lobby((d) => (d.beats.grab.onTimeout = { to: 'hurt' })),
    );
    const { code, out } = await cli('validate', warned);
    expect(code).toBe(0);
    expect(out[0]).toContain('warning DF313');
    expect(out.at(-1)).toBe(`${warned}: ok (1 warning)`);
  });

  it('reports files that are not scenarios as diagnostics, never as failures of the tool', async () => {
    const files = {
      binary: file('binary.json', new Uint8Array([0xff, 0xfe, 0x00, 0x7b, 0xc3])),
      empty: file('empty.json', ''),
      nested: file('nested.json', '['.repeat(100_000)),
      duplicate: file('duplicate.json', '{"format":"defuse/scenario@1","format":"x"}'),
      array: file('array.json', '[]'),
    };
    const { code, out, err } = await cli('validate', ...Object.values(files));
    expect(code).toBe(1);
    expect(err).toEqual([]);
    expect(out).toContain(`${files.binary}: error DF100: the file is not valid UTF-8 text`);
    expect(out).toContain(`${files.empty}: error DF105: the file is empty`);
    expect(out.some((l) => l.startsWith(`${files.nested}: error DF102:`))).toBe(true);
    expect(out.some((l) => l.startsWith(`${files.duplicate}:/format: error DF104:`))).toBe(true);
    expect(out.some((l) => l.startsWith(`${files.array}: error DF200:`))).toBe(true);
  });

  it('says clearly when a file is missing or is a directory, and exits 1', async () => {
    const { code, out } = await cli('validate', 'nowhere.json', '.');
    expect(code).toBe(1);
    expect(out).toEqual([
      'nowhere.json: error: cannot read the file: there is no such file',
      '.: error: this is a directory, not a file',
    ]);
  });

  it('refuses a file over 5 MB without parsing it', async () => {
    const big = file('big.json', `{"pad":"${'x'.repeat(5 * 1024 * 1024 + 10)}"}`);
    const { code, out } = await cli('validate', big);
    expect(code).toBe(1);
    expect(out[0]).toBe(`${big}: error DF101: the file is 5.0 MB; the largest accepted is 5.0 MB`);
  });

  it('prints control characters from a document as U+FFFD, so they cannot drive the terminal', async () => {
    const hostile = file(
      'hostile.scenario.json',
      lobby((d) => (d.beats.arrive['\u001b]0;owned\u0007'] = 1)),
    );
    const { code, text } = await cli('validate', hostile);
    expect(code).toBe(1);
    expect(text).toContain('DF202');
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('\u0007');
    expect(text).toContain('\uFFFD]0;owned\uFFFD');
  });

  it('exits 2 when no file is named', async () => {
    const { code, err } = await cli('validate');
    expect(code).toBe(2);
    expect(err[0]).toBe('defuse validate: missing scenario file(s)');
  });
});

describe('defuse lint', () => {
  it('adds the counts line to a clean scenario', async () => {
    const { code, out } = await cli('lint', LOBBY);
    expect(code).toBe(0);
    expect(out[0]).toMatch(
      new RegExp(`^${LOBBY}: 5 beats \\(3 scenes, 2 outcomes\\), 5 choices, \\d+ paths from start`),
    );
    expect(out[1]).toBe(`${LOBBY}: ok`);
  });

  it('reports analysis findings: an unreachable beat warns, a trap fails', async () => {
    const trap = file(
      'trap.scenario.json',
      lobby((d) => {
        d.beats.lost = { title: 'Lost', choices: [{ id: 'wander', label: 'Wander', to: 'lost' }] };
      }),
    );
    const { code, out } = await cli('lint', trap);
    expect(code).toBe(1);
    // The analysis's findings, like the checks', say on which line of the file they are.
    expect(out).toContainEqual(
      expect.stringMatching(
        /:\/beats\/lost: warning DF401: no path from the start reaches beat "lost" \(line \d+, column \d+\)$/,
      ),
    );
    expect(out.some((l) => l.startsWith(`${trap}:/beats/lost: error DF402:`))).toBe(true);
    expect(out.at(-1)).toBe(`${trap}: 1 error, 1 warning`);
  });

  it('lets warnings pass unless --strict', async () => {
    const unreachable = file(
      'unreachable.scenario.json',
      lobby((d) => {
        d.beats.aside = { title: 'Aside', choices: [{ id: 'on', label: 'Go on', to: 'calm' }] };
      }),
    );
    const loose = await cli('lint', unreachable);
    const strict = await cli('lint', '--strict', unreachable);
    expect(loose.code).toBe(0);
    expect(loose.out.at(-1)).toBe(`${unreachable}: ok (1 warning)`);
    expect(strict.code).toBe(1);
    expect(strict.out).toEqual(loose.out);
  });

  it('does not analyse an invalid scenario but still reports it', async () => {
    const bad = file(
      'lint-typo.scenario.json',
      lobby((d) => (d.start = 'nowhere')),
    );
    const { code, out } = await cli('lint', bad);
    expect(code).toBe(1);
    expect(out.some((l) => l.includes('error DF302'))).toBe(true);
    expect(out.some((l) => l.includes('beats ('))).toBe(false);
  });
});

describe('defuse graph', () => {
  it('draws a Mermaid flowchart: outcomes rounded, forks as diamonds, timers dashed', async () => {
    const { code, out } = await cli('graph', LOBBY);
    expect(code).toBe(0);
    expect(out).toContain('flowchart TD');
    expect(out).toContain('  s0 --> b_arrive');
    expect(out).toContain('  b_calm(["He sits down<br/>calm · resolved"])');
    expect(out).toContain('  b_arrive -->|"Keep your distance and call backup"| b_talk');
    expect(out).toContain('  b_talk -.->|"timeout 10 s"| b_grab');
    // "Walk straight up" leads to branches, the instructor option to a marked fork.
    expect(out).toContain('  f0{"branches"}');
    expect(out).toContain('  f0 -->|"if agitation ≥ 9"| b_grab');
    expect(out).toContain('  f2{"INSTRUCTOR"}');
    expect(out).toContain('  f2 -->|"He lunges"| b_grab');
    expect(out).toContain('  f1 -->|"75%"| b_calm');
    // Quotes in a label are entity codes, not the end of the label.
    expect(out).toContain('  b_talk -->|"#34;You sound frustrated.#34;"| f1');
    expect(out).toContain('  class b_hurt harmful');
  });

  it('labels arrows with choice ids on request', async () => {
    const { out } = await cli('graph', LOBBY, '--ids');
    expect(out).toContain('  b_arrive -->|"gap"| b_talk');
  });

  it('draws Graphviz dot with every beat, outcome and arrow', async () => {
    const { code, out } = await cli('graph', LOBBY, '--format', 'dot');
    expect(code).toBe(0);
    expect(out[0]).toBe('digraph "lobby-test" {');
    expect(out.at(-1)).toBe('}');
    for (const beat of ['arrive', 'talk', 'grab', 'calm', 'hurt']) {
      expect(out.some((l) => l.startsWith(`  "${beat}" [label=`))).toBe(true);
    }
    expect(out.find((l) => l.startsWith('  "calm" ['))).toContain('peripheries=2');
    expect(out).toContain('  "talk" -> "grab" [label="timeout 10 s", style=dashed];');
    expect(out).toContain(
      '  "@fork1" [label="chance", shape=diamond, style=filled, fillcolor="#fff8e1", fontsize=10];',
    );
    expect(out).toContain(
      '  "talk" -> "@fork1" [label="\\"You sound frustrated.\\"", color="#2e7d32", fontcolor="#2e7d32"];',
    );
  });

  it('keeps hostile titles inside their labels in both formats', async () => {
    const hostile = file(
      'labels.scenario.json',
      lobby((d) => {
        d.title = 'A "quoted" \\ title';
        d.beats.arrive.title = 'End"] --> X[<script>|';
      }),
    );
    const mermaid = (await cli('graph', hostile)).out;
    const arrive = mermaid.find((l) => l.startsWith('  b_arrive['))!;
    expect(arrive).toBe('  b_arrive["End#34;] --#62; X[#60;script#62;#124;<br/>arrive"]');
    expect(mermaid).toContain('title: "A \\"quoted\\" \\\\ title"');
    const dot = (await cli('graph', hostile, '--format', 'dot')).out;
    expect(dot).toContain('  "arrive" [label="End\\"] --> X[<script>|\\narrive"];');
  });

  it('prints the compiled XState machine config as JSON', async () => {
    const { code, text } = await cli('graph', LOBBY, '--format', 'xstate');
    expect(code).toBe(0);
    const config = JSON.parse(text);
    const scenario = parseScenario(readFileSync(LOBBY)).scenario!;
    expect(config).toEqual(JSON.parse(JSON.stringify(compileScenario(scenario).config)));
    expect(config.states.drill.states.calm.type).toBe('final');
  });

  it('exits 2 on an unknown format and 1 on an invalid scenario', async () => {
    const format = await cli('graph', LOBBY, '--format', 'svg');
    expect(format.code).toBe(2);
    expect(format.err[0]).toBe(
      'defuse graph: --format must be one of mermaid, dot, xstate, not "svg"',
    );
    const bad = file(
      'graph-bad.scenario.json',
      lobby((d) => (d.start = 'nowhere')),
    );
    const invalid = await cli('graph', bad);
    expect(invalid.code).toBe(1);
    expect(invalid.out).toEqual([]);
    expect(invalid.err.some((l) => l.includes('error DF302'))).toBe(true);
  });
});

describe('defuse codes and the engine README', () => {
  it('explains a code', async () => {
    const { code, out } = await cli('codes', 'df301');
    expect(code).toBe(0);
    expect(out[2]).toMatch(/^DF301\s+error\s+Destination beat does not exist$/);
  });

  it('exits 1 for a code that does not exist', async () => {
    const { code, err } = await cli('codes', 'DF999');
    expect(code).toBe(1);
    expect(err).toEqual(['defuse codes: there is no diagnostic code "DF999"']);
  });

  it('prints the README table with --markdown', async () => {
    const readme = readFileSync(README, 'utf8');
    const { out } = await cli('codes', '--markdown');
    expect(readme).toContain(out.join('\n'));
  });

  it('has every diagnostic code, with its severity and meaning, in the README table', () => {
    const readme = readFileSync(README, 'utf8');
    const rows = new Map(
      [...readme.matchAll(/^\|\s*(DF\d+)\s*\|\s*(\w+)\s*\|\s*(.+?)\s*\|$/gm)].map((m) => [
        m[1],
        [m[2], m[3]],
      ]),
    );
    for (const [code, { severity, title }] of Object.entries(DIAGNOSTIC_CODES)) {
      expect(rows.get(code), code).toEqual([severity, title]);
    }
    expect([...rows.keys()].filter((c) => !Object.hasOwn(DIAGNOSTIC_CODES, c!))).toEqual([]);
  });
});
