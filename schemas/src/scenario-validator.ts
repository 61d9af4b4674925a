import scenarioSchemaJson from '../scenario.schema.json';
import validateScenario from './generated/validate-scenario';
import { toSchemaErrors, type SchemaError } from './errors';
import { scenarioForms } from './form-errors';
import type { JsonSchemaDocument } from './schema-document';

/** JSON Schema of a scenario document (`defuse/scenario@1`). */
export const scenarioSchema: JsonSchemaDocument = scenarioSchemaJson;

/**
 * Checks a parsed scenario document against the scenario schema.
 * Returns an empty list when it conforms. Rules a schema cannot express
 * (targets exist, reachability, variable types) are the engine's.
 */
export function validateScenarioSchema(doc: unknown): SchemaError[] {
  if (validateScenario(doc)) return [];
  return toSchemaErrors(validateScenario.errors, scenarioSchema, scenarioForms);
}
