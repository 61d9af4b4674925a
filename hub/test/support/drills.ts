/**
 * Genuine decision logs, made by the engine's own drill loop the way a
 * tablet makes them: each decision goes through `startDrill` and is
 * hash-chained by the engine, never written by hand.
 */
import { availableChoices, startDrill, type PublicKeyJwk } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';

export interface DrillOptions {
  /** The trainee's pseudonymous id, as the tablet joined. */
  trainee: string;
  seed?: number;
  /** Which offered choice to take at each beat (index into the offered ones, wrapped). */
  pick?: (beat: number, offered: number) => number;
  /** When the drill started (the header's `startedAt`). */
  startedAt?: string;
  /** Stop after this many decisions (an unfinished drill). */
  maxDecisions?: number;
  /** The tablet's public signing key, put in the header (signing is the caller's). */
  deviceKey?: PublicKeyJwk;
}

/**
 * Plays `scenario` with a manual clock (four seconds a decision) and
 * answers its log. The instructor is `solo`, so the engine draws any
 * instructor branch itself; a beat with nothing to choose times out.
 */
export async function drillLog(scenario: Scenario, options: DrillOptions): Promise<DecisionLog> {
  let now = 0;
  const drill = await startDrill(scenario, {
    seed: options.seed ?? 7,
    clock: () => now,
    trainee: { id: options.trainee },
    instructor: 'solo',
    startedAt: options.startedAt ?? '2026-11-22T14:03:00.000Z',
    ...(options.deviceKey && { deviceKey: options.deviceKey }),
  });
  const pick = options.pick ?? (() => 0);
  const limit = options.maxDecisions ?? 200;
  for (let n = 0; n < limit && !drill.snapshot().done; n++) {
    now += 4000;
    const offered = availableChoices(scenario, drill.state());
    if (offered.length) await drill.choose(offered[pick(n, offered.length) % offered.length]!.id);
    else await drill.expire();
  }
  return drill.log();
}
