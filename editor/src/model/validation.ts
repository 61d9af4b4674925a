/**
 * Live validation: the engine judges the document after every change. The
 * editor only sorts the findings by place; it never adds rules of its own.
 */
import { analyzeScenario, validateScenario } from '@defuse/engine';
import type { Analysis, Diagnostic } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';

/** The engine's verdict on the current document. */
export interface Validation {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
  /** The validated scenario; present only when there are no errors. */
  scenario?: Scenario;
  analysis?: Analysis;
}

export const NOT_VALIDATED: Validation = { diagnostics: [], errors: 0, warnings: 0 };

function key(d: Diagnostic): string {
  return `${d.code}\u0000${d.path}\u0000${d.message}`;
}

/** Validates the document and, when it is valid, analyses its graph. */
export function validateDocument(doc: Scenario): Validation {
  const result = validateScenario(doc);
  const diagnostics = [...result.diagnostics];
  let analysis: Analysis | undefined;
  if (result.scenario) {
    analysis = analyzeScenario(result.scenario);
    const seen = new Set(diagnostics.map(key));
    for (const d of analysis.diagnostics) if (!seen.has(key(d))) diagnostics.push(d);
  }
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return {
    diagnostics,
    errors,
    warnings,
    ...(result.scenario && errors === 0 ? { scenario: result.scenario } : {}),
    ...(analysis ? { analysis } : {}),
  };
}
