import {
  verifiedReplay,
  verifyLog,
  type Replay,
  type TrustedKey,
  type VerifyResult,
} from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';

/** The four states the integrity badge shows (`data-integrity`). */
export type IntegrityState = 'intact' | 'tampered' | 'version-mismatch' | 'scenario-missing';

/**
 * Who vouches for an intact log, in the engine's words: a key this debrief
 * trusts (`trusted`), a key nobody here knows (`unknown-key`: anyone could
 * have made that key and rebuilt the chain), or no signature at all
 * (`unsigned`, a log from before devices signed).
 */
export type SignatureVerdict = NonNullable<VerifyResult['signature']>;

export interface Integrity {
  state: IntegrityState;
  /** Who signed the log, when the chain is intact. */
  signature?: SignatureVerdict;
  /** A trusted log whose head the hub countersigned as it arrived. */
  countersigned?: boolean;
  /** The first event to blame when the log was tampered with. */
  seq?: number;
  /** The engine's verdict, in plain words. */
  message: string;
  /** The scenario text the log was recorded against, when this device has it. */
  scenario?: Scenario;
  /** The replay, when the log is intact. */
  replay?: Replay;
  /** Versions of the same scenario this device has, when the recorded one is not among them. */
  otherVersions?: Scenario[];
}

/** Scenario texts this device knows, by digest. */
export type ScenarioShelf = Map<string, Scenario>;

/**
 * What can be trusted about a log. A broken chain or a bad signature is
 * reported first, whatever else is true (an edited log says nothing
 * reliable); then whether the recorded scenario text is here; then whether
 * replay reproduces the log. `trust` lists the keys whose signature makes a
 * log "signed" rather than "anyone could have written it": this device's own
 * key for its logs, the hub's keys for the hub's.
 */
export function checkIntegrity(
  log: DecisionLog,
  shelf: ScenarioShelf,
  trust: readonly TrustedKey[] = [],
): Integrity {
  const chain = verifyLog(undefined, log, { trust: [...trust] });
  const scenario = shelf.get(log.scenario.digest);
  if (!chain.ok) {
    // The scenario is kept for its title only: nothing of an edited log is replayed against it.
    return { ...tampered(chain.message, chain.seq), ...(scenario ? { scenario } : {}) };
  }
  const signature = chain.signature
    ? {
        signature: chain.signature,
        ...(chain.signature.state === 'trusted' && countersigned(log) && { countersigned: true }),
      }
    : {};
  if (scenario) {
    const { replay, verdict } = verifiedReplay(scenario, log, { trust: [...trust] });
    if (!replay) return { ...tampered(verdict.message, verdict.seq), scenario };
    return {
      state: 'intact',
      message: `Intact: hash chain, scenario version and replay agree. ${signatureSentence(chain.signature, log)}`,
      ...signature,
      scenario,
      replay,
    };
  }
  const otherVersions = [...shelf.values()].filter((s) => s.id === log.scenario.id);
  if (otherVersions.length > 0) {
    const versions = [...new Set(otherVersions.map((s) => s.version))].join(', ');
    return {
      ...signature,
      state: 'version-mismatch',
      message:
        `Recorded against version ${log.scenario.version} of "${log.scenario.id}" ` +
        `(digest ${log.scenario.digest.slice(7, 19)}…). This device has version ${versions} ` +
        'with different text, so the run is shown as recorded, without the newer wording.',
      otherVersions,
    };
  }
  return {
    ...signature,
    state: 'scenario-missing',
    message:
      `The scenario "${log.scenario.id}" version ${log.scenario.version} is not on this device. ` +
      'Open its scenario file to debrief this log.',
  };
}

function tampered(message: string, seq: number | undefined): Integrity {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return {
    state: 'tampered',
    message: `Tampered: ${text}.`.replace(/\.\.$/, '.'),
    ...(seq !== undefined ? { seq } : {}),
  };
}

/** Whether the hub countersigned the log's head (the last event it holds). */
function countersigned(log: DecisionLog): boolean {
  return typeof log.events.at(-1)?.hubSig === 'string';
}

/** What the signature proves, in one sentence, for the badge's description. */
function signatureSentence(signature: SignatureVerdict | undefined, log: DecisionLog): string {
  switch (signature?.state) {
    case 'trusted':
      return countersigned(log) || signature.by === 'hub'
        ? 'Signed by the tablet that recorded it and countersigned by the hub as it arrived.'
        : `Signed by ${signature.name ?? 'a known tablet'}.`;
    case 'unknown-key':
      return 'It is signed, but by a key this debrief does not know: anyone could have made that key and rebuilt the chain.';
    default:
      return 'It is not signed (recorded before tablets signed their logs): the chain shows it was not edited by accident, not who wrote it.';
  }
}

/**
 * How the badge looks: an intact log is only plainly green when a trusted
 * key signed it; signed by an unknown key it is a warning.
 */
export function integrityTone(integrity: Integrity): string {
  if (integrity.state !== 'intact') return integrity.state;
  if (integrity.signature?.state === 'unknown-key') return 'unknown-key';
  if (integrity.signature?.state === 'trusted') return 'intact';
  return 'unsigned';
}

/** The name this device's own key goes by in its trust list. */
export const THIS_TABLET = 'this tablet';

/** Short badge text. */
export function integrityLabel(integrity: Integrity): string {
  switch (integrity.state) {
    case 'intact':
      return intactLabel(integrity);
    case 'tampered':
      return integrity.seq !== undefined ? `Tampered: event ${integrity.seq}` : 'Tampered';
    case 'version-mismatch':
      return 'Other scenario version';
    case 'scenario-missing':
      return 'Scenario missing';
  }
}

function intactLabel({ signature, countersigned }: Integrity): string {
  switch (signature?.state) {
    case 'trusted':
      if (countersigned || signature.by === 'hub') return 'Signed · countersigned by the hub';
      return signature.name && signature.name !== THIS_TABLET
        ? `Signed by ${signature.name}`
        : 'Signed by this tablet';
    case 'unknown-key':
      return 'Intact, but anyone could have written it';
    default:
      return 'Intact · unsigned (older log)';
  }
}
