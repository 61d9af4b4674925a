import type { ScenarioIndexEntry } from '../../scenario-index';
import type { ImportedScenarioRecord } from '../storage/db';
import { callType } from './call-type';

/** A scenario as the home screen lists it, before anything is validated or run. */
export interface ScenarioListing {
  /** Unique on the screen: `bundled:<file>` or `imported:<digest>`. */
  key: string;
  source: 'bundled' | 'imported';
  id: string;
  version: string;
  title: string;
  summary?: string;
  callType?: string;
  estimatedMinutes?: number;
  fileName: string;
  /** Imported scenarios only. */
  digest?: string;
  importedAt?: number;
}

/** A bundled scenario's listing, from the build-time index. */
export function bundledListing(entry: ScenarioIndexEntry): ScenarioListing {
  const listing: ScenarioListing = {
    key: `bundled:${entry.fileName}`,
    source: 'bundled',
    id: entry.id,
    version: entry.version,
    title: entry.title,
    fileName: entry.fileName,
  };
  if (entry.summary) listing.summary = entry.summary;
  const type = entry.callType ?? callType({ tags: entry.tags });
  if (type) listing.callType = type;
  if (entry.estimatedMinutes !== undefined) listing.estimatedMinutes = entry.estimatedMinutes;
  return listing;
}

/** An imported scenario's listing, from its stored (already validated) copy. */
export function importedListing(record: ImportedScenarioRecord): ScenarioListing {
  const { scenario } = record;
  const listing: ScenarioListing = {
    key: `imported:${record.digest}`,
    source: 'imported',
    id: scenario.id,
    version: scenario.version,
    title: scenario.title,
    fileName: record.fileName,
    digest: record.digest,
    importedAt: record.importedAt,
  };
  if (scenario.summary) listing.summary = scenario.summary;
  const type = callType(scenario);
  if (type) listing.callType = type;
  if (scenario.estimatedMinutes !== undefined) listing.estimatedMinutes = scenario.estimatedMinutes;
  return listing;
}
