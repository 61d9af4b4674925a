import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionLog } from '@defuse/schemas';
import { eventHash, keyId, verifyHeadSignature } from '../src/index';
import { captureIo } from '../src/cli/capture-io';
import {
  generateDeviceKey,
  publicKeyOf,
  signHash,
  type PrivateKeyJwk,
} from '../src/cli/device-key';
import { runCli } from '../src/cli/registry';

const LOBBY = fileURLToPath(new URL('./fixtures/lobby.scenario.json', import.meta.url));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'defuse-sign-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const path = (name: string) => join(dir, name);
const readJson = <T>(name: string) => JSON.parse(readFileSync(path(name), 'utf8')) as T;
const write = (name: string, value: unknown) => writeFileSync(path(name), JSON.stringify(value));

async function cli(...argv: string[]) {
  const io = captureIo({ cwd: dir, clock: () => 0 });
  const code = await runCli(argv, io);
  return { code, out: io.lines, err: io.errors };
}

/** `defuse run --key`: the lobby drill gap, label; signed with the key in `keyFile`. */
async function signedRun(keyFile: string, out: string) {
  return cli('run', LOBBY, '--seed', '7', '--choose', 'gap,label', '--key', keyFile, '--out', out);
}

/** The red team's forgery: another trainee, every time divided by 10, the chain rebuilt. */
function forge(log: DecisionLog, resign?: PrivateKeyJwk): DecisionLog {
  const forged = structuredClone(log);
  forged.trainee = { id: 'someone-else' };
  if (resign) forged.deviceKey = publicKeyOf(resign);
  let prev = forged.scenario.digest;
  for (const e of forged.events) {
    e.at = Math.floor(e.at / 10);
    if (e.session) {
      e.session.trainee = forged.trainee;
      if (resign) e.session.deviceKey = publicKeyOf(resign);
    }
    e.hash = eventHash(prev, e);
    if (resign) e.sig = signHash(resign, e.hash);
    prev = e.hash;
  }
  return forged;
}

describe('defuse run --key', () => {
  it('creates a private key file readable only by its owner, says where, and signs every event', async () => {
    const { code, err } = await signedRun('device.key.json', 'signed.log.json');
    expect(code).toBe(0);
    expect(err.join('\n')).toContain('created a new device key in device.key.json');
    expect(statSync(path('device.key.json')).mode & 0o777).toBe(0o600);
    const key = readJson<PrivateKeyJwk>('device.key.json');
    expect(Object.keys(key).sort()).toEqual(['crv', 'd', 'kty', 'x', 'y']);
    const log = readJson<DecisionLog>('signed.log.json');
    expect(log.deviceKey).toEqual(publicKeyOf(key));
    expect(log.events[0]!.session!.deviceKey).toEqual(publicKeyOf(key));
    for (const e of log.events)
      expect(verifyHeadSignature(publicKeyOf(key), e.hash, e.sig!)).toBe(true);
  });

  it('signs with the key file it is given, without making a new one', async () => {
    const before = readFileSync(path('device.key.json'), 'utf8');
    const { code, err } = await signedRun('device.key.json', 'again.log.json');
    expect(code).toBe(0);
    expect(err.join('\n')).not.toContain('created');
    expect(readFileSync(path('device.key.json'), 'utf8')).toBe(before);
    expect(readJson<DecisionLog>('again.log.json').deviceKey).toEqual(
      readJson<DecisionLog>('signed.log.json').deviceKey,
    );
  });

  it('refuses a key file that is not a private key', async () => {
    write('public.json', publicKeyOf(generateDeviceKey()));
    const { code, err } = await signedRun('public.json', 'never.log.json');
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('not a private key file: no private part');
  });
});

describe('defuse verify --trust', () => {
  const trustFile = () => {
    const key = readJson<PrivateKeyJwk>('device.key.json');
    write('keys.json', {
      keys: [{ publicKey: publicKeyOf(key), kind: 'device', name: 'Tablet 3' }],
    });
    return key;
  };

  it('says a log signed by a trusted device is so, by the name the trust file gives', async () => {
    trustFile();
    const { code, out } = await cli(
      'verify',
      path('signed.log.json'),
      '--scenario',
      LOBBY,
      '--trust',
      path('keys.json'),
    );
    expect(code).toBe(0);
    expect(out[1]).toBe(
      `${path('signed.log.json')}: intact, signed by a trusted device (Tablet 3)`,
    );
  });

  it('accepts a bare array and a private key file as the trust list', async () => {
    const key = trustFile();
    write('bare.json', [{ publicKey: publicKeyOf(key), kind: 'device' }]);
    for (const trust of ['bare.json', 'device.key.json']) {
      const { code, out } = await cli('verify', path('signed.log.json'), '--trust', path(trust));
      expect(code).toBe(0);
      expect(out[1]).toBe(
        `${path('signed.log.json')}: intact, signed by a trusted device (${keyId(key)})`,
      );
    }
  });

  it('says an untrusted signed log could have been written by anyone, and fails it with --require-trusted', async () => {
    const key = readJson<PrivateKeyJwk>('device.key.json');
    const plainRun = await cli('verify', path('signed.log.json'), '--scenario', LOBBY);
    expect(plainRun.code).toBe(0);
    expect(plainRun.out[1]).toBe(
      `${path('signed.log.json')}: intact, but anyone could have written it (signed by unknown key ${keyId(key)})`,
    );
    const strict = await cli('verify', path('signed.log.json'), '--require-trusted');
    expect(strict.code).toBe(1);
  });

  it("does not call the red team's re-signed forgery trusted, even when the original key is", async () => {
    trustFile();
    const forger = generateDeviceKey();
    write('forged.log.json', forge(readJson<DecisionLog>('signed.log.json'), forger));
    const { code, out } = await cli(
      'verify',
      path('forged.log.json'),
      '--scenario',
      LOBBY,
      '--trust',
      path('keys.json'),
    );
    expect(code).toBe(0);
    expect(out[1]).toBe(
      `${path('forged.log.json')}: intact, but anyone could have written it (signed by unknown key ${keyId(forger)})`,
    );
    const strict = await cli(
      'verify',
      path('forged.log.json'),
      '--trust',
      path('keys.json'),
      '--require-trusted',
    );
    expect(strict.code).toBe(1);
  });

  it('finds the forgery broken when the chain is rebuilt without the key', async () => {
    write('rechained.log.json', forge(readJson<DecisionLog>('signed.log.json')));
    const { code, out } = await cli('verify', path('rechained.log.json'), '--scenario', LOBBY);
    expect(code).toBe(1);
    expect(out[0]).toContain("error DF511: event 4's signature does not match");
    expect(out.at(-1)).toBe(
      `${path('rechained.log.json')}: not intact: first bad event is seq 4 (signature-mismatch)`,
    );
  });

  it('keeps a log cut short signed and trusted', async () => {
    trustFile();
    const log = readJson<DecisionLog>('signed.log.json');
    log.events = log.events.slice(0, 2);
    write('short.log.json', log);
    const { code, out } = await cli(
      'verify',
      path('short.log.json'),
      '--trust',
      path('keys.json'),
      '--require-trusted',
    );
    expect(code).toBe(0);
    expect(out[1]).toBe(`${path('short.log.json')}: intact, signed by a trusted device (Tablet 3)`);
  });

  it('calls an unsigned log unsigned, and fails it with --require-trusted', async () => {
    await cli('run', LOBBY, '--seed', '7', '--choose', 'gap,label', '--out', path('old.log.json'));
    const { code, out } = await cli('verify', path('old.log.json'), '--scenario', LOBBY);
    expect(code).toBe(0);
    expect(out[1]).toBe(`${path('old.log.json')}: intact, unsigned (an older log)`);
    expect((await cli('verify', path('old.log.json'), '--require-trusted')).code).toBe(1);
  });

  it('trusts a log countersigned by a trusted hub', async () => {
    const hub = generateDeviceKey();
    const log = readJson<DecisionLog>('signed.log.json');
    log.hub = { key: publicKeyOf(hub), name: 'whatever it calls itself' };
    for (const e of log.events) e.hubSig = signHash(hub, e.hash);
    write('hub.log.json', log);
    write('hub-keys.json', {
      keys: [{ publicKey: publicKeyOf(hub), kind: 'hub', name: 'North academy' }],
    });
    const { code, out } = await cli(
      'verify',
      path('hub.log.json'),
      '--trust',
      path('hub-keys.json'),
    );
    expect(code).toBe(0);
    expect(out[1]).toBe(
      `${path('hub.log.json')}: intact, countersigned by a trusted hub (North academy)`,
    );
  });

  it('says what is wrong with a trust file', async () => {
    write('bad-keys.json', {
      keys: [
        {
          publicKey: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) },
          kind: 'device',
        },
      ],
    });
    const { code, err } = await cli(
      'verify',
      path('signed.log.json'),
      '--trust',
      path('bad-keys.json'),
    );
    expect(code).toBe(1);
    expect(err[0]).toContain('key 1: "publicKey" is not a point on the P-256 curve');
    write('kindless.json', { keys: [{ publicKey: publicKeyOf(generateDeviceKey()) }] });
    expect(
      (await cli('verify', path('signed.log.json'), '--trust', path('kindless.json'))).err[0],
    ).toContain('"kind" must be "device" or "hub"');
  });
});
