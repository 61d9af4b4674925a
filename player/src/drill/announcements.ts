/** "1 second", "12 seconds". */
export function secondsText(n: number): string {
  return n === 1 ? '1 second' : `${n} seconds`;
}

/**
 * What the screen reader hears about the clock: once when a timed beat
 * begins, at a few thresholds, and when time is up; never every second.
 */
export function timerAnnouncement(
  limitMs: number,
  previousMs: number | undefined,
  remainingMs: number,
): string | undefined {
  const secs = (ms: number) => Math.ceil(ms / 1000);
  if (previousMs === undefined) return `${secondsText(secs(remainingMs))} to decide.`;
  if (remainingMs <= 0 && previousMs > 0) return 'Time is up.';
  for (const threshold of [10_000, 5_000]) {
    if (limitMs > threshold + 2_000 && previousMs > threshold && remainingMs <= threshold) {
      return `${secondsText(threshold / 1000)} left.`;
    }
  }
  return undefined;
}
