import type { Scenario } from '@defuse/schemas';
import { humanize } from '../ui/format';

/**
 * The kind of call a scenario trains for, as the list shows it: the
 * `x-callType` extension when the author set one, else the first tag.
 */
export function callType(scenario: Scenario): string | undefined {
  const declared = scenario['x-callType'] ?? scenario['x-call-type'];
  if (typeof declared === 'string' && declared.trim()) return declared.trim();
  const tag = scenario.tags?.[0];
  return tag ? humanize(tag) : undefined;
}
