/**
 * The document a new scenario starts from: every required field present,
 * no beats yet. The first beat added becomes the start.
 */
import { SCENARIO_FORMAT, type Scenario } from '@defuse/schemas';

/** A fresh, empty scenario document. */
export function emptyScenario(title = 'Untitled scenario'): Scenario {
  return {
    format: SCENARIO_FORMAT,
    id: 'untitled-scenario',
    version: '0.1.0',
    title,
    start: '',
    beats: {},
  };
}
