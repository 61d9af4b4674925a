import type { Scenario } from '@defuse/schemas';
import { callType } from '../scenarios/call-type';
import type { ScenarioListing } from '../scenarios/listing';

/** A scenario of the class this tablet joined, as downloaded from the hub. */
export interface ClassListing extends Omit<ScenarioListing, 'source' | 'fileName' | 'digest'> {
  source: 'class';
  classId: string;
}

/** Anything the home screen lists with a Start button. */
export type HomeListing = ScenarioListing | ClassListing;

/** A class scenario's listing, from its downloaded copy. */
export function classListing(scenario: Scenario, classId: string): ClassListing {
  const listing: ClassListing = {
    key: `class:${classId}:${scenario.id}@${scenario.version}`,
    source: 'class',
    classId,
    id: scenario.id,
    version: scenario.version,
    title: scenario.title,
  };
  if (scenario.summary) listing.summary = scenario.summary;
  const type = callType(scenario);
  if (type) listing.callType = type;
  if (scenario.estimatedMinutes !== undefined) listing.estimatedMinutes = scenario.estimatedMinutes;
  return listing;
}
