import { useCallback, useState } from 'react';
import { isSessionEnded } from './hub-errors';
import { useHubSession } from './session-context';

/** What {@link useHubAction} gives a form or a button. */
export interface HubAction {
  /** Runs a write; resolves with its answer, or undefined when it failed. */
  run: <T>(work: () => Promise<T>) => Promise<T | undefined>;
  /** True while a write is in flight (buttons are disabled so it is not sent twice). */
  busy: boolean;
  /** The last failure, cleared when the next write starts. */
  error: unknown;
}

/**
 * One write to the hub at a time, with its failure kept for an error notice.
 * A 401 ends the session instead, since only signing in again helps.
 */
export function useHubAction(): HubAction {
  const { sessionEnded } = useHubSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const run = useCallback(
    async <T>(work: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      setError(undefined);
      try {
        return await work();
      } catch (e) {
        if (isSessionEnded(e)) sessionEnded();
        else setError(e);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [sessionEnded],
  );
  return { run, busy, error };
}
