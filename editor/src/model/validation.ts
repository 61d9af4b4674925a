/**
 * Live validation: the engine judges the document after every change. The
 * editor only sorts the findings by place; it never adds rules of its own.
 * Checking the document is fast and happens on every change; the graph
 * analysis (reachability, traps, path counts) can take much longer on big
 * scenarios, so the editor may run it in the background and merge it in.
 */
import { validateScenario } from '@defuse/engine';
import type { Analysis, Diagnostic, ParseResult } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';

/** The engine's verdict on the current document. */
export interface Validation {
  diagnostics: Diagnostic[];
  errors: number;
  warnings: number;
  /** The document as the engine accepted it; present only when checking found no errors. */
  scenario?: Scenario;
  analysis?: Analysis;
  /** True while the analysis of an accepted document is still to come. */
  analyzing: boolean;
}

function key(d: Diagnostic): string {
  return `${d.code}\u0000${d.path}\u0000${d.message}`;
}

function counted(diagnostics: Diagnostic[]): Pick<Validation, 'errors' | 'warnings'> {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

/** Checks the document (schema and meaning); the analysis is still to come when it passes. */
export function checkDocument(doc: Scenario): Validation {
  return verdict(validateScenario(doc));
}

/** The engine's findings as a verdict; `analyzing` until an analysis is merged in. */
function verdict(result: ParseResult): Validation {
  const diagnostics = [...result.diagnostics];
  return {
    diagnostics,
    ...counted(diagnostics),
    ...(result.scenario ? { scenario: result.scenario } : {}),
    analyzing: result.scenario !== undefined,
  };
}

/** The verdict with the analysis's findings merged in. */
export function withAnalysis(validation: Validation, analysis: Analysis): Validation {
  const seen = new Set(validation.diagnostics.map(key));
  const diagnostics = [...validation.diagnostics];
  for (const d of analysis.diagnostics) if (!seen.has(key(d))) diagnostics.push(d);
  return { ...validation, diagnostics, ...counted(diagnostics), analysis, analyzing: false };
}

/** Checks the document and, when it passes, analyses its graph, all at once. */
export function validateDocument(doc: Scenario): Validation {
  const result = validateScenario(doc, { analyse: true });
  const checked = verdict(result);
  return result.analysis ? withAnalysis(checked, result.analysis) : checked;
}

/** True when a trainee could play the document: accepted, analysed, no errors. */
export function isPlayable(validation: Validation): boolean {
  return validation.scenario !== undefined && !validation.analyzing && validation.errors === 0;
}
