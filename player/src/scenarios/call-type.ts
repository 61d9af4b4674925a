import { humanize } from '../ui/format';

/** The fields of a scenario that say what kind of call it is. */
export interface CallTypeFields {
  tags?: readonly string[];
  'x-callType'?: unknown;
  'x-call-type'?: unknown;
}

/**
 * The kind of call a scenario trains for, as the list shows it: the
 * `x-callType` extension when the author set one, else the first tag.
 */
export function callType(scenario: CallTypeFields): string | undefined {
  const declared = scenario['x-callType'] ?? scenario['x-call-type'];
  if (typeof declared === 'string' && declared.trim()) return declared.trim();
  const tag = scenario.tags?.[0];
  return tag ? humanize(tag) : undefined;
}
