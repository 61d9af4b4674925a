/**
 * Which decision logs are the same run. A session id alone does not say it:
 * anyone can write a file that reuses one. The hash of the last event (the
 * chain head) covers every event before it, so session id plus chain head
 * names one recorded run, and two logs that agree on the id but not on the
 * head are two different stories about one drill.
 */
import type { DecisionLog } from '@defuse/schemas';

/** The hash of a log's last event; the scenario digest (the chain's first link) when it has none. */
export function chainHead(log: DecisionLog): string {
  return log.events[log.events.length - 1]?.hash ?? log.scenario.digest;
}

/** One string per recorded run: the session id and the chain head. */
export function logIdentity(log: DecisionLog): string {
  return `${log.sessionId} ${chainHead(log)}`;
}

/** Copies of one run given more than once (the same file twice): counted once. */
export interface DuplicateRun {
  sessionId: string;
  trainee: string;
  /** How many times it was given, 2 or more. */
  copies: number;
}

/** Different logs under one session id: none of them can be told to be the real one. */
export interface ConflictingRuns<T> {
  sessionId: string;
  /** Every item under the session id, in the order given. */
  items: T[];
}

/** Items sorted into distinct runs, duplicates and conflicts by {@link groupRuns}. */
export interface RunGroups<T> {
  /** One item per session id whose logs all agree, in the order first given. */
  distinct: T[];
  duplicates: DuplicateRun[];
  conflicts: ConflictingRuns<T>[];
}

/**
 * The counting rule of the class view and `defuse stats`: a session id counts
 * once; copies of the same run (same chain head) collapse into one; logs that
 * share a session id but not a chain head are a conflict and none of them is
 * counted, because counting either could count a forgery.
 */
export function groupRuns<T>(items: readonly T[], logOf: (item: T) => DecisionLog): RunGroups<T> {
  const bySession = new Map<string, T[]>();
  for (const item of items) {
    const id = logOf(item).sessionId;
    const group = bySession.get(id);
    if (group) group.push(item);
    else bySession.set(id, [item]);
  }
  const groups: RunGroups<T> = { distinct: [], duplicates: [], conflicts: [] };
  for (const [sessionId, group] of bySession) {
    const heads = new Set(group.map((item) => chainHead(logOf(item))));
    if (heads.size > 1) {
      groups.conflicts.push({ sessionId, items: group });
      continue;
    }
    groups.distinct.push(group[0]!);
    if (group.length > 1) {
      const trainee = logOf(group[0]!).trainee.id;
      groups.duplicates.push({ sessionId, trainee, copies: group.length });
    }
  }
  return groups;
}
