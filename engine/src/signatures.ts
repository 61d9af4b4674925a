import { p256 } from '@noble/curves/nist.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { PublicKeyJwk } from '@defuse/schemas';
import { canonicalJson, sha256Hex } from './hash-chain';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const VALUE = new Map([...ALPHABET].map((c, i) => [c, i]));

/** Bytes as base64url without padding (RFC 4648 §5), the form JWKs and `sig` use. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += ALPHABET[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/**
 * Base64url without padding back to bytes; undefined for anything else,
 * including encodings whose unused low bits are not zero (so one signature
 * has exactly one spelling).
 */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (const c of text) {
    const v = VALUE.get(c);
    if (v === undefined) return undefined;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[j++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return undefined;
  return bytes;
}

/** Only the four members that make the key: a JWK may carry `ext`, `key_ops` and others. */
function keyMembers(key: PublicKeyJwk): PublicKeyJwk {
  return { kty: key.kty, crv: key.crv, x: key.x, y: key.y };
}

/**
 * A stable fingerprint of a public key: `sha256:<hex>` of the RFC 8785
 * canonical JSON of its `kty`, `crv`, `x` and `y`. Shown to people and kept
 * in trust lists, so a key reads the same wherever it is named.
 */
export function keyId(key: PublicKeyJwk): string {
  return sha256Hex(canonicalJson(keyMembers(key)));
}

/** The uncompressed SEC 1 point (0x04 || x || y) of a JWK, or undefined when malformed. */
function pointBytes(key: PublicKeyJwk): Uint8Array | undefined {
  if (key.kty !== 'EC' || key.crv !== 'P-256') return undefined;
  const x = fromBase64Url(key.x);
  const y = fromBase64Url(key.y);
  if (x?.length !== 32 || y?.length !== 32) return undefined;
  const point = new Uint8Array(65);
  point[0] = 4;
  point.set(x, 1);
  point.set(y, 33);
  return point;
}

/**
 * Whether `sig` (64-byte IEEE P1363 r||s, base64url) is an ECDSA P-256
 * SHA-256 signature of the UTF-8 bytes of `hash` by `key`. This is the form
 * WebCrypto's `sign({ name: 'ECDSA', hash: 'SHA-256' })` produces. Never
 * throws: a malformed key or signature is simply not a valid signature.
 */
export function verifyHeadSignature(key: PublicKeyJwk, hash: string, sig: string): boolean {
  try {
    const point = pointBytes(key);
    const signature = fromBase64Url(sig);
    if (!point || signature?.length !== 64) return false;
    // WebCrypto does not normalise s to the lower half, so both halves are
    // valid here (noble's default refuses high s, as Bitcoin does).
    return p256.verify(signature, utf8ToBytes(hash), point, { prehash: true, lowS: false });
  } catch {
    return false;
  }
}
