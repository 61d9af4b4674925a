/**
 * Decision logs as xAPI 1.0.3 statements, for the learning record stores
 * agencies already run. One `answered` statement per decision (a
 * `cmi.interaction` activity of type `choice`), a `timed-out` statement when
 * the beat's timer ran out, and `initialized` / `completed` per drill.
 *
 * Statement ids are name-based UUIDs (RFC 4122 version 5) of the session id
 * and the event's `seq`, so exporting the same log twice yields the same
 * statements and a record store can drop the duplicates.
 */
import { sha1 } from '@noble/hashes/legacy.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { DecisionLog, LogEvent, Scenario } from '@defuse/schemas';
import { isOutcomeBeat } from '@defuse/schemas';
import type { TimelineEntry } from './types';
import type { Replay } from './replay';
import { availableChoices } from './step';
import { verifiedReplay } from './verify';

/** Every IRI this project mints starts here (activities, verbs, extensions). */
export const XAPI_BASE = 'https://defuse.training/xapi/';

/** Extension keys, under {@link XAPI_BASE}. */
export const XAPI_EXTENSIONS = {
  scenarioId: `${XAPI_BASE}extensions/scenario-id`,
  scenarioVersion: `${XAPI_BASE}extensions/scenario-version`,
  scenarioDigest: `${XAPI_BASE}extensions/scenario-digest`,
  beat: `${XAPI_BASE}extensions/beat`,
  cdm: `${XAPI_BASE}extensions/cdm`,
  technique: `${XAPI_BASE}extensions/technique`,
  rating: `${XAPI_BASE}extensions/rating`,
  chosenBy: `${XAPI_BASE}extensions/chosen-by`,
  to: `${XAPI_BASE}extensions/to`,
  seq: `${XAPI_BASE}extensions/seq`,
  mode: `${XAPI_BASE}extensions/mode`,
  outcome: `${XAPI_BASE}extensions/outcome`,
  outcomeBeat: `${XAPI_BASE}extensions/outcome-beat`,
} as const;

export const XAPI_VERBS = {
  initialized: 'http://adlnet.gov/expapi/verbs/initialized',
  answered: 'http://adlnet.gov/expapi/verbs/answered',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  timedOut: `${XAPI_BASE}verbs/timed-out`,
} as const;

export const XAPI_ACTIVITY_TYPES = {
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  simulation: 'http://adlnet.gov/expapi/activities/simulation',
} as const;

/** A language map, e.g. `{ 'en-US': 'Call for service' }`. */
export type XapiLanguageMap = Record<string, string>;

export interface XapiAgent {
  objectType: 'Agent';
  name?: string;
  mbox?: string;
  account?: { homePage: string; name: string };
}

export interface XapiActivity {
  objectType: 'Activity';
  id: string;
  definition?: {
    name?: XapiLanguageMap;
    description?: XapiLanguageMap;
    type?: string;
    interactionType?: 'choice';
    choices?: { id: string; description: XapiLanguageMap }[];
    extensions?: Record<string, unknown>;
  };
}

export interface XapiStatement {
  id: string;
  actor: XapiAgent;
  verb: { id: string; display: XapiLanguageMap };
  object: XapiActivity;
  result?: {
    response?: string;
    completion?: boolean;
    duration?: string;
    extensions?: Record<string, unknown>;
  };
  context: {
    registration: string;
    platform: string;
    language: string;
    contextActivities: { parent?: XapiActivity[]; category?: XapiActivity[] };
    extensions: Record<string, unknown>;
  };
  timestamp: string;
}

export interface XapiOptions {
  /**
   * The trainee as an xAPI agent. Defaults to an account on `homePage`
   * named by the log's trainee id (agencies that key records by e-mail
   * pass their own mapping to an `mbox`).
   */
  actor?: (trainee: DecisionLog['trainee']) => XapiAgent;
  /** Home page of the trainee accounts; defaults to `https://defuse.training`. */
  homePage?: string;
  /** RFC 5646 tag of the scenario's text; defaults to `en-US`. */
  language?: string;
}

/** Thrown when a log cannot be exported faithfully; says which log and why. */
export class XapiExportError extends Error {
  constructor(
    message: string,
    readonly sessionId: string,
  ) {
    super(message);
    this.name = 'XapiExportError';
  }
}

/**
 * Converts decision logs of one scenario into xAPI 1.0.3 statements, in log
 * order. Every log must verify against `scenario` (same digest, intact
 * chain): a record store is a record, so a tampered log or one recorded
 * against another version of the scenario is refused with an
 * {@link XapiExportError} rather than exported under the wrong text.
 * Annotations and the trainee's self-assessment stay in the log file.
 */
export function toXapiStatements(
  scenario: Scenario,
  logs: readonly DecisionLog[],
  options: XapiOptions = {},
): XapiStatement[] {
  const statements: XapiStatement[] = [];
  for (const log of logs) {
    const { replay, verdict } = verifiedReplay(scenario, log);
    if (!replay) {
      throw new XapiExportError(
        `Log ${log.sessionId} (trainee ${log.trainee.id}) was not exported: ${verdict.message}`,
        log.sessionId,
      );
    }
    statements.push(...logStatements(scenario, log, replay, options));
  }
  return statements;
}

function logStatements(
  scenario: Scenario,
  log: DecisionLog,
  replay: Replay,
  options: XapiOptions,
): XapiStatement[] {
  const language = options.language ?? 'en-US';
  const actor = options.actor
    ? options.actor(log.trainee)
    : defaultActor(log.trainee, options.homePage ?? 'https://defuse.training');
  const scenarioActivity: XapiActivity = {
    objectType: 'Activity',
    id: scenarioIri(scenario.id),
    definition: {
      type: XAPI_ACTIVITY_TYPES.simulation,
      name: { [language]: scenario.title },
      ...(scenario.summary ? { description: { [language]: scenario.summary } } : {}),
    },
  };
  const started = Date.parse(log.startedAt);
  const registration = isUuid(log.sessionId) ? log.sessionId.toLowerCase() : uuidV5(log.sessionId);
  const baseExtensions = {
    [XAPI_EXTENSIONS.scenarioId]: log.scenario.id,
    [XAPI_EXTENSIONS.scenarioVersion]: log.scenario.version,
    [XAPI_EXTENSIONS.scenarioDigest]: log.scenario.digest,
    [XAPI_EXTENSIONS.mode]: log.mode,
  };
  const statement = (
    event: LogEvent,
    verb: XapiStatement['verb'],
    object: XapiActivity,
    result: XapiStatement['result'] | undefined,
    extensions: Record<string, unknown>,
    parent: boolean,
  ): XapiStatement => ({
    id: uuidV5(`${log.sessionId}#${event.seq}`),
    actor,
    verb,
    object,
    ...(result ? { result } : {}),
    context: {
      registration,
      platform: 'Defuse',
      language,
      contextActivities: parent ? { parent: [scenarioActivity] } : {},
      extensions: { ...baseExtensions, ...extensions },
    },
    timestamp: new Date(started + event.at).toISOString(),
  });

  const out: XapiStatement[] = [];
  log.events.forEach((event, i) => {
    const entry: TimelineEntry | undefined = replay.timeline[i];
    // The state before this event, for the choices that were on screen.
    const before = replay.states[i - 1];
    if (event.type === 'start') {
      out.push(
        statement(
          event,
          { id: XAPI_VERBS.initialized, display: { 'en-US': 'initialized' } },
          scenarioActivity,
          undefined,
          { [XAPI_EXTENSIONS.beat]: event.beat, [XAPI_EXTENSIONS.seq]: event.seq },
          false,
        ),
      );
    } else if ((event.type === 'choice' || event.type === 'timeout') && entry && before) {
      const offered = availableChoices(scenario, before);
      const beat = scenario.beats[event.beat];
      const interaction: XapiActivity = {
        objectType: 'Activity',
        id: `${scenarioIri(scenario.id)}/beats/${encodeURIComponent(event.beat)}`,
        definition: {
          type: XAPI_ACTIVITY_TYPES.interaction,
          name: { [language]: beat?.title ?? event.beat },
          ...(beat?.narrative ? { description: { [language]: beat.narrative } } : {}),
          interactionType: 'choice',
          choices: offered.map((c) => ({ id: c.id, description: { [language]: c.label } })),
        },
      };
      const extensions: Record<string, unknown> = {
        [XAPI_EXTENSIONS.beat]: event.beat,
        [XAPI_EXTENSIONS.seq]: event.seq,
        ...(entry.cdm ? { [XAPI_EXTENSIONS.cdm]: entry.cdm } : {}),
        ...(entry.technique ? { [XAPI_EXTENSIONS.technique]: entry.technique } : {}),
        ...(entry.chosenBy ? { [XAPI_EXTENSIONS.chosenBy]: entry.chosenBy } : {}),
        ...(entry.to ? { [XAPI_EXTENSIONS.to]: entry.to } : {}),
      };
      const result: NonNullable<XapiStatement['result']> = {
        ...(event.type === 'choice' && event.choice ? { response: event.choice } : {}),
        ...(entry.latencyMs !== undefined ? { duration: isoDuration(entry.latencyMs) } : {}),
        ...(entry.rating ? { extensions: { [XAPI_EXTENSIONS.rating]: entry.rating } } : {}),
      };
      out.push(
        statement(
          event,
          event.type === 'choice'
            ? { id: XAPI_VERBS.answered, display: { 'en-US': 'answered' } }
            : { id: XAPI_VERBS.timedOut, display: { 'en-US': 'timed out' } },
          interaction,
          result,
          extensions,
          true,
        ),
      );
    } else if (event.type === 'end') {
      const outcomeBeat = scenario.beats[event.beat];
      const outcome =
        event.outcome ??
        (outcomeBeat && isOutcomeBeat(outcomeBeat) ? outcomeBeat.outcome : undefined);
      out.push(
        statement(
          event,
          { id: XAPI_VERBS.completed, display: { 'en-US': 'completed' } },
          scenarioActivity,
          {
            completion: true,
            duration: isoDuration(event.at),
            extensions: {
              [XAPI_EXTENSIONS.outcomeBeat]: event.beat,
              ...(outcome ? { [XAPI_EXTENSIONS.outcome]: outcome } : {}),
            },
          },
          { [XAPI_EXTENSIONS.beat]: event.beat, [XAPI_EXTENSIONS.seq]: event.seq },
          false,
        ),
      );
    }
  });
  return out;
}

function defaultActor(trainee: DecisionLog['trainee'], homePage: string): XapiAgent {
  return {
    objectType: 'Agent',
    ...(trainee.name ? { name: trainee.name } : {}),
    account: { homePage, name: trainee.id },
  };
}

function scenarioIri(id: string): string {
  return `${XAPI_BASE}scenarios/${encodeURIComponent(id)}`;
}

/**
 * Milliseconds as an ISO 8601 duration, to the hundredth of a second that
 * xAPI keeps (`PT5.23S`, `PT1M4.5S`, `PT1H2M0S`).
 */
export function isoDuration(ms: number): string {
  const centis = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(centis / 360_000);
  const minutes = Math.floor((centis % 360_000) / 6000);
  const seconds = (centis % 6000) / 100;
  return `PT${hours ? `${hours}H` : ''}${hours || minutes ? `${minutes}M` : ''}${seconds}S`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The project's UUID namespace: version 5 of its base IRI in RFC 4122's URL namespace. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';
const DEFUSE_NAMESPACE = formatUuid(uuidBytes(uuidToBytes(URL_NAMESPACE), XAPI_BASE));

/**
 * RFC 4122 version 5 (SHA-1, name-based) UUID of `name` in `namespace`
 * (by default the project's own), so the same name always gives the same id.
 */
export function uuidV5(name: string, namespace: string = DEFUSE_NAMESPACE): string {
  return formatUuid(uuidBytes(uuidToBytes(namespace), name));
}

function formatUuid(b: Uint8Array): string {
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function uuidBytes(namespace: Uint8Array, name: string): Uint8Array {
  const nameBytes = utf8ToBytes(name);
  const input = new Uint8Array(namespace.length + nameBytes.length);
  input.set(namespace);
  input.set(nameBytes, namespace.length);
  const b = sha1(input).slice(0, 16);
  b[6] = (b[6]! & 0x0f) | 0x50;
  b[8] = (b[8]! & 0x3f) | 0x80;
  return b;
}

function uuidToBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}
