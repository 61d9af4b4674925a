import { validateScenario } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { beginDrill, resumeStoredDrill, type ActiveDrill } from '../drill/session';
import { describeDiagnostic } from '../scenarios/describe-diagnostic';
import { loadBundledFile } from '../scenarios/bundled';
import type { ScenarioListing } from '../scenarios/listing';
import { listImportedScenarios } from '../storage/scenarios';
import type { DrillSettings } from '../storage/settings';

/**
 * Starting and resuming drills: the part of the home screen that needs the
 * engine, loaded on demand (and warmed up in the background).
 */

/** Raised when a scenario cannot be run; the message is for people. */
export class LaunchError extends Error {
  override name = 'LaunchError';
}

/** The scenario behind a listing, checked by the engine before anyone runs it. */
export async function scenarioFor(listing: ScenarioListing): Promise<Scenario> {
  if (listing.source === 'imported') {
    const record = (await listImportedScenarios()).find((r) => r.digest === listing.digest);
    if (!record) throw new LaunchError('This scenario is no longer stored on this device.');
    return record.scenario;
  }
  const result = validateScenario(await loadBundledFile(listing.fileName));
  if (!result.scenario) {
    const problems = result.diagnostics
      .filter((d) => d.severity === 'error')
      .slice(0, 3)
      .map((d) => {
        const plain = describeDiagnostic(d);
        return `${plain.where}: ${plain.what}`;
      });
    throw new LaunchError(
      `${listing.fileName} is invalid, so it cannot run: ${problems.join('; ')}`,
    );
  }
  return result.scenario;
}

/** Validates the scenario and starts a drill on it (its start event is stored first). */
export async function launch(
  listing: ScenarioListing,
  settings: DrillSettings,
): Promise<ActiveDrill> {
  return beginDrill(await scenarioFor(listing), settings);
}

export { resumeStoredDrill };
