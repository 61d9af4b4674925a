/**
 * `@defuse/schemas`: the scenario and decision-log contract as TypeScript
 * types, JSON Schemas (2020-12) and validators compiled ahead of time.
 */
import scenarioSchemaJson from '../scenario.schema.json';
import decisionLogSchemaJson from '../decision-log.schema.json';
import validateScenario from './generated/validate-scenario';
import validateDecisionLog from './generated/validate-decision-log';
import { toSchemaErrors, type SchemaError } from './errors';

export * from './types';
export type { SchemaError } from './errors';

/** A JSON Schema document as shipped in this package. */
export interface JsonSchemaDocument {
  readonly $schema: string;
  readonly $id: string;
  readonly [keyword: string]: unknown;
}

/** JSON Schema of a scenario document (`defuse/scenario@1`). */
export const scenarioSchema: JsonSchemaDocument = scenarioSchemaJson;

/** JSON Schema of a decision log (`defuse/decision-log@1`). */
export const decisionLogSchema: JsonSchemaDocument = decisionLogSchemaJson;

/**
 * Checks a parsed scenario document against the scenario schema.
 * Returns an empty list when it conforms. Rules a schema cannot express
 * (targets exist, reachability, variable types) are the engine's.
 */
export function validateScenarioSchema(doc: unknown): SchemaError[] {
  if (validateScenario(doc)) return [];
  return toSchemaErrors(validateScenario.errors, scenarioSchema);
}

/**
 * Checks a parsed decision log against the decision-log schema.
 * Returns an empty list when it conforms. The hash chain and replay are
 * checked by the engine.
 */
export function validateDecisionLogSchema(doc: unknown): SchemaError[] {
  if (validateDecisionLog(doc)) return [];
  return toSchemaErrors(validateDecisionLog.errors, decisionLogSchema);
}
