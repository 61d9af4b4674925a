/**
 * Receiving a tablet's events. They arrive in order and are stored
 * append-only, keyed by (session, seq); each hash link is checked on arrival
 * against the last event the hub holds. A retry of what the hub has is
 * acknowledged again; anything that breaks the chain is refused with its
 * seq and the reason, and what came before it stays.
 *
 * A tablet that registered a signing key when it joined must send logs
 * whose header names that key and whose every event it signed; the hub then
 * countersigns each event it accepts (`hubSig`, outside the hash).
 */
import { canonicalJson, eventHash } from '@defuse/engine';
import { validateDecisionLogSchema, type DecisionLog, type LogEvent } from '@defuse/schemas';
import type { DeviceCaller } from './auth/context';
import type { Database, Queryable } from './db/database';
import { HttpError } from './errors';
import { countersign, hubKey, sameKey, verifiesHash, type HubKey } from './signing';

/** The most events one upload may carry. */
export const MAX_BATCH_EVENTS = 500;

/**
 * A log without its events: what every upload of a session repeats. The
 * hub's own `hub` member is never taken from a tablet: the hub adds it when
 * it serves the log.
 */
export type LogHeader = Omit<DecisionLog, 'events' | 'annotations' | 'hub'>;

/** What the hub holds of a session after an upload. */
export interface IngestResult {
  stored: number;
  head: string;
}

interface LogRow {
  class_id: string;
  trainee_id: string;
  header: string;
  last_seq: number;
  head_hash: string;
}

/** The refusal of one event: 422 with its seq and the reason. */
function refuse(seq: number, reason: string): HttpError {
  return new HttpError(422, `Event ${seq} was refused: ${reason}`, { seq, reason });
}

/** The header fields the start event seals into the chain (see the engine's verify). */
const SEALED = ['sessionId', 'trainee', 'mode', 'seed', 'startedAt'] as const;

/**
 * Stores a batch of a session's events for `device`. Resolves with what the
 * hub then holds; rejects with an {@link HttpError} (403 or 422). Events
 * before a refused one are stored before the refusal is thrown.
 */
export async function ingestEvents(
  db: Database,
  device: DeviceCaller,
  sessionId: string,
  sent: LogHeader & { hub?: unknown },
  events: LogEvent[],
): Promise<IngestResult> {
  const { hub: _theHubs, ...header } = sent;
  if (header.sessionId !== sessionId) {
    throw new HttpError(
      422,
      `The log's sessionId ${header.sessionId} is not the session ${sessionId} in the address.`,
    );
  }
  const shape = validateDecisionLogSchema({ ...header, events });
  if (shape.length) {
    const first = shape[0]!;
    const seq = /^\/events\/(\d+)/.exec(first.instancePath ?? '')?.[1];
    const where = first.instancePath || '/';
    const reason = `${where} ${first.message ?? 'is not valid'}`;
    if (seq !== undefined) throw refuse(events[Number(seq)]?.seq ?? Number(seq) + 1, reason);
    throw new HttpError(422, `The log header is not valid: ${reason}`, { reason });
  }
  if (device.publicKey && !sameKey(header.deviceKey, device.publicKey)) {
    throw new HttpError(
      403,
      header.deviceKey
        ? 'This log is signed by another key than the one this tablet registered when it joined.'
        : 'This log is not signed, but this tablet registered a signing key when it joined.',
    );
  }
  const headerText = canonicalJson(header);
  // Read before the transaction: on PGlite a query outside it would wait for it to end.
  const key = await hubKey(db);
  const quick = await appendInOrder(db, device, sessionId, header, headerText, events, key);
  if (quick) return quick;

  let refusal: HttpError | undefined;
  const result = await db.transaction(async (tx) => {
    const row = await openLog(tx, device, sessionId, header, headerText);
    const from = { last: row.last_seq, head: row.head_hash };
    let { last_seq: last, head_hash: head } = row;
    const held = await heldHashes(tx, sessionId, events, last);
    const accepted: { seq: number; hash: string; text: string; event: LogEvent }[] = [];
    for (const event of events) {
      if (event.seq <= last) {
        const stored = held.get(event.seq);
        if (stored === event.hash) continue;
        refusal = refuse(
          event.seq,
          `the hub already holds a different event ${event.seq} for this drill`,
        );
        break;
      }
      if (event.seq !== last + 1) {
        refusal = refuse(
          event.seq,
          `event ${last + 1} has not arrived yet (events must be sent in order)`,
        );
        break;
      }
      const why = checkEvent(event, head, header) ?? checkSignature(event, header);
      if (why) {
        refusal = refuse(event.seq, why);
        break;
      }
      accepted.push({ seq: event.seq, hash: event.hash, text: stored(event, key), event });
      last = event.seq;
      head = event.hash;
    }
    // The row is locked: the chain cannot have moved since it was read.
    if (accepted.length && (await append(tx, sessionId, accepted, from)) !== accepted.length) {
      throw new Error(`the chain of drill ${sessionId} moved while it was locked`);
    }
    return { stored: last, head };
  });
  if (refusal) throw refusal;
  return result;
}

/** Finds (and locks) the session's row, creating it on the first upload. */
async function openLog(
  tx: Queryable,
  device: DeviceCaller,
  sessionId: string,
  header: LogHeader,
  headerText: string,
): Promise<LogRow> {
  const { rows } = await tx.query<LogRow>(
    'SELECT class_id, trainee_id, header, last_seq, head_hash FROM logs WHERE session_id = $1 FOR UPDATE',
    [sessionId],
  );
  const existing = rows[0];
  if (existing) {
    if (existing.class_id !== device.classId || existing.trainee_id !== device.traineeId) {
      throw new HttpError(403, 'This drill belongs to another trainee or class.');
    }
    if (existing.header !== headerText) {
      throw new HttpError(422, 'The log header differs from the one first sent for this drill.', {
        reason: 'header changed',
      });
    }
    return existing;
  }
  if (header.trainee.id !== device.traineeId) {
    throw new HttpError(
      403,
      `This tablet joined as trainee ${device.traineeId}, not ${header.trainee.id}.`,
    );
  }
  const assigned = await tx.query(
    'SELECT 1 FROM class_scenarios WHERE class_id = $1 AND digest = $2',
    [device.classId, header.scenario.digest],
  );
  if (assigned.rowCount === 0) {
    throw new HttpError(
      403,
      `Scenario "${header.scenario.id}" version ${header.scenario.version} is not one of this class's scenarios.`,
    );
  }
  const created = await tx.query<LogRow>(
    `INSERT INTO logs (session_id, class_id, device_id, trainee_id, scenario_digest, header, started_at, head_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (session_id) DO NOTHING
     RETURNING class_id, trainee_id, header, last_seq, head_hash`,
    [
      sessionId,
      device.classId,
      device.id,
      device.traineeId,
      header.scenario.digest,
      headerText,
      header.startedAt,
      header.scenario.digest,
    ],
  );
  if (!created.rows[0]) {
    // Another upload of the same session created it a moment ago: take that row.
    return openLog(tx, device, sessionId, header, headerText);
  }
  return created.rows[0];
}

/** The hashes the hub holds for the seqs of a batch it already has (a retry). */
async function heldHashes(tx: Queryable, sessionId: string, events: LogEvent[], last: number) {
  const seqs = events.filter((e) => e.seq <= last).map((e) => e.seq);
  const held = new Map<number, string>();
  if (seqs.length === 0) return held;
  const { rows } = await tx.query<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM log_events WHERE session_id = $1 AND seq = ANY($2::int[])',
    [sessionId, seqs],
  );
  for (const row of rows) held.set(row.seq, row.hash);
  return held;
}

/** Why an event cannot follow `head`, or undefined when it can. */
function checkEvent(event: LogEvent, head: string, header: LogHeader): string | undefined {
  if (eventHash(head, event) !== event.hash) {
    return 'its hash does not follow from the event before it (the event was changed, or one is missing)';
  }
  if (event.seq === 1) {
    if (event.type !== 'start') return 'the first event of a drill must be its start';
    const session = event.session as Record<string, unknown> | undefined;
    if (session) {
      for (const key of SEALED) {
        if (canonicalJson(session[key] ?? null) !== canonicalJson(header[key] ?? null)) {
          return `the log's "${key}" differs from the one the start event records`;
        }
      }
    }
  }
  return undefined;
}

/**
 * Why an event's signature is not the header's key's, or undefined when it
 * is (or the log is unsigned). The header's key is the registered one when
 * the tablet registered one (checked above); a tablet that joined without a
 * key may still send a signed log, whose signatures must then hold too, so
 * the hub never stores a log that verifies as broken.
 */
function checkSignature(event: LogEvent, header: LogHeader): string | undefined {
  if (!header.deviceKey) return undefined;
  if (event.sig === undefined) return 'it is not signed, but its log is signed by the tablet’s key';
  if (!verifiesHash(header.deviceKey, event.hash, event.sig)) {
    return "its signature does not match the tablet's key";
  }
  return undefined;
}

/**
 * The event as stored: canonical JSON with the hub's countersignature added.
 * The hash leaves `hubSig` out, so adding it changes nothing the chain
 * covers; one a tablet sent is replaced, never kept.
 */
function stored(event: LogEvent, key: HubKey): string {
  return canonicalJson({ ...event, hubSig: countersign(key, event.hash) });
}

type Accepted = { seq: number; hash: string; text: string; event: LogEvent };

/**
 * Appends accepted events and moves the drill's head past them, in one
 * statement that takes effect only while the chain still stands where the
 * events were checked against (`from`). Resolves with how many events it
 * stored: all of them, or none when the chain had moved meanwhile.
 */
async function append(
  q: Queryable,
  sessionId: string,
  accepted: Accepted[],
  from: { last: number; head: string },
): Promise<number> {
  const end = accepted.find((a) => a.event.type === 'end');
  const last = accepted.at(-1)!;
  const { rows } = await q.query(
    `WITH moved AS (
       UPDATE logs SET last_seq = $5, head_hash = $6, updated_at = now(),
         complete = complete OR $7, outcome = coalesce($8::jsonb, outcome)
       WHERE session_id = $1 AND last_seq = $9 AND head_hash = $10
       RETURNING session_id)
     INSERT INTO log_events (session_id, seq, hash, event)
     SELECT moved.session_id, x.seq, x.hash, x.event
     FROM moved, unnest($2::int[], $3::text[], $4::text[]) AS x(seq, hash, event)
     RETURNING seq`,
    [
      sessionId,
      accepted.map((a) => a.seq),
      accepted.map((a) => a.hash),
      accepted.map((a) => a.text),
      last.seq,
      last.hash,
      end !== undefined,
      end?.event.outcome ? JSON.stringify(end.event.outcome) : null,
      from.last,
      from.head,
    ],
  );
  return rows.length;
}

/**
 * The common upload, a drill the hub holds continued in order, in two
 * statements rather than a locked transaction: read where the chain stands,
 * check the new events against it here, append them only if it has not
 * moved. Anything else (a first upload, a retry, a refusal, two uploads of
 * one drill racing) answers undefined and goes the locked way, which gives
 * the same answers with the same checks.
 */
async function appendInOrder(
  db: Database,
  device: DeviceCaller,
  sessionId: string,
  header: LogHeader,
  headerText: string,
  events: LogEvent[],
  key: HubKey,
): Promise<IngestResult | undefined> {
  const { rows } = await db.query<LogRow>(
    'SELECT class_id, trainee_id, header, last_seq, head_hash FROM logs WHERE session_id = $1',
    [sessionId],
  );
  const row = rows[0];
  if (!row || row.class_id !== device.classId || row.trainee_id !== device.traineeId) return;
  if (row.header !== headerText) return;
  let head = row.head_hash;
  const accepted: Accepted[] = [];
  for (const event of events) {
    if (event.seq !== row.last_seq + accepted.length + 1) return;
    if (checkEvent(event, head, header) ?? checkSignature(event, header)) return;
    accepted.push({ seq: event.seq, hash: event.hash, text: stored(event, key), event });
    head = event.hash;
  }
  try {
    const count = await append(db, sessionId, accepted, {
      last: row.last_seq,
      head: row.head_hash,
    });
    if (count !== accepted.length) return;
  } catch (error) {
    // Another upload of the same events got there first (unique key): the locked way sorts it out.
    if ((error as { code?: string }).code === '23505') return;
    throw error;
  }
  return { stored: accepted.at(-1)!.seq, head };
}
