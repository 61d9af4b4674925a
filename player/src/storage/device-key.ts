import type { PublicKeyJwk } from '@defuse/engine';
import type { IDBPDatabase } from 'idb';
import { openDefuseDb, type DefuseDb } from './db';

/**
 * This install's signing key. It is made once, with WebCrypto, and its
 * private half is not extractable: it can sign on this device and nowhere
 * else, so a log signed by it was written here. IndexedDB keeps the
 * CryptoKey objects themselves (they are structured-cloneable); the public
 * half is kept beside them as a JWK, because it goes into every log header.
 */
export interface DeviceKey {
  privateKey: CryptoKey;
  publicJwk: PublicKeyJwk;
}

interface StoredDeviceKey {
  privateKey: CryptoKey;
  publicJwk: PublicKeyJwk;
}

const KEY = 'device-key';
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;

/** Read once per database connection: a reopened database is read again. */
const cache = new WeakMap<IDBPDatabase<DefuseDb>, Promise<DeviceKey | undefined>>();

/**
 * The device's key pair, created on first use and the same ever after.
 * Resolves undefined where WebCrypto is missing (an old browser, a page not
 * served over a secure origin): drills then record unsigned logs, as before.
 */
export async function deviceKey(): Promise<DeviceKey | undefined> {
  if (!globalThis.crypto?.subtle) return undefined;
  const db = await openDefuseDb();
  let pending = cache.get(db);
  if (!pending) {
    pending = loadOrCreate(db).catch(() => {
      // Try again next time: a transient failure must not leave a device unsigned for good.
      cache.delete(db);
      return undefined;
    });
    cache.set(db, pending);
  }
  return pending;
}

/** This device's public key, or undefined where it has none. */
export async function devicePublicKey(): Promise<PublicKeyJwk | undefined> {
  return (await deviceKey())?.publicJwk;
}

async function loadOrCreate(db: IDBPDatabase<DefuseDb>): Promise<DeviceKey | undefined> {
  const subtle = globalThis.crypto.subtle;
  const stored = (await db.get('settings', KEY)) as StoredDeviceKey | undefined;
  if (isStoredKey(stored)) return stored;
  const pair = await subtle.generateKey(ALGORITHM, false, ['sign', 'verify']);
  const { kty, crv, x, y } = await subtle.exportKey('jwk', pair.publicKey);
  if (kty !== 'EC' || crv !== 'P-256' || !x || !y) return undefined;
  const fresh: StoredDeviceKey = {
    privateKey: pair.privateKey,
    publicJwk: { kty, crv, x, y },
  };
  // Two tabs opening at once must end with one key: the first write wins, the other reads it.
  const tx = db.transaction('settings', 'readwrite');
  const raced = (await tx.store.get(KEY)) as StoredDeviceKey | undefined;
  if (isStoredKey(raced)) {
    await tx.done;
    return raced;
  }
  await tx.store.put(fresh, KEY);
  await tx.done;
  return fresh;
}

function isStoredKey(value: StoredDeviceKey | undefined): value is StoredDeviceKey {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof value.publicJwk?.x === 'string' &&
    typeof value.privateKey === 'object' &&
    value.privateKey !== null
  );
}

/**
 * Signs a log event's hash: ECDSA P-256 with SHA-256 over the hash's UTF-8
 * bytes, as base64url without padding (the 64-byte P1363 form WebCrypto
 * gives), which is what the engine and the hub check.
 */
export async function signHash(privateKey: CryptoKey, hash: string): Promise<string> {
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    privateKey,
    new TextEncoder().encode(hash),
  );
  return base64url(new Uint8Array(signature));
}

function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
