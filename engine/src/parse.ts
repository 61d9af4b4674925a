import {
  LOG_FORMAT,
  SCENARIO_FORMAT,
  validateDecisionLogSchema,
  validateScenarioSchema,
  type DecisionLog,
  type Scenario,
  type SchemaError,
} from '@defuse/schemas';
import type { DiagnosticCode } from './diagnostic-codes';
import { diagnostic, escapePointerToken, hasErrors } from './diagnostics';
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
    if (schemaErrors.length) return { diagnostics: schemaErrors.map(toDiagnostic) };
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

/** Schema diagnostics of a decision log object (empty when it conforms). */
export function checkLogShape(doc: unknown): Diagnostic[] {
  const format = formatCheck(doc, LOG_FORMAT, 'DF500', 'decision log');
  if (format) return [format];
  return validateDecisionLogSchema(doc).map((e) => ({
    ...diagnostic('DF501', pathOf(e), e.message, { beat: undefined }),
  }));
}

/** Refuses documents of an unknown format version, saying which it has and which it expected. */
function formatCheck(
  doc: unknown,
  expected: string,
  code: DiagnosticCode,
  what: string,
): Diagnostic | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    const kind = doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc;
    return diagnostic(code, '', `a ${what} is a JSON object; this file holds ${kind}`);
  }
  const format = (doc as Record<string, unknown>).format;
  if (format === expected) return undefined;
  if (format === undefined) {
    return diagnostic(
      code,
      '/format',
      `missing "format"; a ${what} starts with "format": "${expected}"`,
    );
  }
  return diagnostic(
    code,
    '/format',
    `this file has format ${JSON.stringify(format)}; this version of Defuse reads "${expected}"`,
  );
}

const FORM_KEYWORDS = /\/(choice|timeout|destination)[^/]*\/oneOf$/;
const CONDITION_KEYWORDS = /\/(condition|varCondition|effect)[^/]*\/oneOf$/;

function codeOf(e: SchemaError): DiagnosticCode {
  if (e.keyword === 'dependentRequired' && e.params.property === 'timeLimitSec') return 'DF312';
  if (e.keyword === 'false schema' && e.schemaPath.includes('/outcomeBeat/')) return 'DF314';
  // anyOf only lists vocabularies (a standard value or a custom x- one): a value not allowed.
  if (e.keyword === 'anyOf') return 'DF205';
  switch (e.keyword) {
    case 'required':
      return 'DF203';
    case 'additionalProperties':
    case 'false schema':
    case 'unevaluatedProperties':
      return 'DF202';
    case 'type':
      return 'DF204';
    case 'oneOf':
    case 'anyOf':
      if (FORM_KEYWORDS.test(e.schemaPath)) return 'DF206';
      if (CONDITION_KEYWORDS.test(e.schemaPath)) return 'DF207';
      return 'DF201';
    case 'enum':
    case 'const':
    case 'pattern':
    case 'propertyNames':
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'uniqueItems':
    case 'multipleOf':
      return 'DF205';
    default:
      return 'DF201';
  }
}

function pathOf(e: SchemaError): string {
  if (e.keyword === 'dependentRequired' && typeof e.params.property === 'string') {
    return `${e.instancePath}/${escapePointerToken(e.params.property)}`;
  }
  if (e.keyword === 'additionalProperties' && typeof e.params.additionalProperty === 'string') {
    return `${e.instancePath}/${escapePointerToken(e.params.additionalProperty)}`;
  }
  return e.instancePath;
}

function toDiagnostic(e: SchemaError): Diagnostic {
  return diagnostic(codeOf(e), pathOf(e), e.message);
}

function internalError(error: unknown): Diagnostic {
  const why = error instanceof Error ? error.message : String(error);
  return diagnostic('DF201', '', `the document could not be checked: ${why}`);
}
