/**
 * The instructor's calls to the class hub, one function per route of
 * `hub/README.md`, typed with the shapes `../api` declares. Every failure is a
 * {@link HubError} carrying the hub's own one-line message.
 */
import {
  hubRequest,
  type HubAccount,
  type HubClass,
  type HubDevice,
  type HubScenarioVersion,
} from '../api';

/** A class as `GET /classes/:id` answers it: with the tablets that joined. */
export type HubClassDetail = HubClass & { devices: HubDevice[] };

/** What an admin can set for the whole hub. */
export interface HubSettings {
  /** Logs older than this many days are deleted; null keeps them forever. */
  retentionDays: number | null;
}

/** What a new class needs. */
export interface NewClass {
  name: string;
  mode: HubClass['mode'];
  /** Digests of the published scenario versions the class drills. */
  scenarios: string[];
}

/** What a new account needs. */
export interface NewAccount {
  email: string;
  name: string;
  password: string;
  role: HubAccount['role'];
}

/** Every class session on the hub, newest first. */
export async function listClasses(signal?: AbortSignal): Promise<HubClass[]> {
  return (await hubRequest<{ classes: HubClass[] }>('/classes', { signal })).classes;
}

/** One class with its joined tablets. */
export async function getClass(id: string, signal?: AbortSignal): Promise<HubClassDetail> {
  const info = await hubRequest<HubClass>(`/classes/${encodeURIComponent(id)}`, { signal });
  return { ...info, devices: info.devices ?? [] };
}

/** Opens a class session; the answer carries its join code. */
export function createClass(newClass: NewClass): Promise<HubClass> {
  return hubRequest<HubClass>('/classes', { body: newClass });
}

/** Closes a class: no tablet can join any more and every joined tablet is signed out. */
export function closeClass(id: string): Promise<HubClass> {
  return hubRequest<HubClass>(`/classes/${encodeURIComponent(id)}/close`, { method: 'POST' });
}

/** The address of a class's QR code image (served to the signed-in instructor's cookie). */
export function classQrUrl(id: string): string {
  return `/api/v1/classes/${encodeURIComponent(id)}/qr.svg`;
}

/** Every published scenario version, newest first. */
export async function listScenarios(signal?: AbortSignal): Promise<HubScenarioVersion[]> {
  return (await hubRequest<{ scenarios: HubScenarioVersion[] }>('/scenarios', { signal }))
    .scenarios;
}

/** Every instructor and admin account (admins only). */
export async function listAccounts(signal?: AbortSignal): Promise<HubAccount[]> {
  return (await hubRequest<{ accounts: HubAccount[] }>('/accounts', { signal })).accounts;
}

/** Creates an instructor or admin account (admins only); 409 when the e-mail is taken. */
export async function createAccount(account: NewAccount): Promise<HubAccount> {
  return (await hubRequest<{ account: HubAccount }>('/accounts', { body: account })).account;
}

/** The hub's settings (admins only). */
export function getSettings(signal?: AbortSignal): Promise<HubSettings> {
  return hubRequest<HubSettings>('/settings', { signal });
}

/** Saves the hub's settings (admins only) and answers them as stored. */
export function saveSettings(settings: HubSettings): Promise<HubSettings> {
  return hubRequest<HubSettings>('/settings', { method: 'PUT', body: settings });
}

/** Everything the hub holds about one trainee (admins only). */
export function exportTrainee(traineeId: string): Promise<unknown> {
  return hubRequest<unknown>(`/trainees/${encodeURIComponent(traineeId)}/export`);
}

/** Deletes a trainee's data from the hub (admins only); answers how many logs went. */
export async function deleteTrainee(traineeId: string): Promise<number> {
  const answer = await hubRequest<{ deletedLogs: number }>(
    `/trainees/${encodeURIComponent(traineeId)}`,
    { method: 'DELETE' },
  );
  return answer.deletedLogs;
}
