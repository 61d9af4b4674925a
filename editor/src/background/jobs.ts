/**
 * The slow work the editor does off the main thread: the engine's graph
 * analysis of a valid scenario, and automatic layout. Plain functions of
 * plain JSON, so they run the same in a worker and inline.
 */
import { analyzeScenario, type Analysis } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import type { Point } from '../model/commands';
import { layoutScenario, openingLayout } from '../canvas/layout';

export type Job =
  | { kind: 'analyze'; scenario: Scenario }
  | { kind: 'layout'; doc: Scenario }
  | { kind: 'opening-layout'; doc: Scenario };
export type JobResult<J extends Job> = J extends { kind: 'analyze' }
  ? Analysis
  : Record<string, Point>;

/** Runs one job. */
export function runJob(job: Job): Analysis | Record<string, Point> {
  switch (job.kind) {
    case 'analyze':
      return analyzeScenario(job.scenario);
    case 'layout':
      return layoutScenario(job.doc);
    case 'opening-layout':
      return openingLayout(job.doc);
  }
}
