import type { DecisionLog } from '@defuse/schemas';

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'x'
  );
}

/** File name of an exported log: `<scenario>_<trainee>_<date>_<session>.log.json`. */
export function logFileName(log: DecisionLog): string {
  const date = log.startedAt.slice(0, 16).replace(/[:T]/g, '-');
  return `${slug(log.scenario.id)}_${slug(log.trainee.id)}_${date}_${log.sessionId.slice(0, 8)}.log.json`;
}

/** The exported text of a log: the log document as recorded, pretty-printed. */
export function logFileText(log: DecisionLog): string {
  return JSON.stringify(log, null, 2) + '\n';
}

/** Saves a log as a `*.log.json` download. */
export function downloadLog(log: DecisionLog): void {
  const blob = new Blob([logFileText(log)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = logFileName(log);
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Saves several logs, one `*.log.json` file each. Downloads are spaced out
 * because browsers drop clicks that come too close together.
 */
export async function downloadLogs(
  logs: DecisionLog[],
  pause: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<void> {
  for (const [i, log] of logs.entries()) {
    if (i > 0) await pause(400);
    downloadLog(log);
  }
}
