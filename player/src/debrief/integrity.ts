import { verifiedReplay, verifyLog, type Replay } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';

/** The four states the integrity badge shows (`data-integrity`). */
export type IntegrityState = 'intact' | 'tampered' | 'version-mismatch' | 'scenario-missing';

export interface Integrity {
  state: IntegrityState;
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
 * What can be trusted about a log. A broken chain is reported first, whatever
 * else is true (an edited log says nothing reliable); then whether the
 * recorded scenario text is here; then whether replay reproduces the log.
 */
export function checkIntegrity(log: DecisionLog, shelf: ScenarioShelf): Integrity {
  const chain = verifyLog(undefined, log);
  const scenario = shelf.get(log.scenario.digest);
  if (!chain.ok) {
    // The scenario is kept for its title only: nothing of an edited log is replayed against it.
    return { ...tampered(chain.message, chain.seq), ...(scenario ? { scenario } : {}) };
  }
  if (scenario) {
    const { replay, verdict } = verifiedReplay(scenario, log);
    if (!replay) return { ...tampered(verdict.message, verdict.seq), scenario };
    return {
      state: 'intact',
      message: 'Intact: hash chain, scenario version and replay agree.',
      scenario,
      replay,
    };
  }
  const otherVersions = [...shelf.values()].filter((s) => s.id === log.scenario.id);
  if (otherVersions.length > 0) {
    const versions = [...new Set(otherVersions.map((s) => s.version))].join(', ');
    return {
      state: 'version-mismatch',
      message:
        `Recorded against version ${log.scenario.version} of "${log.scenario.id}" ` +
        `(digest ${log.scenario.digest.slice(7, 19)}…). This device has version ${versions} ` +
        'with different text, so the run is shown as recorded, without the newer wording.',
      otherVersions,
    };
  }
  return {
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

/** Short badge text. */
export function integrityLabel(integrity: Integrity): string {
  switch (integrity.state) {
    case 'intact':
      return 'Intact';
    case 'tampered':
      return integrity.seq !== undefined ? `Tampered: event ${integrity.seq}` : 'Tampered';
    case 'version-mismatch':
      return 'Other scenario version';
    case 'scenario-missing':
      return 'Scenario missing';
  }
}
