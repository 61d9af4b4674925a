/**
 * `@defuse/schemas`: the scenario and decision-log contract as TypeScript
 * types, JSON Schemas (2020-12) and validators compiled ahead of time. Each
 * validator lives in its own module so an app bundles only the one it uses.
 */
export * from './types';
export type { SchemaError } from './errors';
export type { JsonSchemaDocument } from './schema-document';
export { scenarioSchema, validateScenarioSchema } from './scenario-validator';
export { decisionLogSchema, validateDecisionLogSchema } from './log-validator';
