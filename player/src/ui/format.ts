import type { ForceLevel, Outcome, OutcomeResult } from '@defuse/schemas';

const RESULT_LABELS: Record<OutcomeResult, string> = {
  resolved: 'Resolved',
  referred: 'Referred',
  arrested: 'Arrested',
  disengaged: 'Disengaged',
  'force-used': 'Force used',
  injury: 'Injury',
};

const FORCE_LABELS: Record<ForceLevel, string> = {
  none: 'No force',
  presence: 'Officer presence',
  verbal: 'Verbal direction',
  hands: 'Hands-on control',
  'less-lethal': 'Less-lethal force',
  lethal: 'Lethal force',
};

/** "Resolved", "Force used", ... */
export function resultLabel(result: OutcomeResult): string {
  return RESULT_LABELS[result] ?? result;
}

/** "No force", "Hands-on control", ... */
export function forceLabel(force: ForceLevel): string {
  return FORCE_LABELS[force] ?? force;
}

/** "No injuries", "Officer injured", "Subject injured", "Officer and subject injured". */
export function injuryLabel(outcome: Outcome): string {
  if (outcome.officerInjury && outcome.subjectInjury) return 'Officer and subject injured';
  if (outcome.officerInjury) return 'Officer injured';
  if (outcome.subjectInjury) return 'Subject injured';
  return 'No injuries';
}

/** A date and time in the device's locale, e.g. "22 Nov 2026, 14:03". */
export function formatDateTime(iso: string | number): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  return date.toLocaleString(undefined, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** "22 Nov 2026" and "14:03" apart, for a narrow column. */
export function formatDateAndTime(iso: string | number): { date: string; time: string } {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return { date: String(iso), time: '' };
  return {
    date: date.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' }),
    time: date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' }),
  };
}

/** Turns a slug like "public-disturbance" into "Public disturbance". */
export function humanize(slug: string): string {
  const words = slug.replace(/^x-/, '').replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
