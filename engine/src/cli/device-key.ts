/**
 * The `defuse` command line's device key: an ECDSA P-256 key pair kept as a
 * private JWK in a file, which signs each event's hash the way a player
 * signs with WebCrypto. Not in the engine core: a browser keeps its private
 * key unextractable inside WebCrypto and never needs this.
 */
import { p256 } from '@noble/curves/nist.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { PublicKeyJwk } from '@defuse/schemas';
import { fromBase64Url, toBase64Url } from '../signatures';

/** A private key as a JWK: the public members and the secret scalar `d`. */
export interface PrivateKeyJwk extends PublicKeyJwk {
  d: string;
}

/** A fresh key pair from the platform's secure random source. */
export function generateDeviceKey(): PrivateKeyJwk {
  return deviceKeyFromSecret(p256.utils.randomSecretKey());
}

/**
 * The key pair of a 32-byte secret scalar. For fixed test keys (a corpus
 * that must come out the same every time it is made); real keys come from
 * {@link generateDeviceKey}.
 */
export function deviceKeyFromSecret(secret: Uint8Array): PrivateKeyJwk {
  return privateJwk(secret);
}

function privateJwk(secret: Uint8Array): PrivateKeyJwk {
  const point = p256.getPublicKey(secret, false);
  return {
    kty: 'EC',
    crv: 'P-256',
    x: toBase64Url(point.subarray(1, 33)),
    y: toBase64Url(point.subarray(33, 65)),
    d: toBase64Url(secret),
  };
}

/** The public half, with only the four members a log carries. */
export function publicKeyOf(key: PublicKeyJwk): PublicKeyJwk {
  return { kty: key.kty, crv: key.crv, x: key.x, y: key.y };
}

/**
 * Reads a private key JWK, or says what is wrong with it. The public
 * members must be those of `d`, so a file edited by hand cannot sign with
 * one key while claiming another.
 */
export function parsePrivateKey(value: unknown): PrivateKeyJwk | string {
  const k = value as Partial<PrivateKeyJwk> | null;
  if (typeof k !== 'object' || k === null || Array.isArray(k)) return 'not a JSON object';
  if (k.kty !== 'EC' || k.crv !== 'P-256')
    return 'not an EC P-256 key ("kty": "EC", "crv": "P-256")';
  if (typeof k.d !== 'string') return 'no private part ("d")';
  const secret = fromBase64Url(k.d);
  if (secret?.length !== 32 || !p256.utils.isValidSecretKey(secret)) {
    return '"d" is not a P-256 private key';
  }
  const key = privateJwk(secret);
  if (k.x !== key.x || k.y !== key.y) return '"x" and "y" are not the public key of "d"';
  return key;
}

/**
 * Signs a hash string: the 64-byte P1363 (r||s) ECDSA P-256 SHA-256
 * signature of its UTF-8 bytes, base64url, exactly what WebCrypto's
 * `sign({ name: 'ECDSA', hash: 'SHA-256' })` gives and `verifyHeadSignature`
 * checks.
 */
export function signHash(key: PrivateKeyJwk, hash: string): string {
  const secret = fromBase64Url(key.d);
  if (!secret) throw new TypeError('the private key is not base64url');
  return toBase64Url(p256.sign(utf8ToBytes(hash), secret, { prehash: true, format: 'compact' }));
}
