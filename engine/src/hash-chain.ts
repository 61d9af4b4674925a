import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { LogEvent, Scenario } from '@defuse/schemas';

/** RFC 8785 canonical JSON of a value. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/** `sha256:<hex>` of a string's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  return 'sha256:' + bytesToHex(sha256(utf8ToBytes(text)));
}

const digests = new WeakMap<Scenario, string>();

/**
 * The scenario digest logs pin: SHA-256 of its RFC 8785 canonical JSON,
 * leaving out the editor's canvas layout (`x-editor`).
 * Computed once per scenario object: scenarios are values, never mutated in
 * place (the editor makes a new object for every change).
 */
export function scenarioDigest(scenario: Scenario): string {
  let d = digests.get(scenario);
  if (d === undefined) {
    // The editor's layout (`x-editor`: where each beat sits on the canvas) is not
    // what a trainee sees; moving a node must not set logs apart from their scenario.
    const { 'x-editor': _layout, ...content } = scenario;
    d = sha256Hex(canonicalJson(content));
    digests.set(scenario, d);
  }
  return d;
}

/**
 * The hash of one log event: SHA-256 of the previous hash, a newline, and the
 * canonical JSON of the event without its `hash`, `sig` and `hubSig`. The
 * first event's previous hash is the scenario digest. The signatures are of
 * the hash, so they cannot be inside it; an event without them hashes as
 * events did before logs were signed.
 */
export function eventHash(previousHash: string, event: Omit<LogEvent, 'hash'> | LogEvent): string {
  const { hash: _hash, sig: _sig, hubSig: _hubSig, ...rest } = event as LogEvent;
  return sha256Hex(previousHash + '\n' + canonicalJson(rest));
}
