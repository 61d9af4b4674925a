import { useCallback, useEffect, useRef, useState } from 'react';
import { isSessionEnded } from './hub-errors';
import { useHubSession } from './session-context';

/** What {@link useHubData} holds. */
export interface HubData<T> {
  /** The last answer; kept while a refresh is in flight or after a refresh fails. */
  data: T | undefined;
  /** The last failure, cleared by the next success. */
  error: unknown;
  /** Loads again now. */
  reload: () => void;
  /** Replaces the data with an answer the page already has (after a write). */
  setData: (data: T) => void;
}

/**
 * Loads something from the hub when a page opens, and again every
 * `refreshMs` when given (a class's joined tablets change while the
 * instructor watches). A 401 ends the session instead of showing an error.
 * `load` must be stable (wrap it in useCallback) or it reloads every render.
 */
export function useHubData<T>(
  load: (signal: AbortSignal) => Promise<T>,
  refreshMs?: number,
): HubData<T> {
  const { sessionEnded } = useHubSession();
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [generation, setGeneration] = useState(0);
  const inFlight = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    let stopped = false;
    const fetchOnce = async () => {
      // A slow answer must not overwrite a newer one, so only one request runs at a time.
      if (inFlight.current) return;
      const controller = new AbortController();
      inFlight.current = controller;
      try {
        const answer = await load(controller.signal);
        if (stopped) return;
        setData(answer);
        setError(undefined);
      } catch (e) {
        if (stopped || controller.signal.aborted) return;
        if (isSessionEnded(e)) sessionEnded();
        else setError(e);
      } finally {
        if (inFlight.current === controller) inFlight.current = undefined;
      }
    };
    void fetchOnce();
    const timer = refreshMs ? window.setInterval(() => void fetchOnce(), refreshMs) : undefined;
    return () => {
      stopped = true;
      window.clearInterval(timer);
      inFlight.current?.abort();
      inFlight.current = undefined;
    };
  }, [load, refreshMs, sessionEnded, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, reload, setData };
}
