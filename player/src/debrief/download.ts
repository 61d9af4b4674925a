import { toXapiStatements } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { logFileName, logFileText } from '../logs/export';

/** Saves text as a download with the given file name. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves a log (with its notes) under the same name the Logs screen uses. */
export function downloadDebriefedLog(log: DecisionLog): void {
  downloadText(logFileName(log), logFileText(log));
}

/** The xAPI statements of some logs as the text of a `*.xapi.json` file. */
export function xapiFileText(scenario: Scenario, logs: readonly DecisionLog[]): string {
  return JSON.stringify(toXapiStatements(scenario, logs), null, 2) + '\n';
}

/** File name of an xAPI export: `<scenario>_<n>-logs.xapi.json` or `<log name>.xapi.json`. */
export function xapiFileName(scenario: Scenario, logs: readonly DecisionLog[]): string {
  if (logs.length === 1) return logFileName(logs[0]!).replace(/\.log\.json$/, '.xapi.json');
  return `${scenario.id}_${logs.length}-logs.xapi.json`;
}
