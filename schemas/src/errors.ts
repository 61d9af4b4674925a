/**
 * Turns the raw errors of the generated validators into a short list of
 * plain-English errors a scenario author can act on.
 */
import type { GeneratedValidationError } from './generated/validate-scenario';

/** One schema violation. An empty list means the document is valid. */
export interface SchemaError {
  /** JSON pointer to the offending value ('' is the whole document). */
  instancePath: string;
  /** Where in the schema the rule lives, e.g. `#/$defs/choice/not`. */
  schemaPath: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `dependentSchemas`...). */
  keyword: string;
  /** Plain-English explanation naming the field. */
  message: string;
  /** The keyword's details, as ajv reports them. */
  params: Record<string, unknown>;
}

export type JsonObject = { [key: string]: unknown };

/**
 * Rules a schema states with several keywords that read better as one error
 * (the scenario's "exactly one form" rules, in `form-errors.ts`). Passed in
 * by the validator that needs them, so an app that checks only decision logs
 * does not bundle them.
 */
export interface CompoundRules {
  /** Rewrites the raw errors before anything else reads them. */
  merge(raw: readonly GeneratedValidationError[], schema: JsonObject): GeneratedValidationError[];
  /** True for an error that makes every other error inside its object guesswork. */
  opaque(error: GeneratedValidationError): boolean;
  /** The message of an error of one of these rules; undefined for any other error. */
  message(error: GeneratedValidationError): string | undefined;
}

const ID_MESSAGE =
  'must be a lowercase id: a letter, then letters, digits or hyphens (at most 64 characters)';

/** What each named pattern asks for, by the `$defs` entry that holds it. */
const PATTERN_MESSAGES: Record<string, string> = {
  id: ID_MESSAGE,
  version: 'must be a semantic version such as 1.0.0',
  hash: 'must be "sha256:" followed by 64 lowercase hexadecimal digits',
  uuid: 'must be a UUID such as 0b6c2a4e-1f3d-4c5b-9a8e-7d6f5e4c3b2a',
  dateTime: 'must be a date and time such as 2026-11-22T14:03:00.000Z',
};

/** Reduces and rewords raw validator errors. */
export function toSchemaErrors(
  raw: readonly GeneratedValidationError[] | null | undefined,
  schema: JsonObject,
  rules?: CompoundRules,
): SchemaError[] {
  if (!raw || raw.length === 0) return [];
  const out: SchemaError[] = [];
  const seen = new Set<string>();
  const merged = rules ? rules.merge(raw, schema) : raw;
  for (const error of withoutNoise(merged, rules)) {
    const shaped = shape(error, schema, rules);
    const key = `${shaped.instancePath}\u0000${shaped.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(shaped);
  }
  return out;
}

/** True when the pointer `path` is `parent` or lies inside it. */
export function within(path: string, parent: string): boolean {
  return path === parent || path.startsWith(parent + '/');
}

/** Keeps the errors that tell the author something the others do not. */
function withoutNoise(
  raw: readonly GeneratedValidationError[],
  rules: CompoundRules | undefined,
): GeneratedValidationError[] {
  const dropped = new Set<GeneratedValidationError>();
  for (const error of raw) {
    if (error.keyword === 'if' || error.propertyName !== undefined) dropped.add(error);
    if (error.keyword !== 'anyOf') continue;
    // The branches' own failures ("must be equal to one of the allowed values") are noise.
    for (const other of raw) {
      if (other.schemaPath.startsWith(error.schemaPath + '/')) dropped.add(other);
    }
  }
  // A value of the wrong type (a string where a condition goes) fails every
  // other rule at its place too; the type is the one thing to say.
  const mistyped = new Set(
    raw.filter((e) => e.keyword === 'type' && !dropped.has(e)).map((e) => e.instancePath),
  );
  for (const error of raw) {
    if (error.keyword !== 'type' && mistyped.has(error.instancePath)) dropped.add(error);
  }
  for (const error of raw) {
    if (dropped.has(error) || !rules?.opaque(error)) continue;
    for (const other of raw) {
      if (other !== error && within(other.instancePath, error.instancePath)) dropped.add(other);
    }
  }
  return raw.filter((error) => !dropped.has(error));
}

function shape(
  error: GeneratedValidationError,
  schema: JsonObject,
  rules: CompoundRules | undefined,
): SchemaError {
  const params = error.params;
  let instancePath = error.instancePath;
  const segments = splitPointer(instancePath);
  const label = describe(segments);
  let message: string;
  switch (error.keyword) {
    case 'required':
      message = `missing required field "${String(params.missingProperty)}"`;
      break;
    case 'additionalProperties':
      message = unknownField(String(params.additionalProperty), error.schemaPath, schema);
      break;
    case 'false schema':
      message = forbiddenField(segments, error.schemaPath);
      break;
    case 'type':
      message = `${label} must be ${typeName(String(params.type))}`;
      break;
    case 'enum':
      message = `${label} must be one of ${listOf(params.allowedValues)}`;
      break;
    case 'const':
      message = `${label} must be ${JSON.stringify(params.allowedValue)}`;
      break;
    case 'pattern':
      message = `${label} ${patternMessage(error.schemaPath, String(params.pattern))}`;
      break;
    case 'propertyNames': {
      const name = String(params.propertyName);
      instancePath = `${instancePath}/${escapePointer(name)}`;
      message = `${keyKind(segments)} "${name}" ${ID_MESSAGE}`;
      break;
    }
    case 'minimum':
      message = `${label} must be at least ${String(params.limit)}`;
      break;
    case 'exclusiveMinimum':
      message = `${label} must be greater than ${String(params.limit)}`;
      break;
    case 'maximum':
      message = `${label} must be at most ${String(params.limit)}`;
      break;
    case 'maxLength':
      message = `${label} is too long: at most ${String(params.limit)} characters`;
      break;
    case 'minItems':
    case 'minProperties':
      message =
        params.limit === 1
          ? `${label} must not be empty`
          : `${label} must have at least ${String(params.limit)} entries`;
      break;
    case 'uniqueItems':
      message = `${label} must not repeat a value (entries ${String(params.j)} and ${String(params.i)} are the same)`;
      break;
    case 'dependentRequired':
      message =
        params.property === 'timeLimitSec'
          ? '"timeLimitSec" needs "onTimeout" to say where the drill goes when time runs out'
          : `"${String(params.property)}" needs "${String(params.missingProperty)}"`;
      break;
    case 'not':
    case 'dependentSchemas':
      message = rules?.message(error) ?? `${label} ${error.message ?? 'is invalid'}`;
      break;
    case 'anyOf':
      message = vocabularyMessage(label, error.schemaPath, schema);
      break;
    default:
      message = `${label} ${error.message ?? 'is invalid'}`;
  }
  return { instancePath, schemaPath: error.schemaPath, keyword: error.keyword, message, params };
}

/** anyOf is used for vocabularies: standard values or a custom `x-` value. */
function vocabularyMessage(label: string, schemaPath: string, schema: JsonObject): string {
  const branches = resolve(schema, schemaPath);
  const values = Array.isArray(branches)
    ? branches.flatMap((b) => ((b as JsonObject).enum as unknown[] | undefined) ?? [])
    : [];
  return `${label} must be one of ${listOf(values)}, or a custom value starting with "x-"`;
}

function unknownField(field: string, schemaPath: string, schema: JsonObject): string {
  const owner = resolve(schema, schemaPath.replace(/\/additionalProperties$/, ''));
  const known = Object.keys(((owner as JsonObject | undefined)?.properties as JsonObject) ?? {});
  const close = known
    .map((name) => ({ name, d: distance(field.toLowerCase(), name.toLowerCase()) }))
    .filter(({ d, name }) => d <= Math.max(1, Math.floor(name.length / 3)))
    .sort((a, b) => a.d - b.d)[0];
  if (close) return `unknown field "${field}" (did you mean "${close.name}"?)`;
  const extensible = (owner as JsonObject | undefined)?.patternProperties !== undefined;
  return extensible
    ? `unknown field "${field}" (custom fields must start with "x-")`
    : `unknown field "${field}"`;
}

function forbiddenField(segments: string[], schemaPath: string): string {
  const field = segments[segments.length - 1] ?? '';
  if (schemaPath.startsWith('#/$defs/outcomeBeat/')) {
    return `an outcome beat has no "${field}"; it ends the drill`;
  }
  if (schemaPath.startsWith('#/$defs/sceneBeat/') && field === 'outcome') {
    return '"outcome" belongs on an outcome beat; add "kind": "outcome"';
  }
  return `"${field}" is not allowed here`;
}

function patternMessage(schemaPath: string, pattern: string): string {
  const def = /^#\/\$defs\/([^/]+)\/pattern$/.exec(schemaPath)?.[1];
  return (def && PATTERN_MESSAGES[def]) || `must match the pattern ${pattern}`;
}

/** What the keys of the object at `segments` name, for propertyNames errors. */
function keyKind(segments: string[]): string {
  const last = segments[segments.length - 1];
  if (last === 'beats') return 'beat id';
  if (last === 'variables' || last === 'vars') return 'variable name';
  return 'field name';
}

/** A human name for the value at a JSON pointer. */
function describe(segments: string[]): string {
  const last = segments[segments.length - 1];
  const parent = segments[segments.length - 2];
  if (last === undefined) return 'the document';
  if (/^\d+$/.test(last) && parent !== undefined) return `"${parent}[${last}]"`;
  if (segments.length === 2 && parent === 'beats') return `beat "${last}"`;
  if (segments.length === 2 && parent === 'variables') return `variable "${last}"`;
  if (parent === 'vars') return `variable "${last}"`;
  return `"${last}"`;
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    object: 'an object',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    null: 'null',
  };
  const types = type.split(',');
  // "a number, a string, true or false" reads better than any other order.
  const parts = types.filter((t) => t !== 'boolean').map((t) => names[t] ?? t);
  if (types.includes('boolean')) parts.push('true', 'false');
  if (parts.length === 1) return parts[0] ?? type;
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1] ?? ''}`;
}

function listOf(values: unknown): string {
  return Array.isArray(values) ? values.map((v) => String(v)).join(', ') : String(values);
}

function splitPointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Follows a `#/...` schema path inside the schema document. */
export function resolve(schema: JsonObject, schemaPath: string): unknown {
  let node: unknown = schema;
  for (const segment of splitPointer(schemaPath.replace(/^#/, ''))) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as JsonObject)[segment];
  }
  return node;
}

/**
 * Edit distance counting a swap of two neighbouring letters as one edit
 * (optimal string alignment), for "did you mean" hints: "lable" is one edit
 * from "label".
 */
function distance(a: string, b: string): number {
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = d[i - 1] ?? [];
      let best = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(best);
    }
    d.push(row);
  }
  return d[a.length]?.[b.length] ?? 0;
}
