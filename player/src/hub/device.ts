/**
 * What a tablet asks of the hub as a joined device: join a class, check that
 * its class is still open, and send its drills' events. Thin wrappers over
 * {@link hubRequest}, so errors stay {@link HubError}s with the hub's words.
 */
import type { PublicKeyJwk } from '@defuse/engine';
import type { LogEvent } from '@defuse/schemas';
import { hubRequest, type HubClass, type HubDevice, type LogHeader } from './api';

/** The answer of `POST /join`: the device's token, the device and its class. */
export interface JoinAnswer {
  token: string;
  device: HubDevice;
  class: HubClass;
}

/**
 * Joins the class with this code as this trainee (404 unknown or closed code,
 * 429 too many tries). `publicKey`, the device's signing key, is registered
 * with the hub, which from then on accepts only logs signed by it.
 */
export function joinClass(
  code: string,
  traineeId: string,
  publicKey?: PublicKeyJwk,
): Promise<JoinAnswer> {
  return hubRequest('/join', { body: { code, traineeId, ...(publicKey && { publicKey }) } });
}

/** The device and its class as the hub knows them; 401 once the class is closed. */
export function fetchDevice(deviceToken: string): Promise<{ device: HubDevice; class: HubClass }> {
  return hubRequest('/device', { deviceToken });
}

/** What the hub holds of a session after an upload: its highest seq and that event's hash. */
export interface UploadAnswer {
  stored: number;
  head: string;
}

/** Sends a batch of a session's events, in order (422 names the seq it refused and why). */
export function uploadEvents(
  deviceToken: string,
  sessionId: string,
  header: LogHeader,
  events: LogEvent[],
): Promise<UploadAnswer> {
  return hubRequest(`/device/logs/${encodeURIComponent(sessionId)}/events`, {
    deviceToken,
    body: { header, events },
  });
}

/** Normalises a typed or scanned join code: capitals, no spaces or dashes. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '');
}
