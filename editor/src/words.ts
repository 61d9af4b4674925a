/**
 * Plain words for the contract's vocabularies, as instructors say them.
 */
import type { CdmStep, ForceLevel, OutcomeResult, Rating } from '@defuse/schemas';

export const CDM_WORDS: Record<CdmStep, string> = {
  information: '1 · Information',
  assessment: '2 · Assessment',
  'powers-policy': '3 · Powers & policy',
  options: '4 · Options',
  'act-review': '5 · Act & review',
};

export const RESULT_WORDS: Record<OutcomeResult, string> = {
  resolved: 'Resolved',
  referred: 'Referred',
  arrested: 'Arrested',
  disengaged: 'Disengaged',
  'force-used': 'Force used',
  injury: 'Injury',
};

export const FORCE_WORDS: Record<ForceLevel, string> = {
  none: 'No force',
  presence: 'Presence',
  verbal: 'Verbal',
  hands: 'Hands-on',
  'less-lethal': 'Less-lethal',
  lethal: 'Lethal',
};

export const RATING_WORDS: Record<Rating, string> = {
  preferred: 'Preferred',
  acceptable: 'Acceptable',
  poor: 'Poor',
  unsafe: 'Unsafe',
};

/** "active-listening" -> "Active listening". */
export function humanize(slug: string): string {
  const text = slug.replace(/^x-/, '').replace(/-/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
