/// <reference lib="webworker" />
/** The editor's background worker: answers each job message with its result. */
import { runJob, type Job } from './jobs';

self.onmessage = (event: MessageEvent<{ id: number; job: Job }>) => {
  const { id, job } = event.data;
  try {
    self.postMessage({ id, result: runJob(job) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
