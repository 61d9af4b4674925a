import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DecisionLog } from '@defuse/schemas';
import { captureIo } from '../src/cli/capture-io';
import { runCli } from '../src/cli/registry';
import { chainHead, classStats, eventHash, groupRuns, verifyLog } from '../src/index';
import { lobby } from './helpers';
import { scriptedLog } from './scripted-log';

const LOBBY = fileURLToPath(new URL('./fixtures/lobby.scenario.json', import.meta.url));

/** `log` moved under another session id, its chain rebuilt as a forger would. */
function rechained(log: DecisionLog, sessionId: string): DecisionLog {
  let previous = log.scenario.digest;
  const events = log.events.map((e) => {
    const { hash: _old, ...rest } = e;
    const moved = rest.session ? { ...rest, session: { ...rest.session, sessionId } } : rest;
    const hash = eventHash(previous, moved);
    previous = hash;
    return { ...moved, hash };
  });
  return { ...log, sessionId, events };
}

let ana: DecisionLog;
let ben: DecisionLog;
let forged: DecisionLog;

beforeAll(async () => {
  ana = await scriptedLog(
    lobby(),
    [
      [4000, 'gap'],
      [3000, 'label'],
    ],
    { trainee: 'ana' },
  );
  ben = await scriptedLog(
    lobby(),
    [
      [2000, 'rush'],
      [5000, 'cover'],
    ],
    { trainee: 'ben' },
  );
  forged = rechained(ben, ana.sessionId);
});

describe('one run, counted once', () => {
  it('the forged copy verifies on its own, so only the session id gives it away', () => {
    expect(verifyLog(lobby(), forged)).toMatchObject({ ok: true });
    expect(chainHead(forged)).not.toBe(chainHead(ana));
  });

  it('counts the same log given twice once, and says it was given twice', () => {
    const stats = classStats(lobby(), [ana, ben, ana]);
    expect(stats.runs).toBe(2);
    expect(stats.completed).toBe(2);
    expect(stats.outcomes.find((o) => o.beat === 'calm')?.runs).toBe(1);
    expect(stats.duplicates).toEqual([{ sessionId: ana.sessionId, trainee: 'ana', copies: 2 }]);
    expect(stats.excluded).toEqual([]);
    expect(stats.counted).toEqual([0, 1]);
  });

  it('reports two different logs under one session id and counts neither', () => {
    const stats = classStats(lobby(), [ana, ben, forged]);
    expect(stats.runs).toBe(1);
    expect(stats.counted).toEqual([1]);
    expect(stats.excluded.map((e) => e.index)).toEqual([0, 2]);
    expect(stats.excluded[0]!.reason).toMatch(/2 different logs have session id/);
  });

  it('groups any items by their logs, keeping the order first given', () => {
    const groups = groupRuns(
      [
        { name: 'a', log: ana },
        { name: 'b', log: ben },
        { name: 'a again', log: ana },
      ],
      (x) => x.log,
    );
    expect(groups.distinct.map((x) => x.name)).toEqual(['a', 'b']);
    expect(groups.conflicts).toEqual([]);
  });
});

describe('defuse stats with duplicate runs', () => {
  let dir: string;
  async function cli(...argv: string[]) {
    const io = captureIo({ cwd: dir });
    const code = await runCli(argv, io);
    return { code, out: io.lines };
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'defuse-dup-'));
    writeFileSync(join(dir, 'ana.log.json'), JSON.stringify(ana));
    writeFileSync(join(dir, 'ben.log.json'), JSON.stringify(ben));
    writeFileSync(join(dir, 'forged.log.json'), JSON.stringify(forged));
  });

  it('counts a file given twice once', async () => {
    const { code, out } = await cli(
      'stats',
      'ana.log.json',
      'ana.log.json',
      'ben.log.json',
      '--scenario',
      LOBBY,
    );
    expect(code).toBe(0);
    expect(out[1]).toBe('2 runs counted, 2 finished, 1 given more than once');
    expect(out).toContain(`  session ${ana.sessionId} (trainee ana): 2 copies`);
  });

  it('names both files of a conflict, counts neither and exits 1', async () => {
    const { code, out } = await cli(
      'stats',
      'ana.log.json',
      'ben.log.json',
      'forged.log.json',
      '--scenario',
      LOBBY,
    );
    expect(code).toBe(1);
    expect(out[1]).toBe('1 run counted, 1 finished, 2 left out (see the end)');
    expect(out.slice(-2)).toEqual([
      expect.stringMatching(/^ {2}ana\.log\.json \(trainee ana\): 2 different logs have session/),
      expect.stringMatching(/^ {2}forged\.log\.json \(trainee ben\): 2 different logs have/),
    ]);
  });
});
