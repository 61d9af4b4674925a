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

  let refusal: HttpError | undefined;
  const result = await db.transaction(async (tx) => {
    const row = await openLog(tx, device, sessionId, header, headerText);
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
    if (accepted.length) await append(tx, sessionId, accepted, last, head);
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

async function append(
  tx: Queryable,
  sessionId: string,
  accepted: { seq: number; hash: string; text: string; event: LogEvent }[],
  last: number,
  head: string,
) {
  await tx.query(
    `INSERT INTO log_events (session_id, seq, hash, event)
     SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[])`,
    [
      sessionId,
      accepted.map((a) => a.seq),
      accepted.map((a) => a.hash),
      accepted.map((a) => a.text),
    ],
  );
  const end = accepted.find((a) => a.event.type === 'end');
  await tx.query(
    `UPDATE logs SET last_seq = $2, head_hash = $3, updated_at = now(),
       complete = complete OR $4, outcome = coalesce($5::jsonb, outcome)
     WHERE session_id = $1`,
    [
      sessionId,
      last,
      head,
      end !== undefined,
      end?.event.outcome ? JSON.stringify(end.event.outcome) : null,
    ],
  );
}
