import { scenarioDigest, validateScenario, type Diagnostic } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { listImportedScenarios } from '../storage/scenarios';
import { bundledFiles } from './bundled';

/** A scenario the home screen offers: validated by the engine, from the library or an import. */
export interface CatalogueEntry {
  digest: string;
  source: 'bundled' | 'imported';
  fileName: string;
  scenario: Scenario;
  importedAt?: number;
}

/** A bundled file the engine refused (a packaging mistake; shown so it is noticed). */
export interface RejectedFile {
  fileName: string;
  diagnostics: Diagnostic[];
}

export interface Catalogue {
  bundled: CatalogueEntry[];
  imported: CatalogueEntry[];
  rejected: RejectedFile[];
}

/** Loads and validates every bundled scenario and lists the imported ones. */
export async function loadCatalogue(): Promise<Catalogue> {
  const catalogue: Catalogue = { bundled: [], imported: [], rejected: [] };
  const files = await Promise.all(
    bundledFiles().map(async (file) => ({ file, doc: await file.load() })),
  );
  for (const { file, doc } of files) {
    const result = validateScenario(doc);
    if (result.scenario) {
      catalogue.bundled.push({
        digest: scenarioDigest(result.scenario),
        source: 'bundled',
        fileName: file.fileName,
        scenario: result.scenario,
      });
    } else {
      catalogue.rejected.push({ fileName: file.fileName, diagnostics: result.diagnostics });
    }
  }
  for (const record of await listImportedScenarios()) {
    catalogue.imported.push({
      digest: record.digest,
      source: 'imported',
      fileName: record.fileName,
      scenario: record.scenario,
      importedAt: record.importedAt,
    });
  }
  return catalogue;
}

/** Finds a catalogue entry by digest. */
export function findEntry(catalogue: Catalogue, digest: string): CatalogueEntry | undefined {
  return [...catalogue.bundled, ...catalogue.imported].find((e) => e.digest === digest);
}
