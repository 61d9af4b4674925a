/**
 * Saving the exported file through the browser's download.
 */
import type { Scenario } from '@defuse/schemas';
import { exportFileName, exportText } from '../export-format';

/** Offers the canonical scenario file as a download. */
export function downloadExport(doc: Scenario): void {
  const blob = new Blob([exportText(doc)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(doc);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
