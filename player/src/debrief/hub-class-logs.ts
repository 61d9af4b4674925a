/**
 * Gathers every hub log of one scenario version (optionally of one class)
 * for the class view: the list page by page, then each log, each checked by
 * the engine as it arrives. Spreading the checks over the downloads keeps
 * the screen answering with a thousand logs, where checking them all at the
 * end would hold it for about a second.
 */
import { verifiedReplay, type ExcludedLog } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import type { HubLogSummary } from '../hub/api';
import { fetchHubLog, fetchLogPage } from './hub-logs';

/** The hub's largest page. */
export const CLASS_PAGE_SIZE = 500;

/** Logs fetched at once: enough to hide the round trips, few enough not to crowd the hub. */
const PARALLEL = 6;

/** How far the gathering is: first the list, then the logs themselves. */
export interface ClassLoadProgress {
  phase: 'listing' | 'fetching';
  done: number;
  total: number;
}

/** What the class view counts, and what it cannot. */
export interface HubClassLogs {
  /** Logs that verify against the scenario, in the hub's order (newest first). */
  logs: DecisionLog[];
  /** Logs that do not verify, or could not be fetched, with the reason. */
  excluded: ExcludedLog[];
  /** Logs of the same scenario recorded against another version: not fetched, not counted. */
  otherVersions: number;
}

/**
 * Every matching log, verified. `digest` is the engine's digest of
 * `scenario`; the hub's summaries are used only to skip other versions
 * early, never to decide that a log can be trusted.
 */
export async function loadClassLogs(
  scenario: Scenario,
  digest: string,
  classId: string,
  onProgress: (progress: ClassLoadProgress) => void,
  signal?: AbortSignal,
): Promise<HubClassLogs> {
  const summaries = await listAll(scenario.id, classId, onProgress, signal);
  const wanted = summaries.filter((s) => s.scenarioDigest === digest);
  const slots: (DecisionLog | undefined)[] = new Array(wanted.length);
  const excluded: ExcludedLog[] = [];
  let next = 0;
  let done = 0;
  onProgress({ phase: 'fetching', done, total: wanted.length });

  async function worker() {
    while (next < wanted.length) {
      const index = next++;
      const summary = wanted[index]!;
      try {
        const { log } = await fetchHubLog(summary.sessionId, signal);
        const { replay, verdict } = verifiedReplay(scenario, log);
        if (replay) slots[index] = log;
        else
          excluded.push({
            sessionId: log.sessionId,
            trainee: log.trainee.id,
            reason: verdict.message,
          });
      } catch (e) {
        if (signal?.aborted) throw e;
        excluded.push({
          sessionId: summary.sessionId,
          trainee: summary.traineeId,
          reason: `the hub did not give it (${e instanceof Error ? e.message : String(e)})`,
        });
      }
      onProgress({ phase: 'fetching', done: ++done, total: wanted.length });
    }
  }

  await Promise.all(Array.from({ length: Math.min(PARALLEL, wanted.length) }, worker));
  return {
    logs: slots.filter((l): l is DecisionLog => l !== undefined),
    excluded,
    otherVersions: summaries.length - wanted.length,
  };
}

async function listAll(
  scenarioId: string,
  classId: string,
  onProgress: (progress: ClassLoadProgress) => void,
  signal?: AbortSignal,
): Promise<HubLogSummary[]> {
  // Keyed by session: a drill started while paging shifts the pages, and a row may come twice.
  const all = new Map<string, HubLogSummary>();
  const filter = { classId, traineeId: '', scenarioId };
  for (let offset = 0; ;) {
    const page = await fetchLogPage(filter, CLASS_PAGE_SIZE, offset, signal);
    for (const s of page.logs) all.set(s.sessionId, s);
    offset += page.logs.length;
    onProgress({ phase: 'listing', done: all.size, total: page.total });
    // An empty page ends the loop even if logs were deleted while paging (total then overstates).
    if (page.logs.length === 0 || offset >= page.total) return [...all.values()];
  }
}
