import type { HubClass } from '../api';

const MODE_LABELS: Record<HubClass['mode'], string> = {
  training: 'Training',
  assessment: 'Assessment',
};

/** "Training" or "Assessment", as the drill screen and the logs say it. */
export function modeLabel(mode: HubClass['mode']): string {
  return MODE_LABELS[mode] ?? mode;
}

/** What the mode means for the trainee, shown where an instructor picks it. */
export function modeHint(mode: HubClass['mode']): string {
  return mode === 'training'
    ? 'Trainees see feedback after each decision.'
    : 'No feedback during the drill; for graded runs.';
}

/** "1 tablet", "3 tablets". */
export function tabletCount(count: number): string {
  return `${count} ${count === 1 ? 'tablet' : 'tablets'}`;
}

/** Open classes first (the one running now is what the instructor looks for), then newest first. */
export function openFirst(classes: HubClass[]): HubClass[] {
  return [...classes].sort(
    (a, b) => Number(b.open) - Number(a.open) || b.createdAt.localeCompare(a.createdAt),
  );
}
