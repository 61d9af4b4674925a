import { readFileSync } from 'node:fs';
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DecisionLog, PublicKeyJwk } from '@defuse/schemas';
import {
  eventHash,
  keyId,
  parseLog,
  parseScenario,
  resumeDrill,
  startDrill,
  verifiedReplay,
  verifyHeadSignature,
  verifyLog,
  type TrustedKey,
} from '../src/index';
import {
  generateDeviceKey,
  parsePrivateKey,
  publicKeyOf,
  signHash,
  type PrivateKeyJwk,
} from '../src/cli/device-key';
import { lobby, manualClock } from './helpers';

const HASH = 'sha256:' + 'ab'.repeat(32);

/** A signed drill of the lobby: gap, then "You sound frustrated." */
async function signedLog(key: PrivateKeyJwk, sessionId?: string): Promise<DecisionLog> {
  const clock = manualClock();
  const drill = await startDrill(lobby(), {
    seed: 7,
    clock: clock.read,
    trainee: { id: '4471' },
    deviceKey: publicKeyOf(key),
    sign: (hash) => signHash(key, hash),
    ...(sessionId && { sessionId }),
  });
  clock.now = 1500;
  await drill.choose('gap');
  clock.now = 4000;
  await drill.choose('label');
  return drill.log();
}

/** What the red team did: edit, divide every time by 10, rebuild the chain. */
function forge(log: DecisionLog, resign?: PrivateKeyJwk): DecisionLog {
  const forged = structuredClone(log);
  forged.trainee = { id: '9999' };
  if (resign) forged.deviceKey = publicKeyOf(resign);
  let prev = forged.scenario.digest;
  for (const e of forged.events) {
    e.at = Math.round(e.at / 10);
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

const device = (key: PrivateKeyJwk, name?: string): TrustedKey => ({
  publicKey: publicKeyOf(key),
  kind: 'device',
  ...(name && { name }),
});

describe('keys and head signatures', () => {
  it('fingerprints a key by its four members only', () => {
    const key = publicKeyOf(generateDeviceKey());
    const id = keyId(key);
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(keyId({ ...key, ext: true, key_ops: ['verify'] } as PublicKeyJwk)).toBe(id);
    expect(keyId(publicKeyOf(generateDeviceKey()))).not.toBe(id);
  });

  it('verifies a signature of the hash, and nothing else', () => {
    const key = generateDeviceKey();
    const sig = signHash(key, HASH);
    expect(sig).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(verifyHeadSignature(publicKeyOf(key), HASH, sig)).toBe(true);
    expect(verifyHeadSignature(publicKeyOf(key), HASH.replace('ab', 'ac'), sig)).toBe(false);
    expect(verifyHeadSignature(publicKeyOf(generateDeviceKey()), HASH, sig)).toBe(false);
  });

  it('never throws on a malformed key or signature', () => {
    const key = publicKeyOf(generateDeviceKey());
    const sig = signHash(generateDeviceKey(), HASH);
    const bad: [PublicKeyJwk, string][] = [
      [key, ''],
      [key, 'not base64!'],
      [key, sig.slice(0, 40)],
      [key, 'A'.repeat(86)],
      [{ ...key, x: 'AAAA' }, sig],
      [{ ...key, x: 'A'.repeat(43) }, sig],
      [{ ...key, crv: 'P-384' } as unknown as PublicKeyJwk, sig],
      [null as unknown as PublicKeyJwk, sig],
    ];
    for (const [k, s] of bad) expect(verifyHeadSignature(k, HASH, s)).toBe(false);
  });

  it('accepts what WebCrypto signs (P1363 r||s over the hash text), high s included', async () => {
    const pair = (await webcrypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
      'sign',
      'verify',
    ])) as webcrypto.CryptoKeyPair;
    const jwk = await webcrypto.subtle.exportKey('jwk', pair.publicKey);
    const key = { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y! } as const;
    // WebCrypto does not normalise s, so about half its signatures have a
    // high s; enough of them that both halves are met.
    for (let i = 0; i < 16; i++) {
      const hash = `sha256:${String(i).padStart(64, '0')}`;
      const raw = await webcrypto.subtle.sign(
        { name: 'ECDSA', hash: 'SHA-256' },
        pair.privateKey,
        new TextEncoder().encode(hash),
      );
      const sig = Buffer.from(raw).toString('base64url');
      expect(verifyHeadSignature(key, hash, sig)).toBe(true);
    }
  });

  it('signs so that WebCrypto verifies it', async () => {
    const key = generateDeviceKey();
    const imported = await webcrypto.subtle.importKey(
      'jwk',
      publicKeyOf(key),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const ok = await webcrypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      imported,
      Buffer.from(signHash(key, HASH), 'base64url'),
      new TextEncoder().encode(HASH),
    );
    expect(ok).toBe(true);
  });

  it('refuses a private key file whose public part is not its own', () => {
    const key = generateDeviceKey();
    expect(parsePrivateKey(key)).toEqual(key);
    expect(parsePrivateKey({ ...key, x: generateDeviceKey().x })).toMatch(/not the public key/);
    expect(parsePrivateKey(publicKeyOf(key))).toMatch(/no private part/);
  });
});

describe('signed decision logs', () => {
  it('seal the device key in the start event and sign every event', async () => {
    const key = generateDeviceKey();
    const log = await signedLog(key);
    expect(log.deviceKey).toEqual(publicKeyOf(key));
    expect(log.events[0]!.session!.deviceKey).toEqual(publicKeyOf(key));
    for (const e of log.events)
      expect(verifyHeadSignature(log.deviceKey!, e.hash, e.sig!)).toBe(true);
  });

  it('hash an unsigned event exactly as before signing existed', () => {
    const text = readFileSync(
      new URL('../../tests/bad-input/logs/valid-chance.log.json', import.meta.url),
    );
    const { log } = parseLog(new Uint8Array(text));
    const scenarioText = readFileSync(
      new URL('../../tests/bad-input/lobby.scenario.json', import.meta.url),
    );
    const { scenario } = parseScenario(new Uint8Array(scenarioText));
    expect(verifyLog(scenario, log)).toMatchObject({ ok: true, signature: { state: 'unsigned' } });
    const e = log!.events[1]!;
    expect(eventHash(log!.events[0]!.hash, { ...e, sig: 'x', hubSig: 'y' })).toBe(e.hash);
  });

  it('are trusted when the device key is trusted, named as the trust list names it', async () => {
    const key = generateDeviceKey();
    const log = await signedLog(key);
    const verdict = verifyLog(lobby(), log, { trust: [device(key, 'Tablet 3')] });
    expect(verdict).toMatchObject({
      ok: true,
      signature: { state: 'trusted', by: 'device', keyId: keyId(key), name: 'Tablet 3' },
    });
    expect(verdict.signature.message).toBe('intact, signed by a trusted device (Tablet 3)');
    expect(verifiedReplay(lobby(), log, { trust: [device(key)] }).verdict.signature).toMatchObject({
      state: 'trusted',
      message: `intact, signed by a trusted device (${keyId(key)})`,
    });
  });

  it('are intact but of an unknown key when nobody trusts the key', async () => {
    const key = generateDeviceKey();
    const verdict = verifyLog(lobby(), await signedLog(key));
    expect(verdict.ok).toBe(true);
    expect(verdict.signature).toEqual({
      state: 'unknown-key',
      by: 'device',
      keyId: keyId(key),
      message: `intact, but anyone could have written it (signed by unknown key ${keyId(key)})`,
    });
  });

  it('do not trust a device key that the trust list gives as a hub', async () => {
    const key = generateDeviceKey();
    const trust: TrustedKey[] = [{ publicKey: publicKeyOf(key), kind: 'hub' }];
    expect(verifyLog(lobby(), await signedLog(key), { trust }).signature.state).toBe('unknown-key');
  });

  it("do not survive the red team's forgery: re-signed with a new key, it is only of an unknown key", async () => {
    const original = generateDeviceKey();
    const log = await signedLog(original);
    const forger = generateDeviceKey();
    const forged = forge(log, forger);
    expect(forged.events.at(-1)!.at).toBe(400);
    const verdict = verifyLog(lobby(), forged, { trust: [device(original, 'Tablet 3')] });
    expect(verdict.ok).toBe(true);
    expect(verdict.signature.state).toBe('unknown-key');
    expect(verdict.signature.keyId).toBe(keyId(forger));
    expect(verdict.signature.message).toMatch(/anyone could have written it/);
  });

  it('break when the chain is rebuilt without the key (DF511)', async () => {
    const forged = forge(await signedLog(generateDeviceKey()));
    expect(verifyLog(lobby(), forged)).toMatchObject({
      ok: false,
      problem: 'signature-mismatch',
      seq: 4,
      diagnostics: [{ code: 'DF511', path: '/events/3/sig' }],
    });
  });

  it('break when only the header key is swapped (DF510)', async () => {
    const log = await signedLog(generateDeviceKey());
    log.deviceKey = publicKeyOf(generateDeviceKey());
    expect(verifyLog(lobby(), log)).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'DF510', path: '/deviceKey' }],
    });
  });

  it('stay signed and trusted when cut short', async () => {
    const key = generateDeviceKey();
    const log = await signedLog(key);
    log.events = log.events.slice(0, 2);
    expect(verifyLog(lobby(), log, { trust: [device(key)] })).toMatchObject({
      ok: true,
      signature: { state: 'trusted', by: 'device' },
    });
  });

  it('break when events after the last signed one carry no signature (DF512)', async () => {
    const log = await signedLog(generateDeviceKey());
    delete log.events[2]!.sig;
    delete log.events[3]!.sig;
    expect(verifyLog(lobby(), log)).toMatchObject({
      ok: false,
      problem: 'unsigned-tail',
      seq: 3,
      diagnostics: [{ code: 'DF512', path: '/events/2' }],
    });
  });

  it('break when an event is signed but the log names no key (DF511)', async () => {
    const key = generateDeviceKey();
    const clock = manualClock();
    const drill = await startDrill(lobby(), {
      seed: 7,
      clock: clock.read,
      sign: (h) => signHash(key, h),
    });
    expect(verifyLog(lobby(), drill.log())).toMatchObject({
      ok: false,
      diagnostics: [{ code: 'DF511' }],
    });
  });

  it('keep being signed after a resume', async () => {
    const key = generateDeviceKey();
    const clock = manualClock();
    const first = await startDrill(lobby(), {
      seed: 7,
      clock: clock.read,
      deviceKey: publicKeyOf(key),
      sign: (h) => signHash(key, h),
    });
    clock.now = 1000;
    await first.choose('gap');
    const drill = await resumeDrill(lobby(), first.log(), {
      clock: clock.read,
      sign: async (h) => Promise.resolve(signHash(key, h)),
    });
    await drill.choose('label');
    expect(verifyLog(lobby(), drill.log(), { trust: [device(key)] }).signature.state).toBe(
      'trusted',
    );
  });

  it('call an old, unsigned log unsigned', async () => {
    const clock = manualClock();
    const drill = await startDrill(lobby(), { seed: 7, clock: clock.read });
    await drill.choose('gap');
    expect(verifyLog(lobby(), drill.log()).signature).toEqual({
      state: 'unsigned',
      message: 'intact, unsigned (an older log)',
    });
  });
});

describe('hub countersignatures', () => {
  async function countersigned(hub: PrivateKeyJwk, upTo?: number): Promise<DecisionLog> {
    const log = await signedLog(generateDeviceKey());
    log.hub = { key: publicKeyOf(hub), name: 'Academy hub' };
    for (const e of log.events.slice(0, upTo)) e.hubSig = signHash(hub, e.hash);
    return log;
  }
  const trustHub = (key: PrivateKeyJwk): TrustedKey[] => [
    { publicKey: publicKeyOf(key), kind: 'hub', name: 'North academy' },
  ];

  it('make a log trusted when the hub is trusted', async () => {
    const hub = generateDeviceKey();
    const verdict = verifyLog(lobby(), await countersigned(hub), { trust: trustHub(hub) });
    expect(verdict).toMatchObject({
      ok: true,
      signature: { state: 'trusted', by: 'hub', keyId: keyId(hub), name: 'North academy' },
    });
    expect(verdict.signature.message).toBe(
      'intact, countersigned by a trusted hub (North academy)',
    );
  });

  it('say how far the hub vouches when later events had not reached it', async () => {
    const hub = generateDeviceKey();
    const verdict = verifyLog(lobby(), await countersigned(hub, 2), { trust: trustHub(hub) });
    expect(verdict.signature.message).toBe(
      'intact, countersigned by a trusted hub (North academy), up to event 2',
    );
  });

  it('break the log when a countersignature does not match (DF511)', async () => {
    const hub = generateDeviceKey();
    const log = await countersigned(hub);
    log.events.at(-1)!.hubSig = signHash(generateDeviceKey(), log.events.at(-1)!.hash);
    expect(verifyLog(lobby(), log, { trust: trustHub(hub) })).toMatchObject({
      ok: false,
      problem: 'signature-mismatch',
      diagnostics: [{ code: 'DF511', path: '/events/3/hubSig' }],
    });
  });

  it('leave an untrusted hub and device as an unknown key', async () => {
    const verdict = verifyLog(lobby(), await countersigned(generateDeviceKey()));
    expect(verdict.signature).toMatchObject({ state: 'unknown-key', by: 'device' });
  });
});
