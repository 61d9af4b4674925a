import {
  SCENARIO_FORMAT,
  validateScenarioSchema,
  type DecisionLog,
  type Scenario,
} from '@defuse/schemas';
import { diagnostic, hasErrors } from './diagnostics';
import { checkLogShape } from './log-shape';
import { formatCheck, schemaDiagnostic } from './schema-diagnostics';
import { checkSemantics } from './semantic';
import { parseStrictJson } from './strict-json';
import type { Diagnostic, ParseResult } from './types';

/**
 * Reads a scenario file: strict JSON, then the schema, then the checks a
 * schema cannot express. Never throws; `scenario` is present only when there
 * are no errors.
 */
export function parseScenario(input: string | Uint8Array): ParseResult {
  try {
    const json = parseStrictJson(input);
    if (json.diagnostics.length || json.value === undefined)
      return { diagnostics: json.diagnostics };
    const result = validateScenario(json.value);
    for (const d of result.diagnostics) {
      const where = json.locate(d.path);
      if (where) Object.assign(d, where);
    }
    return result;
  } catch (error) {
    return { diagnostics: [internalError(error)] };
  }
}

/** The same checks as `parseScenario`, for a document that is already an object. */
export function validateScenario(doc: unknown): ParseResult {
  try {
    const format = formatCheck(doc, SCENARIO_FORMAT, 'DF200', 'scenario');
    if (format) return { diagnostics: [format] };
    const schemaErrors = validateScenarioSchema(doc);
    if (schemaErrors.length) return { diagnostics: schemaErrors.map(schemaDiagnostic) };
    const scenario = doc as Scenario;
    const diagnostics = checkSemantics(scenario);
    return hasErrors(diagnostics) ? { diagnostics } : { scenario, diagnostics };
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
