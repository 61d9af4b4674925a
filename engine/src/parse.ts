import {
  SCENARIO_FORMAT,
  validateScenarioSchema,
  type DecisionLog,
  type Scenario,
} from '@defuse/schemas';
import { analyzeGraph } from './analyze';
import { diagnostic, hasErrors } from './diagnostics';
import { checkLogShape } from './log-shape';
import { formatCheck, schemaDiagnostic } from './schema-diagnostics';
import { checkInvisibleText } from './invisible-text';
import { checkSemantics } from './semantic';
import { parseStrictJson } from './strict-json';
import type { Diagnostic, ParseResult, ValidateOptions } from './types';

/**
 * Reads a scenario file: strict JSON, then the schema, then the checks a
 * schema cannot express. Never throws; `scenario` is present only when there
 * are no errors.
 */
export function parseScenario(
  input: string | Uint8Array,
  options: ValidateOptions = {},
): ParseResult {
  try {
    const json = parseStrictJson(input);
    if (json.diagnostics.length || json.value === undefined)
      return { diagnostics: json.diagnostics };
    const result = validateScenario(json.value, options);
    for (const d of [...result.diagnostics, ...(result.analysis?.diagnostics ?? [])]) {
      const where = json.locate(d.path);
      if (where) Object.assign(d, where);
    }
    return result;
  } catch (error) {
    return { diagnostics: [internalError(error)] };
  }
}

/** The same checks as `parseScenario`, for a document that is already an object. */
export function validateScenario(doc: unknown, options: ValidateOptions = {}): ParseResult {
  try {
    const format = formatCheck(doc, SCENARIO_FORMAT, 'DF200', 'scenario');
    if (format) return { diagnostics: [format] };
    const schemaErrors = validateScenarioSchema(doc);
    if (schemaErrors.length) return { diagnostics: schemaErrors.map(schemaDiagnostic) };
    const scenario = doc as Scenario;
    const { diagnostics, graph } = checkSemantics(scenario);
    diagnostics.push(...checkInvisibleText(doc));
    if (hasErrors(diagnostics)) return { diagnostics };
    if (!options.analyse) return { scenario, diagnostics };
    return { scenario, diagnostics, analysis: analyzeGraph(scenario, graph) };
  } catch (error) {
    return { diagnostics: [internalError(error)] };
  }
}

/** Reads a decision log file: strict JSON and the log schema (the chain is `verifyLog`'s). */
export function parseLog(input: string | Uint8Array): {
  log?: DecisionLog;
  diagnostics: Diagnostic[];
} {
  try {
    const json = parseStrictJson(input);
    if (json.diagnostics.length || json.value === undefined)
      return { diagnostics: json.diagnostics };
    const diagnostics = checkLogShape(json.value);
    for (const d of diagnostics) {
      const where = json.locate(d.path);
      if (where) Object.assign(d, where);
    }
    return diagnostics.length ? { diagnostics } : { log: json.value as DecisionLog, diagnostics };
  } catch (error) {
    return { diagnostics: [internalError(error)] };
  }
}

function internalError(error: unknown): Diagnostic {
  const why = error instanceof Error ? error.message : String(error);
  return diagnostic('DF201', '', `the document could not be checked: ${why}`);
}
