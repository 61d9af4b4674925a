/**
 * Import of `*.scenario.json` files, through the engine's strict parser. A
 * file that is not JSON or not a scenario is refused with the reason and
 * changes nothing. A scenario with errors in its content opens anyway, so
 * work in progress can be carried between machines. Loaded when a file is
 * opened (the strict parser is only needed then).
 */
import { parseScenario } from '@defuse/engine';
import type { Diagnostic } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';

export type ImportResult =
  | { ok: true; doc: Scenario; diagnostics: Diagnostic[] }
  | { ok: false; message: string; diagnostics: Diagnostic[] };

/**
 * Diagnostics that mean "this file is not something the editor can open":
 * unreadable text, not JSON, not the scenario format, or fields of the wrong
 * type. Other problems (a missing target, a bad id) are for the editor to fix.
 */
function isFatal(d: Diagnostic): boolean {
  return /^DF1\d\d$/.test(d.code) || d.code === 'DF200' || d.code === 'DF201' || d.code === 'DF204';
}

function where(d: Diagnostic): string {
  if (d.line !== undefined) return `line ${d.line}, column ${d.column ?? 1}: `;
  if (d.path) return `at ${d.path}: `;
  return '';
}

/** Reads a scenario file's text (or bytes) for the editor. Never throws. */
export function importScenario(input: string | Uint8Array, fileName = 'The file'): ImportResult {
  const result = parseScenario(input);
  if (result.scenario) return { ok: true, doc: result.scenario, diagnostics: result.diagnostics };
  const fatal = result.diagnostics.filter(isFatal);
  if (fatal.length === 0 && result.diagnostics.length > 0) {
    // The engine accepted the JSON and its shape; only content is wrong.
    const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
    return { ok: true, doc: JSON.parse(text) as Scenario, diagnostics: result.diagnostics };
  }
  const reasons = (fatal.length ? fatal : result.diagnostics).slice(0, 3);
  const notJson = reasons.some((d) => /^DF1\d\d$/.test(d.code));
  const head = notJson
    ? `${fileName} is not valid JSON, so nothing was opened.`
    : `${fileName} is not a Defuse scenario, so nothing was opened.`;
  const detail = reasons.map((d) => `${where(d)}${d.message}`).join(' ');
  const more = fatal.length > 3 ? ` (and ${fatal.length - 3} more problems)` : '';
  return { ok: false, message: `${head} ${detail}${more}`.trim(), diagnostics: result.diagnostics };
}
