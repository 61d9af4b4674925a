import type { Scenario } from '@defuse/schemas';
import { openDefuseDb, type ImportedScenarioRecord } from './db';

/** Stores a scenario that passed validation. Importing the same version again replaces it. */
export async function saveImportedScenario(
  scenario: Scenario,
  digest: string,
  fileName: string,
): Promise<ImportedScenarioRecord> {
  const db = await openDefuseDb();
  const record: ImportedScenarioRecord = {
    digest,
    id: scenario.id,
    version: scenario.version,
    fileName,
    importedAt: Date.now(),
    scenario,
  };
  await db.put('scenarios', record);
  return record;
}

/** Imported scenarios, oldest import first. */
export async function listImportedScenarios(): Promise<ImportedScenarioRecord[]> {
  const db = await openDefuseDb();
  const records = await db.getAll('scenarios');
  return records.sort((a, b) => a.importedAt - b.importedAt);
}

/** Removes an imported scenario. Logs recorded with it keep their own copy. */
export async function deleteImportedScenario(digest: string): Promise<void> {
  const db = await openDefuseDb();
  await db.delete('scenarios', digest);
}
