import type { DecisionLog, PublicKeyJwk } from '@defuse/schemas';
import type { DiagnosticCode } from './diagnostic-codes';
import { keyId, verifyHeadSignature } from './signatures';
import type { SignatureVerdict, TrustedKey, VerifyProblem } from './types';

/** Why a log's signatures break it, in the terms `verifyLog` reports. */
export interface SignatureFailure {
  problem: VerifyProblem;
  code: DiagnosticCode;
  message: string;
  path: string;
  seq: number;
}

/** The verdict on a log whose signatures were never looked at (it broke earlier). */
export function notChecked(): SignatureVerdict {
  return { state: 'unsigned', message: 'signatures not checked: the log is not intact' };
}

/**
 * Checks the newest device signature and the newest hub countersignature of
 * a log whose chain is intact, and says who vouches for it.
 *
 * Only the newest ones: each signs a hash that, through the chain, covers
 * every event before it, so checking one is as good as checking all, and a
 * 30,000-event log costs one verification, not 30,000. A device signs every
 * event as it is recorded, so unsigned events after a signed one were added
 * by someone without the key; a log cut short is still signed on its last
 * event. The hub countersigns events as they arrive, so events after its
 * newest countersignature merely had not reached it.
 */
export function checkSignatures(
  log: DecisionLog,
  trust: readonly TrustedKey[],
): SignatureFailure | SignatureVerdict {
  const events = log.events;
  const signed = lastIndex(events, (e) => e.sig !== undefined);
  if (signed >= 0) {
    const e = events[signed]!;
    const path = `/events/${signed}/sig`;
    if (!log.deviceKey) {
      return broken(path, e.seq, `event ${e.seq} is signed, but the log names no deviceKey`);
    }
    if (!verifyHeadSignature(log.deviceKey, e.hash, e.sig!)) {
      return broken(
        path,
        e.seq,
        `event ${e.seq}'s signature does not match the log's device key: ` +
          'the log was changed after it was signed',
      );
    }
    if (signed < events.length - 1) {
      const next = events[signed + 1]!;
      return {
        problem: 'unsigned-tail',
        code: 'DF512',
        message:
          `events ${next.seq} to ${events.at(-1)!.seq} carry no signature although event ${e.seq} does: ` +
          'they were added by someone without the device key',
        path: `/events/${signed + 1}`,
        seq: next.seq,
      };
    }
  }
  const countersigned = lastIndex(events, (e) => e.hubSig !== undefined);
  if (countersigned >= 0) {
    const e = events[countersigned]!;
    const path = `/events/${countersigned}/hubSig`;
    if (!log.hub) {
      return broken(path, e.seq, `event ${e.seq} is countersigned, but the log names no hub key`);
    }
    if (!verifyHeadSignature(log.hub.key, e.hash, e.hubSig!)) {
      return broken(
        path,
        e.seq,
        `event ${e.seq}'s hub countersignature does not match the hub's key: ` +
          'the log was changed after the hub received it',
      );
    }
  }
  const device = signed >= 0 ? log.deviceKey : undefined;
  const hub = countersigned >= 0 ? log.hub?.key : undefined;
  return verdict(device, hub, countersigned, events.length, trust);
}

function verdict(
  device: PublicKeyJwk | undefined,
  hub: PublicKeyJwk | undefined,
  countersigned: number,
  count: number,
  trust: readonly TrustedKey[],
): SignatureVerdict {
  const trusted = (key: PublicKeyJwk, kind: TrustedKey['kind']) => {
    const id = keyId(key);
    return { id, entry: trust.find((t) => t.kind === kind && keyId(t.publicKey) === id) };
  };
  const d = device && trusted(device, 'device');
  if (d?.entry) {
    return withName(
      { state: 'trusted', by: 'device', keyId: d.id },
      d.entry.name,
      `intact, signed by a trusted device (${d.entry.name ?? d.id})`,
    );
  }
  const h = hub && trusted(hub, 'hub');
  if (h?.entry) {
    // Events after the hub's newest countersignature are the device's word alone.
    const upTo = countersigned < count - 1 ? `, up to event ${countersigned + 1}` : '';
    return withName(
      { state: 'trusted', by: 'hub', keyId: h.id },
      h.entry.name,
      `intact, countersigned by a trusted hub (${h.entry.name ?? h.id})${upTo}`,
    );
  }
  const unknown = d ?? h;
  if (unknown) {
    return {
      state: 'unknown-key',
      by: d ? 'device' : 'hub',
      keyId: unknown.id,
      message: `intact, but anyone could have written it (signed by unknown key ${unknown.id})`,
    };
  }
  return { state: 'unsigned', message: 'intact, unsigned (an older log)' };
}

function withName(
  v: Omit<SignatureVerdict, 'message'>,
  name: string | undefined,
  message: string,
): SignatureVerdict {
  return name === undefined ? { ...v, message } : { ...v, name, message };
}

function broken(path: string, seq: number, message: string): SignatureFailure {
  return { problem: 'signature-mismatch', code: 'DF511', message, path, seq };
}

function lastIndex<T>(items: readonly T[], test: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (test(items[i]!)) return i;
  return -1;
}

/** Whether `checkSignatures` found a fault rather than a verdict. */
export function isSignatureFailure(r: SignatureFailure | SignatureVerdict): r is SignatureFailure {
  return 'code' in r;
}
