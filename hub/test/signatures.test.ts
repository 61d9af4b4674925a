import { generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyHeadSignature, verifyLog, type PublicKeyJwk, type TrustedKey } from '@defuse/engine';
import type { DecisionLog } from '@defuse/schemas';
import { migrate, openPostgres } from '../src/index';
import { countersign, hubKey } from '../src/signing';
import { drillLog } from './support/drills';
import {
  count,
  firstAdmin,
  joinDevice,
  KINDS,
  newInstructor,
  newPostgresDatabase,
  openClass,
  publish,
  shippedScenario,
  shippedText,
  startHub,
  upload,
  uploadAll,
  type ClassInfo,
  type Instructor,
  type TestHub,
} from './support/hub';

/** A tablet's key pair, as WebCrypto would make it (P-256), with its public JWK. */
function tabletKey(): { privateKey: KeyObject; publicJwk: PublicKeyJwk } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { x, y } = publicKey.export({ format: 'jwk' });
  return { privateKey, publicJwk: { kty: 'EC', crv: 'P-256', x: x!, y: y! } };
}

/** What WebCrypto's ECDSA sign gives over the hash, as the log carries it. */
function signHash(privateKey: KeyObject, hash: string): string {
  return sign('sha256', Buffer.from(hash, 'utf8'), {
    key: privateKey,
    dsaEncoding: 'ieee-p1363',
  }).toString('base64url');
}

/** Signs every event of a log with `privateKey`, as the tablet's recorder does. */
function signed(log: DecisionLog, privateKey: KeyObject): DecisionLog {
  return { ...log, events: log.events.map((e) => ({ ...e, sig: signHash(privateKey, e.hash) })) };
}

describe.each(KINDS)('signed decision logs on %s', (kind) => {
  let hub: TestHub;
  let instructor: Instructor;
  let klass: ClassInfo;
  let trainee = 0;
  const library = shippedScenario('library-agitated-patron');

  beforeAll(async () => {
    hub = await startHub(kind);
    instructor = await newInstructor(hub, await firstAdmin(hub));
    const published = await publish(hub, instructor, shippedText('library-agitated-patron'));
    klass = await openClass(hub, instructor, [published.digest]);
  });
  afterAll(() => hub?.close());

  /** A tablet that joined with its own key, and a genuine log it signed. */
  const signingTablet = async () => {
    const id = `recruit-${++trainee}`;
    const key = tabletKey();
    const device = await joinDevice(hub, klass.code, id, key.publicJwk);
    const log = signed(
      await drillLog(library, { trainee: id, seed: trainee, deviceKey: key.publicJwk }),
      key.privateKey,
    );
    return { id, key, device, log };
  };
  const keys = async (): Promise<TrustedKey[]> => {
    const response = await hub.request({
      method: 'GET',
      url: '/keys',
      headers: instructor.headers,
    });
    expect(response.statusCode).toBe(200);
    return (response.json() as { keys: TrustedKey[] }).keys;
  };
  const served = async (log: DecisionLog): Promise<DecisionLog> => {
    const response = await hub.request({
      method: 'GET',
      url: `/logs/${log.sessionId}`,
      headers: instructor.headers,
    });
    expect(response.statusCode).toBe(200);
    return (response.json() as { log: DecisionLog }).log;
  };

  it('registers the key a tablet joins with, and lists it beside the hub key', async () => {
    const { id, key } = await signingTablet();
    const listed = await keys();
    const hubKeys = listed.filter((k) => k.kind === 'hub');
    expect(hubKeys).toHaveLength(1);
    expect(hubKeys[0]!.name).toBe('Defuse hub');
    expect(listed).toContainEqual({
      publicKey: key.publicJwk,
      kind: 'device',
      name: `${id} · ${klass.name}`,
    });
    // The hub key is made once: asking again gives the same one.
    expect((await keys()).find((k) => k.kind === 'hub')).toEqual(hubKeys[0]);
  });

  it('refuses a key that is not a P-256 point, and one with extra members', async () => {
    const bad = { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) };
    const notOnCurve = await hub.request({
      method: 'POST',
      url: '/join',
      payload: { code: klass.code, traineeId: 'recruit-bad', publicKey: bad },
    });
    expect(notOnCurve.statusCode).toBe(422);
    expect(notOnCurve.json().message).toMatch(/P-256/);
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const withPrivate = await hub.request({
      method: 'POST',
      url: '/join',
      payload: {
        code: klass.code,
        traineeId: 'recruit-bad',
        publicKey: privateKey.export({ format: 'jwk' }),
      },
    });
    expect(withPrivate.statusCode).toBe(400);
  });

  it('stores a signed log and countersigns every event with the key GET /keys lists', async () => {
    const { device, log } = await signingTablet();
    await uploadAll(hub, device, log);
    const back = await served(log);
    const hubKey = (await keys()).find((k) => k.kind === 'hub')!.publicKey;
    expect(back.hub).toEqual({ key: hubKey, name: 'Defuse hub' });
    expect(back.events).toHaveLength(log.events.length);
    for (const [i, event] of back.events.entries()) {
      expect(event.sig).toBe(log.events[i]!.sig);
      expect(verifyHeadSignature(hubKey, event.hash, event.hubSig!)).toBe(true);
      // Checked natively too: the signature is the plain P1363 form any verifier reads.
      expect(
        verify(
          'sha256',
          Buffer.from(event.hash),
          { key: { ...hubKey }, format: 'jwk', dsaEncoding: 'ieee-p1363' },
          Buffer.from(event.hubSig!, 'base64url'),
        ),
      ).toBe(true);
    }
  });

  it('serves logs that verify as trusted with the keys from GET /keys, and only with them', async () => {
    const { device, log } = await signingTablet();
    await uploadAll(hub, device, log);
    const back = await served(log);
    const trusted = verifyLog(library, back, { trust: await keys() });
    expect(trusted.ok).toBe(true);
    expect(trusted.signature.state).toBe('trusted');
    // Nobody vouched for these keys: intact, but anyone could have written it.
    const unknown = verifyLog(library, back, { trust: [] });
    expect(unknown.ok).toBe(true);
    expect(unknown.signature.state).toBe('unknown-key');
  });

  it('puts the hub key on the class view and on a trainee export', async () => {
    const { id, device, log } = await signingTablet();
    await uploadAll(hub, device, log);
    const hubKey = (await keys()).find((k) => k.kind === 'hub')!.publicKey;
    const full = await hub.request({
      method: 'GET',
      url: `/logs/full?trainee=${id}`,
      headers: instructor.headers,
    });
    const [fromFull] = (full.json() as { logs: DecisionLog[] }).logs;
    expect(fromFull!.hub?.key).toEqual(hubKey);
    expect(verifyLog(library, fromFull, { trust: await keys() }).signature.state).toBe('trusted');
  });

  it("refuses an event whose signature is not the tablet's, keeping what came before", async () => {
    const { device, log, key } = await signingTablet();
    const other = tabletKey();
    const events = log.events.map((e, i) =>
      i === 3 ? { ...e, sig: signHash(other.privateKey, e.hash) } : e,
    );
    const response = await upload(hub, device, log, events);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({
      seq: 4,
      reason: "its signature does not match the tablet's key",
    });
    expect(
      await count(hub.db, 'SELECT 1 FROM log_events WHERE session_id = $1', [log.sessionId]),
    ).toBe(3);
    // An event with no signature at all is refused too: the log names the tablet's key.
    const { sig: _dropped, ...unsigned } = log.events[3]!;
    const missing = await upload(hub, device, log, [
      unsigned as typeof unsigned & { sig?: string },
    ]);
    expect(missing.statusCode).toBe(422);
    expect(missing.json().seq).toBe(4);
    // The genuine event is still welcome.
    expect((await upload(hub, device, log, log.events.slice(3))).statusCode).toBe(200);
    expect(key.publicJwk).toEqual(log.deviceKey);
  });

  it('refuses a log whose header names another key than the one the tablet registered', async () => {
    const { id, device } = await signingTablet();
    const other = tabletKey();
    const forged = signed(
      await drillLog(library, { trainee: id, seed: 99, deviceKey: other.publicJwk }),
      other.privateKey,
    );
    const response = await upload(hub, device, forged);
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toBe(
      'This log is signed by another key than the one this tablet registered when it joined.',
    );
    const unsignedLog = await drillLog(library, { trainee: id, seed: 98 });
    const unsigned = await upload(hub, device, unsignedLog);
    expect(unsigned.statusCode).toBe(403);
    expect(unsigned.json().message).toMatch(/not signed/);
  });

  it('still takes unsigned logs from a tablet that joined without a key, and countersigns them', async () => {
    const id = `recruit-${++trainee}`;
    const device = await joinDevice(hub, klass.code, id);
    const log = await drillLog(library, { trainee: id, seed: 5 });
    await uploadAll(hub, device, log);
    const back = await served(log);
    expect(back.events.every((e) => e.sig === undefined && typeof e.hubSig === 'string')).toBe(
      true,
    );
    const verdict = verifyLog(library, back, { trust: await keys() });
    expect(verdict).toMatchObject({ ok: true, signature: { state: 'trusted', by: 'hub' } });
  });

  it('never keeps a countersignature a tablet sent', async () => {
    const { device, log } = await signingTablet();
    const forgedHubSig = signHash(tabletKey().privateKey, log.events[0]!.hash);
    const events = log.events.map((e) => ({ ...e, hubSig: forgedHubSig }));
    expect((await upload(hub, device, log, events)).statusCode).toBe(200);
    const back = await served(log);
    expect(back.events.every((e) => e.hubSig !== forgedHubSig)).toBe(true);
    expect(verifyLog(library, back, { trust: await keys() }).ok).toBe(true);
  });
});

describe("the hub's own key", () => {
  it('is one key when several hub processes on one PostgreSQL make it at once', async () => {
    const url = await newPostgresDatabase();
    const processes = await Promise.all([1, 2, 3].map(() => openPostgres(url, 2)));
    try {
      await migrate(processes[0]!);
      const made = await Promise.all(processes.map((db) => hubKey(db)));
      expect(new Set(made.map((k) => JSON.stringify(k.publicJwk))).size).toBe(1);
      // What each process signs, the key every process serves verifies.
      const sig = countersign(made[1]!, 'sha256:head');
      expect(verifyHeadSignature(made[2]!.publicJwk, 'sha256:head', sig)).toBe(true);
    } finally {
      await Promise.all(processes.map((db) => db.close()));
    }
  });
});
