import { parseScenario, scenarioDigest } from '@defuse/engine';

/** The engine's checks for an imported file, loaded when a file is chosen. */
export { parseScenario, scenarioDigest };
