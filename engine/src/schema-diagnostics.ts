import type { SchemaError } from '@defuse/schemas';
import type { DiagnosticCode } from './diagnostic-codes';
import { diagnostic, escapePointerToken } from './diagnostics';
import type { Diagnostic } from './types';

/** Refuses documents of an unknown format version, saying which it has and which it expected. */
export function formatCheck(
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

/** The "exactly one form" rules, written as `not` (no form) and `dependentSchemas` (two). */
const DESTINATION_RULES = /^#\/\$defs\/(choice|timeout)\/(not|dependentSchemas)$/;
const CONDITION_RULES = /^#\/\$defs\/(condition|varCondition|effect)\/(not|dependentSchemas)$/;

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
    case 'not':
    case 'dependentSchemas':
      if (DESTINATION_RULES.test(e.schemaPath)) return 'DF206';
      if (CONDITION_RULES.test(e.schemaPath)) return 'DF207';
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

/** A schema error as a diagnostic with a code by keyword and the pointer of the offending field. */
export function schemaDiagnostic(e: SchemaError): Diagnostic {
  return diagnostic(codeOf(e), pathOf(e), e.message);
}
