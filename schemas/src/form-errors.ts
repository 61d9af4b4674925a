/**
 * The scenario schema's "exactly one form" rules (a choice's destination, a
 * condition's form, a "var" condition's operator, an effect's kind) as
 * authors should read them: one error per object that breaks one.
 */
import type { GeneratedValidationError } from './generated/validate-scenario';
import { resolve, within, type CompoundRules, type JsonObject } from './errors';

/**
 * The "exactly one form" rules, by the `$defs` entry that holds them: what
 * the rule says, and a clearer opening when the value has no form at all.
 * The schema writes each as `not` (fails when no form is there) and
 * `dependentSchemas` (fails for each second form); see {@link merge}.
 */
const FORM_MESSAGES: Record<string, { rule: string; none?: string }> = {
  '#/$defs/choice': {
    rule: 'a choice needs exactly one of to, branches, chance, instructor',
  },
  '#/$defs/timeout': {
    rule: '"onTimeout" needs exactly one of to, branches, chance, instructor',
  },
  '#/$defs/condition': {
    rule: 'a condition has exactly one of var, all, any, not, visited, chose',
    none: 'unknown condition form; expected one of var, all, any, not, visited, chose',
  },
  '#/$defs/varCondition': {
    rule: 'a "var" condition takes exactly one operator of eq, ne, lt, lte, gt, gte, in',
    none: 'a "var" condition needs one operator: eq, ne, lt, lte, gt, gte or in',
  },
  '#/$defs/effect': {
    rule: 'an effect is either { "set": NAME, "to": VALUE } or { "add": NAME, "by": NUMBER }',
  },
};

/**
 * A condition or an effect whose form cannot be told apart: every other error
 * inside it would only be guesswork, so the form error stands alone.
 */
const OPAQUE_FORMS = new Set(['#/$defs/condition', '#/$defs/effect']);

/** A second form's error: `#/$defs/<rule>/dependentSchemas/<form>/properties/<other>/false schema`. */
const SECOND_FORM =
  /^(#\/\$defs\/[^/]+)\/dependentSchemas\/([^/]+)\/properties\/([^/]+)\/false schema$/;

/** The form rule (`$defs` entry) an error reports, if it is one. */
function formRule(error: GeneratedValidationError): string | undefined {
  if (error.keyword !== 'not' && error.keyword !== 'dependentSchemas') return undefined;
  const rule = error.schemaPath.slice(0, error.schemaPath.lastIndexOf('/'));
  return rule in FORM_MESSAGES ? rule : undefined;
}

/**
 * An object with two forms (a choice with both "to" and "chance") fails the
 * rule's `dependentSchemas` once per pair, at each other form's field. Those
 * become one error at the object, listing its forms in the schema's order,
 * placed before the errors found inside the object.
 */
function merge(
  raw: readonly GeneratedValidationError[],
  schema: JsonObject,
): GeneratedValidationError[] {
  const out: GeneratedValidationError[] = [];
  const merged = new Map<string, { error: GeneratedValidationError; forms: Set<string> }>();
  for (const error of raw) {
    const match = error.keyword === 'false schema' ? SECOND_FORM.exec(error.schemaPath) : null;
    const rule = match?.[1];
    if (!match || !rule || !(rule in FORM_MESSAGES)) {
      out.push(error);
      continue;
    }
    const instancePath = error.instancePath.slice(0, error.instancePath.lastIndexOf('/'));
    const key = `${instancePath}\u0000${rule}`;
    let entry = merged.get(key);
    if (!entry) {
      const schemaPath = `${rule}/dependentSchemas`;
      entry = {
        error: { instancePath, schemaPath, keyword: 'dependentSchemas', params: {} },
        forms: new Set(),
      };
      merged.set(key, entry);
      // Before the errors inside the object, which ajv reported first, as it does for oneOf.
      let at = out.length;
      while (at > 0 && within(out[at - 1]!.instancePath, instancePath)) at--;
      out.splice(at, 0, entry.error);
    }
    entry.forms.add(match[2]!).add(match[3]!);
  }
  for (const { error, forms } of merged.values()) {
    const order = Object.keys((resolve(schema, error.schemaPath) as JsonObject | undefined) ?? {});
    error.params = { forms: order.filter((form) => forms.has(form)) };
  }
  return out;
}

/** The message of a form rule's error, naming the forms found when there are several. */
function formMessage(error: GeneratedValidationError): string | undefined {
  const rule = formRule(error);
  const messages = rule ? FORM_MESSAGES[rule] : undefined;
  if (!messages) return undefined;
  const forms = error.params.forms;
  if (!Array.isArray(forms)) return messages.none ?? messages.rule;
  const names = forms.map((form) => `"${String(form)}"`);
  const both =
    names.length === 2
      ? `both ${names.join(' and ')}`
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  return `${messages.rule}; it has ${both}`;
}

/** The scenario's form rules, for `toSchemaErrors`. */
export const scenarioForms: CompoundRules = {
  merge,
  opaque: (error) => OPAQUE_FORMS.has(formRule(error) ?? ''),
  message: formMessage,
};
