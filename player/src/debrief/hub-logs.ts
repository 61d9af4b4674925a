/**
 * The class hub as a source of logs for the debrief: its list of logs, one
 * log with the scenario it was recorded against, and the instructor's notes
 * kept on the hub. Every request goes through the apps' hub client; every
 * verdict on a log comes from the engine, exactly as for logs on the tablet.
 */
import { scenarioDigest, validateScenario, type TrustedKey } from '@defuse/engine';
import type { Annotation, DecisionLog, Scenario } from '@defuse/schemas';
import {
  hubRequest,
  type HubClass,
  type HubLogSummary,
  type HubNote,
  type HubScenarioVersion,
} from '../hub/api';
import { loadCatalogue } from '../scenarios/catalogue';
import { checkIntegrity, type ScenarioShelf } from './integrity';
import type { DebriefLog } from './library';

/** What the instructor narrowed the hub's list to; an empty string means "any". */
export interface HubLogFilter {
  classId: string;
  traineeId: string;
  scenarioId: string;
}

/** No filter: every log the hub holds. */
export const ANY_LOG: HubLogFilter = { classId: '', traineeId: '', scenarioId: '' };

/** One page of the hub's list, newest first. */
export interface HubLogPage {
  logs: HubLogSummary[];
  total: number;
}

/** The path of one page of `GET /logs`; empty filters are left out so they do not narrow. */
export function logsPath(filter: HubLogFilter, limit: number, offset: number): string {
  const query = new URLSearchParams();
  if (filter.classId) query.set('class', filter.classId);
  const trainee = filter.traineeId.trim();
  if (trainee) query.set('trainee', trainee);
  if (filter.scenarioId) query.set('scenario', filter.scenarioId);
  query.set('limit', String(limit));
  query.set('offset', String(offset));
  return `/logs?${query.toString()}`;
}

/** One page of the logs the hub holds that match the filter. */
export function fetchLogPage(
  filter: HubLogFilter,
  limit: number,
  offset: number,
  signal?: AbortSignal,
): Promise<HubLogPage> {
  return hubRequest<HubLogPage>(logsPath(filter, limit, offset), signal ? { signal } : {});
}

/** Every class on the hub, newest first (for the class filter). */
export async function fetchClasses(): Promise<HubClass[]> {
  return (await hubRequest<{ classes: HubClass[] }>('/classes')).classes;
}

/** Every published scenario version, newest first (for the scenario filter). */
export async function fetchScenarioVersions(): Promise<HubScenarioVersion[]> {
  return (await hubRequest<{ scenarios: HubScenarioVersion[] }>('/scenarios')).scenarios;
}

/**
 * A published scenario version's text, checked by the engine like any
 * scenario the player opens; an invalid one is refused with the engine's reason.
 */
export async function fetchScenario(version: HubScenarioVersion): Promise<Scenario> {
  const path = `/scenarios/${encodeURIComponent(version.id)}/${encodeURIComponent(version.version)}`;
  const { scenario, diagnostics } = validateScenario(await hubRequest<unknown>(path));
  if (!scenario) {
    throw new Error(
      `The hub’s copy of “${version.title}” v${version.version} is not a valid scenario: ${diagnostics[0]?.message ?? 'unknown reason'}.`,
    );
  }
  return scenario;
}

/** What `GET /logs/:sessionId` answers. */
export interface HubLogAnswer {
  log: DecisionLog;
  scenario: Scenario;
  summary: HubLogSummary;
}

/** Every scenario text this device has (bundled and imported), by digest. */
export async function deviceShelf(): Promise<ScenarioShelf> {
  const catalogue = await loadCatalogue();
  return new Map([...catalogue.bundled, ...catalogue.imported].map((e) => [e.digest, e.scenario]));
}

/** Whole logs (events and notes) of one page of the list, for the class view. */
export function fetchFullLogPage(
  filter: HubLogFilter,
  limit: number,
  offset: number,
  signal?: AbortSignal,
): Promise<{ logs: DecisionLog[]; total: number }> {
  const path = logsPath(filter, limit, offset).replace(/^\/logs\?/, '/logs/full?');
  return hubRequest(path, signal ? { signal } : {});
}

let hubKeys: Promise<TrustedKey[]> | undefined;

/**
 * The keys the hub vouches for (its own and every registered tablet's),
 * fetched once per page: a log signed by one of them is "signed", any other
 * key only "intact, but anyone could have written it". A failed fetch is
 * forgotten, so the next debrief asks again.
 */
export function fetchHubKeys(): Promise<TrustedKey[]> {
  hubKeys ??= hubRequest<{ keys: TrustedKey[] }>('/keys').then(
    (answer) => answer.keys,
    (error: unknown) => {
      hubKeys = undefined;
      throw error;
    },
  );
  return hubKeys;
}

/** One log with the scenario text it was recorded against. */
export function fetchHubLog(sessionId: string, signal?: AbortSignal): Promise<HubLogAnswer> {
  return hubRequest<HubLogAnswer>(
    `/logs/${encodeURIComponent(sessionId)}`,
    signal ? { signal } : {},
  );
}

/**
 * The scenario text the hub sent, keyed by the digest the engine computes
 * from it (not the digest the hub claims), so a log only counts as recorded
 * against it when the text really is the one in the log's chain.
 */
export function hubShelf(scenario: unknown, device: ScenarioShelf = new Map()): ScenarioShelf {
  const shelf: ScenarioShelf = new Map(device);
  const { scenario: valid } = validateScenario(scenario);
  if (valid) shelf.set(scenarioDigest(valid), valid);
  return shelf;
}

/**
 * A hub log as the debrief opens it: the same shape and the same integrity
 * check as a local one. The device's scenarios join the hub's copy, so a
 * scenario file opened here can still fill in for a text the hub lacks.
 */
export function hubDebriefLog(
  answer: HubLogAnswer,
  device?: ScenarioShelf,
  trust: readonly TrustedKey[] = [],
): DebriefLog {
  const log = { ...answer.log, annotations: (answer.log.annotations ?? []).map(asAnnotation) };
  return {
    key: `h.${log.sessionId}`,
    source: 'hub',
    log,
    integrity: checkIntegrity(log, hubShelf(answer.scenario, device), trust),
  };
}

/**
 * A note as the debrief shows it. A hub note may be about the whole log
 * (no `seq`); it is shown with the first event, where the drill starts.
 */
function asAnnotation(note: Partial<Annotation> & Partial<HubNote>): Annotation {
  const at = note.at ?? note.createdAt;
  return {
    seq: typeof note.seq === 'number' ? note.seq : 0,
    text: note.text ?? '',
    ...(note.author ? { author: note.author } : {}),
    ...(at ? { at } : {}),
  };
}

/** Stores an instructor's note on the hub, outside the chain; resolves with it as the hub kept it. */
export async function postNote(sessionId: string, seq: number, text: string): Promise<Annotation> {
  const note = await hubRequest<HubNote>(`/logs/${encodeURIComponent(sessionId)}/notes`, {
    body: { seq, text },
  });
  return asAnnotation({ ...note, seq: note.seq ?? seq });
}
