import decisionLogSchemaJson from '../decision-log.schema.json';
import validateDecisionLog from './generated/validate-decision-log';
import { toSchemaErrors, type SchemaError } from './errors';
import type { JsonSchemaDocument } from './schema-document';

/** JSON Schema of a decision log (`defuse/decision-log@1`). */
export const decisionLogSchema: JsonSchemaDocument = decisionLogSchemaJson;

/**
 * Checks a parsed decision log against the decision-log schema.
 * Returns an empty list when it conforms. The hash chain and replay are
 * checked by the engine.
 */
export function validateDecisionLogSchema(doc: unknown): SchemaError[] {
  if (validateDecisionLog(doc)) return [];
  return toSchemaErrors(validateDecisionLog.errors, decisionLogSchema);
}
