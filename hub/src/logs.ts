/**
 * Reading stored logs back: one log with its scenario and notes, or many at
 * once for the class view, built from the stored JSON text without parsing
 * every event again.
 */
import type { Queryable } from './db/database';
import { HttpError } from './errors';
import { HUB_NAME, hubKey } from './signing';

/** Filters of the logs list. */
export interface LogFilter {
  classId?: string;
  traineeId?: string;
  /** A scenario id (every version) or a digest (one version). */
  scenario?: string;
}

interface SummaryRow {
  session_id: string;
  class_id: string;
  class_name: string;
  trainee_id: string;
  scenario_id: string;
  scenario_version: string;
  scenario_digest: string;
  scenario_title: string;
  mode: 'training' | 'assessment';
  started_at: Date;
  last_seq: number;
  complete: boolean;
  outcome: unknown;
  updated_at: Date;
}

const SUMMARY_FROM = `SELECT l.session_id, l.class_id, c.name AS class_name, l.trainee_id,
    s.id AS scenario_id, s.version AS scenario_version, l.scenario_digest, s.title AS scenario_title,
    c.mode, l.started_at, l.last_seq, l.complete, l.outcome, l.updated_at
  FROM logs l JOIN classes c ON c.id = l.class_id JOIN scenarios s ON s.digest = l.scenario_digest`;

/** SQL conditions and parameters of a filter. */
function where(filter: LogFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.classId) {
    params.push(filter.classId);
    clauses.push(`l.class_id = $${params.length}`);
  }
  if (filter.traineeId) {
    params.push(filter.traineeId);
    clauses.push(`l.trainee_id = $${params.length}`);
  }
  if (filter.scenario) {
    params.push(filter.scenario);
    clauses.push(
      filter.scenario.startsWith('sha256:')
        ? `l.scenario_digest = $${params.length}`
        : `s.id = $${params.length}`,
    );
  }
  return { sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const toSummary = (row: SummaryRow) => ({
  sessionId: row.session_id,
  classId: row.class_id,
  className: row.class_name,
  traineeId: row.trainee_id,
  scenarioId: row.scenario_id,
  scenarioVersion: row.scenario_version,
  scenarioDigest: row.scenario_digest,
  scenarioTitle: row.scenario_title,
  mode: row.mode,
  startedAt: new Date(row.started_at).toISOString(),
  events: row.last_seq,
  lastSeq: row.last_seq,
  complete: row.complete,
  ...(row.outcome ? { outcome: row.outcome } : {}),
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** One page of log summaries, newest first, with the total count. */
export async function listLogs(db: Queryable, filter: LogFilter, limit: number, offset: number) {
  const { sql, params } = where(filter);
  const [page, total] = await Promise.all([
    db.query<SummaryRow>(
      `${SUMMARY_FROM} ${sql} ORDER BY l.started_at DESC, l.session_id LIMIT ${limit} OFFSET ${offset}`,
      params,
    ),
    db.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM logs l JOIN scenarios s ON s.digest = l.scenario_digest ${sql}`,
      params,
    ),
  ]);
  return { logs: page.rows.map(toSummary), total: total.rows[0]?.total ?? 0 };
}

/** The notes on a log, as the log format's `annotations`. */
async function annotations(db: Queryable, sessionIds: string[]) {
  const { rows } = await db.query<{
    id: string;
    session_id: string;
    seq: number | null;
    author_name: string;
    text: string;
    created_at: Date;
  }>(
    'SELECT id, session_id, seq, author_name, text, created_at FROM notes WHERE session_id = ANY($1::uuid[]) ORDER BY created_at',
    [sessionIds],
  );
  return rows;
}

/** A note as the API shows it. */
export const toNote = (row: {
  id: string;
  seq: number | null;
  author_name: string;
  text: string;
  created_at: Date;
}) => ({
  id: row.id,
  ...(row.seq === null ? {} : { seq: row.seq }),
  author: row.author_name,
  text: row.text,
  createdAt: new Date(row.created_at).toISOString(),
});

/**
 * Full logs as JSON text: each the stored header with its events spliced in,
 * its notes as `annotations`, and the hub's public key as `hub` (outside the
 * chain), so whoever reads the log can check the countersignatures. Stored
 * events are already JSON, so a thousand logs cost a string join, not a
 * thousand parses.
 */
export async function fullLogsJson(
  db: Queryable,
  sessionIds: string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (sessionIds.length === 0) return out;
  const hub = `,"hub":${JSON.stringify({ key: (await hubKey(db)).publicJwk, name: HUB_NAME })}`;
  const [{ rows }, notes] = await Promise.all([
    db.query<{ session_id: string; header: string; events: string | null }>(
      `SELECT l.session_id, l.header,
         (SELECT string_agg(e.event, ',' ORDER BY e.seq) FROM log_events e WHERE e.session_id = l.session_id) AS events
       FROM logs l WHERE l.session_id = ANY($1::uuid[])`,
      [sessionIds],
    ),
    annotations(db, sessionIds),
  ]);
  for (const row of rows) {
    const own = notes
      .filter((n) => n.session_id === row.session_id)
      .map((n) => ({
        ...(n.seq === null ? {} : { seq: n.seq }),
        author: n.author_name,
        text: n.text,
      }));
    const extra = own.length ? `,"annotations":${JSON.stringify(own)}` : '';
    out.set(
      row.session_id,
      `${row.header.slice(0, -1)},"events":[${row.events ?? ''}]${extra}${hub}}`,
    );
  }
  return out;
}

/** One log with its scenario document and summary, as JSON text. */
export async function oneLogJson(db: Queryable, sessionId: string): Promise<string> {
  const { rows } = await db.query<SummaryRow & { document: string }>(
    `${SUMMARY_FROM.replace('l.updated_at', 'l.updated_at, s.document')} WHERE l.session_id = $1`,
    [sessionId],
  );
  const row = rows[0];
  if (!row) throw new HttpError(404, 'There is no such log on this hub.');
  const log = (await fullLogsJson(db, [sessionId])).get(sessionId)!;
  return `{"log":${log},"scenario":${row.document},"summary":${JSON.stringify(toSummary(row))}}`;
}

/** Full logs of one page of a filter, newest first, as JSON text `{ logs, total }`. */
export async function logsPageJson(
  db: Queryable,
  filter: LogFilter,
  limit: number,
  offset: number,
) {
  const page = await listLogs(db, filter, limit, offset);
  const logs = await fullLogsJson(
    db,
    page.logs.map((l) => l.sessionId),
  );
  return `{"logs":[${page.logs.map((l) => logs.get(l.sessionId)).join(',')}],"total":${page.total}}`;
}
