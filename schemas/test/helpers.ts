import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DecisionLog, Scenario } from '../src/index';

const fixtures = join(import.meta.dirname, 'fixtures');

/** A fresh copy of the complete, valid scenario fixture. */
export function completeScenario(): Scenario {
  return JSON.parse(readFileSync(join(fixtures, 'complete.scenario.json'), 'utf8')) as Scenario;
}

/** A fresh copy of the complete, valid decision log fixture. */
export function completeLog(): DecisionLog {
  return JSON.parse(readFileSync(join(fixtures, 'complete.log.json'), 'utf8')) as DecisionLog;
}

/** Tests break documents on purpose, so they reach into them untyped. */
export type Loose = any;

/** A copy of `doc` changed by `change`. */
export function edited<T>(doc: T, change: (doc: Loose) => void): unknown {
  const copy = structuredClone(doc) as Loose;
  change(copy);
  return copy;
}
