/**
 * Gathers every hub log of one scenario version (optionally of one class)
 * for the class view: whole logs, 500 to a request (`GET /logs/full`), each
 * checked by the engine as its page arrives. The checks are spread over the
 * pages, yielding between chunks, so the screen keeps answering with a
 * thousand logs.
 */
import { verifiedReplay, type ExcludedLog } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { fetchFullLogPage, fetchLogPage } from './hub-logs';

/** The hub's largest page. */
export const CLASS_PAGE_SIZE = 500;

/** Logs checked between two yields to the browser. */
const CHUNK = 50;

/** How far the gathering is: first the counts, then the logs themselves. */
export interface ClassLoadProgress {
  phase: 'listing' | 'fetching';
  done: number;
  total: number;
}

/** What the class view counts, and what it cannot. */
export interface HubClassLogs {
  /** Logs that verify against the scenario, in the hub's order (newest first). */
  logs: DecisionLog[];
  /** Logs that do not verify, with the reason. */
  excluded: ExcludedLog[];
  /** Logs of the same scenario recorded against another version: not fetched, not counted. */
  otherVersions: number;
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Every matching log, verified. `digest` is the engine's digest of
 * `scenario`: the hub is asked for that version's logs, and each log is
 * still verified here against the scenario, never trusted because the hub
 * filed it under that digest.
 */
export async function loadClassLogs(
  scenario: Scenario,
  digest: string,
  classId: string,
  onProgress: (progress: ClassLoadProgress) => void,
  signal?: AbortSignal,
): Promise<HubClassLogs> {
  onProgress({ phase: 'listing', done: 0, total: 0 });
  const ofVersion = { classId, traineeId: '', scenarioId: digest };
  const [allVersions, thisVersion] = await Promise.all([
    fetchLogPage({ ...ofVersion, scenarioId: scenario.id }, 1, 0, signal),
    fetchLogPage(ofVersion, 1, 0, signal),
  ]);
  // Keyed by session: a drill started while paging shifts the pages, and a log may come twice.
  const checked = new Map<string, DecisionLog | ExcludedLog>();
  let total = thisVersion.total;
  onProgress({ phase: 'fetching', done: 0, total });
  for (let offset = 0; ;) {
    const page = await fetchFullLogPage(ofVersion, CLASS_PAGE_SIZE, offset, signal);
    total = Math.max(total, page.total);
    for (let i = 0; i < page.logs.length; i += CHUNK) {
      for (const log of page.logs.slice(i, i + CHUNK)) {
        const { replay, verdict } = verifiedReplay(scenario, log);
        checked.set(
          log.sessionId,
          replay
            ? log
            : { sessionId: log.sessionId, trainee: log.trainee.id, reason: verdict.message },
        );
      }
      onProgress({ phase: 'fetching', done: checked.size, total });
      await nextTask();
      signal?.throwIfAborted();
    }
    offset += page.logs.length;
    // An empty page ends the loop even if logs were deleted while paging (total then overstates).
    if (page.logs.length === 0 || offset >= page.total) break;
  }
  const logs: DecisionLog[] = [];
  const excluded: ExcludedLog[] = [];
  for (const entry of checked.values()) {
    if ('events' in entry) logs.push(entry);
    else excluded.push(entry);
  }
  return {
    logs,
    excluded,
    otherVersions: Math.max(0, allVersions.total - thisVersion.total),
  };
}
