/**
 * Signatures on decision logs. A tablet signs each event's hash with its
 * device key; the hub checks that signature against the key the tablet
 * registered when it joined, then countersigns the event with its own key,
 * so a log served by the hub carries two independent witnesses. Both are
 * ECDSA P-256 over SHA-256 of the hash's UTF-8 bytes, in the 64-byte IEEE
 * P1363 form WebCrypto uses, as base64url without padding.
 */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { PublicKeyJwk } from '@defuse/engine';
import type { Queryable } from './db/database';

/** What the hub calls itself in the logs it serves and in its key list. */
export const HUB_NAME = 'Defuse hub';

/** The settings row that holds the hub's key pair. */
const SETTING = 'hub-signing-key';

/** The hub's key pair: the private half signs, the public half goes out with every log. */
export interface HubKey {
  privateKey: KeyObject;
  publicJwk: PublicKeyJwk;
}

/** Only these members: the same key must always read the same, wherever it is compared. */
export function publicJwkOf(jwk: {
  kty?: unknown;
  crv?: unknown;
  x?: unknown;
  y?: unknown;
}): PublicKeyJwk {
  if (
    jwk.kty !== 'EC' ||
    jwk.crv !== 'P-256' ||
    typeof jwk.x !== 'string' ||
    typeof jwk.y !== 'string'
  )
    throw new TypeError('not a P-256 public key');
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

/** Whether a JWK is a usable P-256 public key (a point on the curve, not just four strings). */
export function isUsablePublicKey(jwk: PublicKeyJwk): boolean {
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    return key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

/** Two public keys are the same key when their members are. */
export function sameKey(a: PublicKeyJwk | undefined, b: PublicKeyJwk): boolean {
  return a !== undefined && a.kty === b.kty && a.crv === b.crv && a.x === b.x && a.y === b.y;
}

/** Whether `sig` is `key`'s signature over the event hash `hash`. */
export function verifiesHash(key: PublicKeyJwk, hash: string, sig: unknown): boolean {
  if (typeof sig !== 'string' || !/^[A-Za-z0-9_-]{86}$/.test(sig)) return false;
  try {
    return verify(
      'sha256',
      Buffer.from(hash, 'utf8'),
      { key: key as JsonWebKey, format: 'jwk', dsaEncoding: 'ieee-p1363' },
      Buffer.from(sig, 'base64url'),
    );
  } catch {
    return false;
  }
}

/** The hub's countersignature over an event hash. */
export function countersign(hubKey: HubKey, hash: string): string {
  return sign('sha256', Buffer.from(hash, 'utf8'), {
    key: hubKey.privateKey,
    dsaEncoding: 'ieee-p1363',
  }).toString('base64url');
}

const loaded = new WeakMap<Queryable, Promise<HubKey>>();

/**
 * The hub's key pair, made the first time any hub process needs it. Several
 * processes may try at once: each offers its own, the database keeps the
 * first (`ON CONFLICT DO NOTHING`), and all read back that one. Cached per
 * database: the key never changes once made.
 */
export function hubKey(db: Queryable): Promise<HubKey> {
  let pending = loaded.get(db);
  if (!pending) {
    pending = loadOrCreate(db).catch((error: unknown) => {
      loaded.delete(db);
      throw error;
    });
    loaded.set(db, pending);
  }
  return pending;
}

async function loadOrCreate(db: Queryable): Promise<HubKey> {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const offered = { privateKey: privateKey.export({ format: 'jwk' }) };
  await db.query(
    'INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING',
    [SETTING, JSON.stringify(offered)],
  );
  const { rows } = await db.query<{ value: { privateKey: JsonWebKey } }>(
    'SELECT value FROM settings WHERE key = $1',
    [SETTING],
  );
  const stored = rows[0]?.value.privateKey;
  if (!stored) throw new Error("the hub's signing key could not be stored");
  // A private JWK carries its public point too, so one stored value gives both halves.
  const key = createPrivateKey({ key: stored, format: 'jwk' });
  return {
    privateKey: key,
    publicJwk: publicJwkOf(createPublicKey(key).export({ format: 'jwk' })),
  };
}
