import type { DecisionLog, LogEvent, Scenario, SessionHeader } from '@defuse/schemas';
import type { DiagnosticCode } from './diagnostic-codes';
import { diagnostic } from './diagnostics';
import { eventHash, scenarioDigest } from './hash-chain';
import { checkLogShape } from './log-shape';
import { keyId } from './signatures';
import { checkSignatures, isSignatureFailure, notChecked } from './log-signatures';
import { decisionOf, replayLog, sameValue, type Replay } from './replay';
import type { TrustedKey, VerifyProblem, VerifyResult } from './types';

/**
 * Checks a decision log: its shape, its hash chain (any edit, deletion or
 * reordering breaks it), that it was recorded against this very scenario
 * text (digest), and that replaying it reproduces every recorded `to` and
 * `vars`. Reports the first bad event. Never throws. Without a scenario,
 * only the shape and the chain are checked.
 *
 * A signed log is also checked against its keys: the newest `sig` against
 * `deviceKey` and the newest `hubSig` against `hub.key` (a bad one breaks
 * the log, DF511), and no event may follow the newest `sig` unsigned
 * (DF512). `signature` then says who vouches for the log, given the keys in
 * `options.trust`: `trusted`, `unknown-key` or `unsigned`.
 */
export function verifyLog(
  scenario: Scenario | undefined,
  log: unknown,
  options: VerifyOptions = {},
): VerifyResult {
  return verifiedReplay(scenario, log, options).verdict;
}

/** Options of {@link verifyLog}. */
export interface VerifyOptions {
  /**
   * The event limit the drill ran under (`MAX_DRILL_EVENTS` unless the drill
   * was started with another `eventLimit`, which only tests do).
   */
  eventLimit?: number;
  /**
   * The keys the verifier trusts: devices the hub registered and the hub's
   * own. A log signed by any other key is `unknown-key`, however intact.
   */
  trust?: readonly TrustedKey[];
}

/** What {@link verifiedReplay} found: the verdict, and the replay when the log can be trusted. */
export interface VerifiedReplay {
  verdict: VerifyResult;
  replay?: Replay;
}

/**
 * Verifies a log and, when it can be trusted, gives its debrief replay from
 * the same pass (a debrief of many logs pays for one replay each, not two).
 * The verdict is exactly `verifyLog`'s.
 */
export function verifiedReplay(
  scenario: Scenario | undefined,
  log: unknown,
  options: VerifyOptions = {},
): VerifiedReplay {
  const shape = checkLogShape(log);
  if (shape.length) {
    const first = shape[0]!;
    const seq = seqOfPath(log, first.path);
    const message = `the log is malformed: ${first.message}`;
    return { verdict: fail('format', message, 'DF509', first.path, seq, shape) };
  }
  const doc = log as DecisionLog;
  const chain = checkChain(doc) ?? checkHeader(doc);
  if (chain) return { verdict: chain };
  const signed = checkSignatures(doc, options.trust ?? []);
  if (isSignatureFailure(signed)) {
    const { problem, message, code, path, seq } = signed;
    return { verdict: fail(problem, message, code, path, seq) };
  }
  // Later faults (another scenario, a replay that disagrees) keep the
  // verdict on the signatures beside them: a log signed by a trusted device
  // against another version is worth knowing as such.
  const result = checkScenario(scenario, doc, options);
  result.verdict.signature = signed;
  return result;
}

function checkScenario(
  scenario: Scenario | undefined,
  doc: DecisionLog,
  options: VerifyOptions,
): VerifiedReplay {
  if (!scenario) {
    return {
      verdict: {
        ok: true,
        message: 'hash chain intact (scenario not checked)',
        diagnostics: [],
        signature: notChecked(),
      },
    };
  }
  if (doc.scenario.id !== scenario.id) {
    return {
      verdict: fail(
        'scenario-mismatch',
        `the log is of scenario "${doc.scenario.id}", not "${scenario.id}"`,
        'DF508',
        '/scenario/id',
      ),
    };
  }
  const digest = scenarioDigest(scenario);
  if (doc.scenario.digest !== digest) {
    return {
      verdict: fail(
        'digest-mismatch',
        `the log was recorded against version ${doc.scenario.version} of "${doc.scenario.id}" ` +
          `(digest ${doc.scenario.digest.slice(0, 19)}…), not this text (version ${scenario.version}, ` +
          `digest ${digest.slice(0, 19)}…)`,
        'DF502',
        '/scenario/digest',
      ),
    };
  }
  // The digest is the chain's first link; the version beside it is not, so
  // a header could claim any version over the right digest. It must name the
  // scenario the digest is of.
  if (doc.scenario.version !== scenario.version) {
    return {
      verdict: fail(
        'header-mismatch',
        `the log's header says version ${JSON.stringify(doc.scenario.version)} of "${doc.scenario.id}", ` +
          `but it was recorded against version ${scenario.version} (the digest is that text's): ` +
          'the header was changed after the drill',
        'DF510',
        '/scenario/version',
      ),
    };
  }
  return checkReplay(scenario, doc, options.eventLimit);
}

function checkChain(log: DecisionLog): VerifyResult | undefined {
  let prev = log.scenario.digest;
  let lastAt = 0;
  for (let i = 0; i < log.events.length; i++) {
    const e = log.events[i]!;
    const path = `/events/${i}`;
    if (e.seq !== i + 1) {
      return fail(
        'seq-gap',
        `event ${i + 1} has seq ${e.seq}: events are missing, added or out of order`,
        'DF504',
        `${path}/seq`,
        e.seq,
      );
    }
    if (eventHash(prev, e) !== e.hash) {
      return fail(
        'hash-mismatch',
        `event ${e.seq} (${e.type} at "${e.beat}") does not match its hash: it or an event before it was changed`,
        'DF503',
        `${path}/hash`,
        e.seq,
      );
    }
    if (e.at < lastAt) {
      return fail(
        'time-reversed',
        `event ${e.seq} is timed before the event that precedes it`,
        'DF505',
        `${path}/at`,
        e.seq,
      );
    }
    lastAt = e.at;
    prev = e.hash;
  }
  return undefined;
}

/** The header must be the one the start event sealed into the chain. */
function checkHeader(log: DecisionLog): VerifyResult | undefined {
  const session = log.events[0]?.session;
  if (!session) return undefined;
  const header = {
    sessionId: log.sessionId,
    trainee: log.trainee,
    mode: log.mode,
    seed: log.seed,
    startedAt: log.startedAt,
    // The key is sealed like the rest: swapping it would let another key's
    // signatures stand for the device's.
    deviceKey: log.deviceKey,
  };
  for (const key of Object.keys(header) as (keyof typeof header)[]) {
    if (!sameValue(header[key], session[key])) {
      return fail(
        'header-mismatch',
        `the log's "${key}" was changed after the drill: the start event (seq 1) records ${recorded(key, session)}`,
        'DF510',
        `/${key}`,
        1,
      );
    }
  }
  return undefined;
}

/** What the start event sealed, as the DF510 message shows it (a key by its fingerprint). */
function recorded(key: keyof SessionHeader, session: SessionHeader): string {
  if (key === 'deviceKey') return session.deviceKey ? `key ${keyId(session.deviceKey)}` : 'no key';
  return JSON.stringify(session[key]);
}

function checkReplay(
  scenario: Scenario,
  log: DecisionLog,
  eventLimit: number | undefined,
): VerifiedReplay {
  let failure: VerifyResult | undefined;
  const replay = replayLog(
    scenario,
    log,
    (e, i, expected, error) => {
      const path = `/events/${i}`;
      if (error) {
        failure = fail(error.problem, `event ${e.seq}: ${error.message}`, error.code, path, e.seq);
        return false;
      }
      if (!expected) return true;
      if (expected.to !== undefined && e.to !== expected.to) {
        failure = mismatch(e, path, 'to', `went to "${e.to}" but replay goes to "${expected.to}"`);
        return false;
      }
      if (expected.vars !== undefined && !sameValue(e.vars, expected.vars)) {
        failure = mismatch(e, path, 'vars', 'records variables that replay does not reproduce');
        return false;
      }
      if (expected.outcome !== undefined && !sameValue(e.outcome, expected.outcome)) {
        failure = mismatch(e, path, 'outcome', 'records an outcome the scenario does not give');
        return false;
      }
      return true;
    },
    eventLimit,
  );
  if (failure) return { verdict: failure };
  return {
    verdict: {
      ok: true,
      message: 'intact: chain, digest and replay all agree',
      diagnostics: [],
      signature: notChecked(),
    },
    replay,
  };
}

function mismatch(e: LogEvent, path: string, field: string, why: string): VerifyResult {
  return fail('replay-mismatch', `event ${e.seq} ${why}`, 'DF506', `${path}/${field}`, e.seq);
}

function fail(
  problem: VerifyProblem,
  message: string,
  code: DiagnosticCode,
  path: string,
  seq?: number,
  diagnostics = [diagnostic(code, path, message, { beat: undefined })],
): VerifyResult {
  const result: VerifyResult = {
    ok: false,
    problem,
    message,
    diagnostics,
    signature: notChecked(),
  };
  if (seq !== undefined) result.seq = seq;
  return result;
}

function seqOfPath(log: unknown, path: string): number | undefined {
  const m = /^\/events\/(\d+)/.exec(path);
  if (!m) return undefined;
  const events = (log as { events?: unknown[] }).events;
  const e = events?.[Number(m[1])] as { seq?: unknown } | undefined;
  return typeof e?.seq === 'number' ? e.seq : Number(m[1]) + 1;
}

export { decisionOf };
