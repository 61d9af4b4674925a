/**
 * `@defuse/engine`: load, validate, analyse, compile to XState, run a drill,
 * log it, verify and replay it. Pure TypeScript: no DOM, no React, no storage.
 */
export type * from './types';
export type * from '@defuse/schemas';
export { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostic-codes';
export { formatDiagnostic, hasErrors, pointer, pointerTokens } from './diagnostics';
export { parseScenario, validateScenario, parseLog } from './parse';
export { MAX_DOCUMENT_BYTES, MAX_NESTING } from './strict-json';
export { analyzeScenario } from './analyze';
export { scenarioEdges, destinationTargets, type Edge } from './graph';
export { evaluateCondition, type ConditionContext } from './conditions';
export { applyEffects, initialVars, NUMBER_LIMIT } from './effects';
export { canonicalJson, scenarioDigest, eventHash } from './hash-chain';
export { compileScenario, type CompiledScenario, type MachineConfigJson } from './compile';
export {
  step,
  initialState,
  availableChoices,
  instructorOptionsOf,
  DecisionError,
  type StartFrom,
} from './step';
export {
  startDrill,
  resumeDrill,
  Drill,
  DrillBusyError,
  ResumeError,
  type StartDrillOptions,
  type ResumeDrillOptions,
  type EventSigner,
} from './drill';
export { keyId, verifyHeadSignature, toBase64Url, fromBase64Url } from './signatures';
export { verifyLog, verifiedReplay, type VerifiedReplay, type VerifyOptions } from './verify';
export { replayLog, stateAt, replayStates, MAX_DRILL_EVENTS, type Replay } from './replay';
export * from './class-stats';
export * from './log-identity';
export * from './xapi';
