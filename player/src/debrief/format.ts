import type { CdmStep, Outcome, Rating } from '@defuse/schemas';

/** Drill clock time as `m:ss` (e.g. `1:05`). */
export function clockTime(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}:${String(seconds).padStart(2, '0')}`;
}

/** A decision time in seconds with one decimal (`5.2 s`). */
export function seconds(ms: number | undefined): string {
  if (ms === undefined) return '–';
  return `${(ms / 1000).toFixed(1)} s`;
}

export const CDM_LABELS: Record<CdmStep, string> = {
  information: 'Collect information',
  assessment: 'Assess situation, threats, risks',
  'powers-policy': 'Police powers and policy',
  options: 'Identify options, choose',
  'act-review': 'Act, review, re-assess',
};

/** The CDM step in words; the number is its place in the model's loop. */
export function cdmLabel(step: CdmStep | undefined): string {
  return step ? CDM_LABELS[step] : '–';
}

/** A technique id in words: `emotional-labeling` → `Emotional labeling`. */
export function techniqueLabel(technique: string | undefined): string {
  if (!technique) return '–';
  const words = technique.replace(/^x-/, '').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const RATING_LABELS: Record<Rating, string> = {
  preferred: 'Preferred',
  acceptable: 'Acceptable',
  poor: 'Poor',
  unsafe: 'Unsafe',
};

const RESULT_LABELS: Record<Outcome['result'], string> = {
  resolved: 'Resolved',
  referred: 'Referred',
  arrested: 'Arrested',
  disengaged: 'Disengaged',
  'force-used': 'Force used',
  injury: 'Injury',
};

const FORCE_LABELS: Record<Outcome['force'], string> = {
  none: 'no force',
  presence: 'officer presence',
  verbal: 'verbal direction',
  hands: 'hands-on control',
  'less-lethal': 'less-lethal force',
  lethal: 'lethal force',
};

/** An outcome in the words agencies count in: `Resolved, no force`. */
export function outcomeLabel(outcome: Outcome | undefined): string {
  if (!outcome) return 'Not finished';
  const parts = [`${RESULT_LABELS[outcome.result]}, ${FORCE_LABELS[outcome.force]}`];
  if (outcome.officerInjury) parts.push('officer injured');
  if (outcome.subjectInjury) parts.push('subject injured');
  return parts.join('; ');
}

/** A date and time in the reader's locale, from an ISO string. */
export function when(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A short date and time for lists: `23 Nov, 14:03` in the reader's locale. */
export function shortWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Just the result of an outcome (`Force used`), or `Not finished`. */
export function resultLabel(outcome: Outcome | undefined): string {
  return outcome ? RESULT_LABELS[outcome.result] : 'Not finished';
}

/** `0.42` → `42%`. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
