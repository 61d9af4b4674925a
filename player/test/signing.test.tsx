import { beforeEach, describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import {
  eventHash,
  verifyHeadSignature,
  verifyLog,
  type PublicKeyJwk,
  type TrustedKey,
} from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { beginDrill, releaseDrill, resumeStoredDrill } from '../src/drill/session';
import { DebriefArea } from '../src/debrief/DebriefArea';
import { checkIntegrity, THIS_TABLET, type ScenarioShelf } from '../src/debrief/integrity';
import { IntegrityBadge } from '../src/debrief/IntegrityBadge';
import { closeDefuseDb } from '../src/storage/db';
import { deviceKey, signHash } from '../src/storage/device-key';
import { loadLog } from '../src/storage/logs';
import { CAREFUL, libraryScenario, playDrill, resetStorage } from './debrief/helpers';
import { DEFAULT_SETTINGS } from '../src/storage/settings';

let scenario: Scenario;

beforeEach(async () => {
  await resetStorage();
  scenario = libraryScenario();
  window.location.hash = '';
});

/** Another key pair, as a forger (or the hub) would make one. */
async function otherKey(): Promise<{ privateKey: CryptoKey; publicJwk: PublicKeyJwk }> {
  const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const { x, y } = await crypto.subtle.exportKey('jwk', pair.publicKey);
  return { privateKey: pair.privateKey, publicJwk: { kty: 'EC', crv: 'P-256', x: x!, y: y! } };
}

/** A drill started on this device the way the home screen starts one, a few decisions in. */
async function deviceDrill(trainee = 'ana'): Promise<DecisionLog> {
  const active = await beginDrill(scenario, { ...DEFAULT_SETTINGS, traineeId: trainee });
  await active.drill.choose(CAREFUL.dispatch!);
  await active.drill.choose(CAREFUL['dispatch-update']!);
  releaseDrill(active.sessionId);
  return (await loadLog(active.sessionId))!;
}

/** Re-chains a log after an edit and signs it with `key`, as a careful forger would. */
async function forge(
  log: DecisionLog,
  key: { privateKey: CryptoKey; publicJwk: PublicKeyJwk },
): Promise<DecisionLog> {
  const forged = structuredClone(log);
  forged.trainee = { id: 'someone-else' };
  forged.deviceKey = key.publicJwk;
  const start = forged.events[0]!;
  start.session = { ...start.session!, trainee: forged.trainee, deviceKey: key.publicJwk };
  let previous = forged.scenario.digest;
  for (const event of forged.events) {
    delete event.hubSig;
    event.hash = eventHash(previous, event);
    event.sig = await signHash(key.privateKey, event.hash);
    previous = event.hash;
  }
  return forged;
}

function badgeFor(log: DecisionLog, trust: TrustedKey[]): HTMLElement {
  const books: ScenarioShelf = new Map([[log.scenario.digest, scenario]]);
  const { container } = render(<IntegrityBadge integrity={checkIntegrity(log, books, trust)} />);
  return container.querySelector<HTMLElement>('[data-integrity]')!;
}

describe("the device's signing key", () => {
  it('is made once, kept across reopening the database, and its private half never leaves', async () => {
    const first = (await deviceKey())!;
    expect(first.publicJwk).toEqual({
      kty: 'EC',
      crv: 'P-256',
      x: expect.any(String),
      y: expect.any(String),
    });
    await closeDefuseDb();
    const again = (await deviceKey())!;
    expect(again.publicJwk).toEqual(first.publicJwk);
    expect(again.privateKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('jwk', again.privateKey)).rejects.toThrow();
    // The key read back still signs, and its signatures verify against the public half.
    const sig = await signHash(again.privateKey, 'sha256:abc');
    expect(verifyHeadSignature(first.publicJwk, 'sha256:abc', sig)).toBe(true);
  });

  it('signs every stored event of a drill, and the stored log names the key', async () => {
    const { publicJwk } = (await deviceKey())!;
    const log = await deviceDrill();
    expect(log.events.length).toBe(3);
    expect(log.deviceKey).toEqual(publicJwk);
    expect(log.events[0]!.session?.deviceKey).toEqual(publicJwk);
    for (const event of log.events) {
      expect(verifyHeadSignature(publicJwk, event.hash, event.sig!)).toBe(true);
    }
    const verdict = verifyLog(scenario, log, {
      trust: [{ publicKey: publicJwk, kind: 'device', name: THIS_TABLET }],
    });
    expect(verdict).toMatchObject({ ok: true, signature: { state: 'trusted', by: 'device' } });
  });

  it('goes on signing a resumed drill', async () => {
    const { publicJwk } = (await deviceKey())!;
    const log = await deviceDrill();
    const resumed = await resumeStoredDrill(log.sessionId);
    await resumed.drill.choose(CAREFUL.arrival!);
    releaseDrill(resumed.sessionId);
    const after = (await loadLog(log.sessionId))!;
    expect(after.events.map((e) => e.type)).toEqual([
      'start',
      'choice',
      'choice',
      'resume',
      'choice',
    ]);
    for (const event of after.events) {
      expect(verifyHeadSignature(publicJwk, event.hash, event.sig!)).toBe(true);
    }
  });
});

describe('the integrity badge says who vouches for a log', () => {
  it('shows a drill recorded here as signed by this tablet in the debrief list', async () => {
    await deviceDrill('ben');
    window.location.hash = '#/debrief';
    render(<DebriefArea />);
    const badge = (await screen.findByText('Signed by this tablet')).closest<HTMLElement>(
      '[data-integrity]',
    )!;
    expect(badge.dataset.integrity).toBe('intact');
    expect(badge.dataset.signature).toBe('trusted');
  });

  it('shows a log countersigned by a trusted hub as such', async () => {
    const log = await deviceDrill();
    const hub = await otherKey();
    const served: DecisionLog = {
      ...log,
      hub: { key: hub.publicJwk, name: 'Defuse hub' },
      events: await Promise.all(
        log.events.map(async (e) => ({ ...e, hubSig: await signHash(hub.privateKey, e.hash) })),
      ),
    };
    const badge = badgeFor(served, [{ publicKey: hub.publicJwk, kind: 'hub', name: 'Defuse hub' }]);
    expect(badge.textContent).toContain('Signed · countersigned by the hub');
    expect(badge.className).toContain('integrity-intact');
  });

  it('does not show a forged, re-chained and re-signed log as plainly intact', async () => {
    const own = (await deviceKey())!;
    const forged = await forge(await deviceDrill(), await otherKey());
    // The chain and the signatures hold: only the key gives it away.
    expect(verifyLog(scenario, forged).ok).toBe(true);
    const badge = badgeFor(forged, [{ publicKey: own.publicJwk, kind: 'device' }]);
    expect(badge.textContent).toContain('Intact, but anyone could have written it');
    expect(badge.dataset.signature).toBe('unknown-key');
    expect(badge.className).not.toContain('integrity-intact');
  });

  it('shows an older unsigned log as intact but unsigned', async () => {
    const log = await playDrill(scenario, CAREFUL, { trainee: 'old' });
    expect(log.events.every((e) => e.sig === undefined)).toBe(true);
    const badge = badgeFor(log, []);
    expect(badge.textContent).toContain('Intact · unsigned (older log)');
    expect(badge.dataset.signature).toBe('unsigned');
  });

  it('shows a log whose signature does not match its key as tampered', async () => {
    const log = await deviceDrill();
    const stranger = await otherKey();
    const last = log.events.at(-1)!;
    last.sig = await signHash(stranger.privateKey, last.hash);
    const badge = badgeFor(log, []);
    expect(badge.dataset.integrity).toBe('tampered');
    expect(badge.textContent).toContain('Tampered: event 3');
  });
});
