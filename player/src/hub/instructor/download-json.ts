/** Offers a value as a pretty-printed `.json` file download. */
export function downloadJson(value: unknown, fileName: string): void {
  const blob = new Blob([JSON.stringify(value, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `trainee-T-17-export.json`, with anything a file system might refuse replaced. */
export function traineeExportFileName(traineeId: string): string {
  const safe = traineeId.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 60) || 'trainee';
  return `trainee-${safe}-export.json`;
}
