/**
 * Runs background jobs in a worker when the browser has them, inline (on a
 * timer) otherwise, so the editor behaves the same in tests.
 */
import type { Analysis } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import type { Point } from '../model/commands';
import type { Job } from './jobs';

export interface Background {
  analyze(scenario: Scenario): Promise<Analysis>;
  /** Auto layout (dagre while it is quick enough). */
  layout(doc: Scenario): Promise<Record<string, Point>>;
  /** Positions for a document opened without them. */
  openingLayout(doc: Scenario): Promise<Record<string, Point>>;
  dispose(): void;
}

type Pending = { resolve: (value: never) => void; reject: (error: Error) => void };

/** A background runner: a module worker if possible. */
export function createBackground(options: { worker?: boolean } = {}): Background {
  let worker: Worker | undefined;
  if (options.worker !== false && typeof Worker !== 'undefined') {
    try {
      worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    } catch {
      worker = undefined;
    }
  }
  const pending = new Map<number, Pending>();
  let nextId = 1;
  if (worker) {
    worker.onmessage = (event: MessageEvent<{ id: number; result?: unknown; error?: string }>) => {
      const job = pending.get(event.data.id);
      pending.delete(event.data.id);
      if (!job) return;
      if (event.data.error !== undefined) job.reject(new Error(event.data.error));
      else job.resolve(event.data.result as never);
    };
  }

  function run<T>(job: Job): Promise<T> {
    if (!worker) {
      // Without workers (tests, old browsers) the jobs run here, after the current event.
      return import('./jobs').then(
        ({ runJob }) =>
          new Promise<T>((resolve, reject) => {
            setTimeout(() => {
              try {
                resolve(runJob(job) as T);
              } catch (error) {
                reject(error instanceof Error ? error : new Error(String(error)));
              }
            }, 0);
          }),
      );
    }
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: never) => void, reject });
      worker!.postMessage({ id, job });
    });
  }

  return {
    analyze: (scenario) => run<Analysis>({ kind: 'analyze', scenario }),
    layout: (doc) => run<Record<string, Point>>({ kind: 'layout', doc }),
    openingLayout: (doc) => run<Record<string, Point>>({ kind: 'opening-layout', doc }),
    dispose() {
      worker?.terminate();
      for (const job of pending.values()) job.reject(new Error('The editor closed.'));
      pending.clear();
    },
  };
}
