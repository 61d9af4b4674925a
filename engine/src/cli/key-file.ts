/**
 * Key files of the `defuse` command line: the private key `run --key`
 * signs with, and the trusted keys `verify --trust` reads.
 */
import { p256 } from '@noble/curves/nist.js';
import type { PublicKeyJwk } from '@defuse/schemas';
import { fromBase64Url } from '../signatures';
import type { TrustedKey } from '../types';
import type { CliIo } from './command';
import { fileErrorText } from './files';
import { generateDeviceKey, parsePrivateKey, publicKeyOf, type PrivateKeyJwk } from './device-key';

/** A device key read from its file, or made now because the file was missing. */
export type KeyFile = { key: PrivateKeyJwk; created: boolean } | { problem: string };

/** Key files are a few hundred bytes; anything much larger is not one. */
const MAX_KEY_FILE_BYTES = 1024 * 1024;

/**
 * Loads the private key in `file`, or creates a new key pair there (mode
 * 0600, exclusively) when nothing is at that path.
 */
export function loadOrCreateKeyFile(io: CliIo, file: string): KeyFile {
  try {
    if (!io.stat(file)) {
      const key = generateDeviceKey();
      io.createPrivateFile(file, JSON.stringify(key, null, 2) + '\n');
      return { key, created: true };
    }
  } catch (error) {
    return { problem: `cannot create the key file: ${fileErrorText(error)}` };
  }
  const read = readJson(io, file);
  if ('problem' in read) return read;
  const key = parsePrivateKey(read.json);
  if (typeof key === 'string') return { problem: `not a private key file: ${key}` };
  return { key, created: false };
}

/**
 * Reads the keys `verify --trust` trusts: `{ "keys": [ { "publicKey": JWK,
 * "kind": "device" | "hub", "name"?: string } ] }`, the bare array, or a
 * private key file (as `run --key` writes), whose public part is trusted
 * as a device.
 */
export function readTrustFile(io: CliIo, file: string): TrustedKey[] | string {
  const read = readJson(io, file);
  if ('problem' in read) return read.problem;
  const json = read.json;
  if (isObject(json) && 'd' in json) {
    const key = parsePrivateKey(json);
    if (typeof key === 'string') return `not a private key file: ${key}`;
    return [{ publicKey: publicKeyOf(key), kind: 'device' }];
  }
  const entries = Array.isArray(json) ? json : isObject(json) ? json.keys : undefined;
  if (!Array.isArray(entries)) {
    return 'not a list of keys: expected { "keys": [ { "publicKey", "kind", "name" } ] }';
  }
  const keys: TrustedKey[] = [];
  for (const [i, entry] of entries.entries()) {
    const key = trustedKey(entry);
    if (typeof key === 'string') return `key ${i + 1}: ${key}`;
    keys.push(key);
  }
  return keys;
}

function trustedKey(entry: unknown): TrustedKey | string {
  if (!isObject(entry)) return 'not a JSON object';
  const { publicKey, kind, name } = entry;
  if (kind !== 'device' && kind !== 'hub') return '"kind" must be "device" or "hub"';
  if (name !== undefined && typeof name !== 'string') return '"name" must be text';
  const key = publicKeyJwk(publicKey);
  if (typeof key === 'string') return `"publicKey" ${key}`;
  return name === undefined ? { publicKey: key, kind } : { publicKey: key, kind, name };
}

/** A P-256 public key JWK whose point is on the curve, or what is wrong with it. */
export function publicKeyJwk(value: unknown): PublicKeyJwk | string {
  if (!isObject(value)) return 'is not a JWK object';
  if (value.kty !== 'EC' || value.crv !== 'P-256') return 'is not an EC P-256 key';
  if (typeof value.x !== 'string' || typeof value.y !== 'string') return 'has no "x" and "y"';
  const x = fromBase64Url(value.x);
  const y = fromBase64Url(value.y);
  if (x?.length !== 32 || y?.length !== 32)
    return 'has "x" or "y" that is not 32 bytes of base64url';
  try {
    p256.Point.fromBytes(new Uint8Array([4, ...x, ...y])).assertValidity();
  } catch {
    return 'is not a point on the P-256 curve';
  }
  return { kty: 'EC', crv: 'P-256', x: value.x, y: value.y };
}

function readJson(io: CliIo, file: string): { json: unknown } | { problem: string } {
  let text: string;
  try {
    const kind = io.stat(file);
    if (!kind) return { problem: 'cannot read the file: there is no such file' };
    if (kind.kind === 'directory') return { problem: 'this is a directory, not a file' };
    const bytes = io.readFile(file, MAX_KEY_FILE_BYTES + 1);
    if (bytes.byteLength > MAX_KEY_FILE_BYTES) return { problem: 'too large for a key file' };
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    return { problem: `cannot read the file: ${fileErrorText(error)}` };
  }
  try {
    return { json: JSON.parse(text) as unknown };
  } catch {
    return { problem: 'not valid JSON' };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
