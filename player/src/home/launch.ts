import { validateScenario } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { beginDrill, resumeStoredDrill, type ActiveDrill } from '../drill/session';
import { describeDiagnostic } from '../scenarios/describe-diagnostic';
import { loadBundledFile } from '../scenarios/bundled';
import { loadClassScenarios, type Membership } from '../storage/membership';
import { listImportedScenarios } from '../storage/scenarios';
import type { DrillSettings } from '../storage/settings';
import type { HomeListing } from './class-listing';

/**
 * Starting and resuming drills: the part of the home screen that needs the
 * engine, loaded on demand (and warmed up in the background).
 */

/** Raised when a scenario cannot be run; the message is for people. */
export class LaunchError extends Error {
  override name = 'LaunchError';
}

/** The scenario behind a listing, checked by the engine before anyone runs it. */
export async function scenarioFor(listing: HomeListing): Promise<Scenario> {
  if (listing.source === 'imported') {
    const record = (await listImportedScenarios()).find((r) => r.digest === listing.digest);
    if (!record) throw new LaunchError('This scenario is no longer stored on this device.');
    return record.scenario;
  }
  if (listing.source === 'class') {
    // The hub checked it when it was published; it is checked here again because it came
    // over the network, and an invalid scenario must never reach a trainee.
    const stored = await loadClassScenarios(listing.classId);
    const copy = stored?.scenarios.find(
      (s) => s.id === listing.id && s.version === listing.version,
    );
    if (!copy) throw new LaunchError('This class scenario is no longer stored on this device.');
    return checked(copy, listing.title);
  }
  return checked(await loadBundledFile(listing.fileName), listing.fileName);
}

function checked(document: unknown, name: string): Scenario {
  const result = validateScenario(document);
  if (result.scenario) return result.scenario;
  const problems = result.diagnostics
    .filter((d) => d.severity === 'error')
    .slice(0, 3)
    .map((d) => {
      const plain = describeDiagnostic(d);
      return `${plain.where}: ${plain.what}`;
    });
  throw new LaunchError(`${name} is invalid, so it cannot run: ${problems.join('; ')}`);
}

/**
 * Validates the scenario and starts a drill on it (its start event is stored
 * first). A class scenario runs as the class's drill: the tablet's trainee id,
 * the class's mode, and a link that makes the outbox send its log to the hub.
 */
export async function launch(
  listing: HomeListing,
  settings: DrillSettings,
  membership?: Membership,
): Promise<ActiveDrill> {
  const scenario = await scenarioFor(listing);
  if (listing.source !== 'class') return beginDrill(scenario, settings);
  if (!membership || membership.class.id !== listing.classId) {
    throw new LaunchError('This tablet is no longer in that class.');
  }
  return beginDrill(
    scenario,
    { ...settings, traineeId: membership.device.traineeId, mode: membership.class.mode },
    {
      classId: membership.class.id,
      className: membership.class.name,
      deviceToken: membership.token,
    },
  );
}

export { resumeStoredDrill };
