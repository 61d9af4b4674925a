import { useEffect, useRef, useState } from 'react';
import type { HubClass, HubLogSummary, HubScenarioVersion } from '../hub/api';
import { HubLogFilters } from './HubLogFilters';
import { HubLogTable } from './HubLogTable';
import {
  ANY_LOG,
  fetchClasses,
  fetchLogPage,
  fetchScenarioVersions,
  type HubLogFilter,
} from './hub-logs';

/** Rows fetched at a time: a class's morning fits, and a tablet draws it at once. */
export const HUB_PAGE_SIZE = 50;

const FILTER_KEY = 'defuse-debrief-hub-filter';

/** The filter of this tab's last visit, so returning from a debrief shows the same list. */
function rememberedFilter(): HubLogFilter {
  try {
    const saved = JSON.parse(sessionStorage.getItem(FILTER_KEY) ?? 'null') as unknown;
    if (saved && typeof saved === 'object') {
      const f = saved as Partial<Record<keyof HubLogFilter, unknown>>;
      const text = (v: unknown) => (typeof v === 'string' ? v : '');
      return {
        classId: text(f.classId),
        traineeId: text(f.traineeId),
        scenarioId: text(f.scenarioId),
      };
    }
  } catch {
    // Storage blocked or unreadable: start unfiltered.
  }
  return ANY_LOG;
}

function remember(filter: HubLogFilter): void {
  try {
    sessionStorage.setItem(FILTER_KEY, JSON.stringify(filter));
  } catch {
    // Private mode: the filter is simply not kept.
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface Props {
  onOpen: (sessionId: string) => void;
}

/** The hub's logs, filtered and fetched a page at a time ("More" adds the next page). */
export function HubLogList({ onOpen }: Props) {
  const [filter, setFilter] = useState(rememberedFilter);
  const [logs, setLogs] = useState<HubLogSummary[]>([]);
  const [total, setTotal] = useState<number>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const [classes, setClasses] = useState<HubClass[]>([]);
  const [scenarios, setScenarios] = useState<HubScenarioVersion[]>([]);
  // Answers to an older filter arrive late sometimes; only the newest request may fill the list.
  const request = useRef(0);

  useEffect(() => {
    void fetchClasses().then(setClasses, (e: unknown) => setError(message(e)));
    void fetchScenarioVersions().then(setScenarios, (e: unknown) => setError(message(e)));
  }, []);

  async function load(from: HubLogFilter, offset: number) {
    const mine = ++request.current;
    setLoading(true);
    try {
      const page = await fetchLogPage(from, HUB_PAGE_SIZE, offset);
      if (mine !== request.current) return;
      setLogs((before) => (offset === 0 ? page.logs : [...before, ...page.logs]));
      setTotal(page.total);
      setError(undefined);
    } catch (e) {
      if (mine === request.current) setError(message(e));
    } finally {
      if (mine === request.current) setLoading(false);
    }
  }

  useEffect(() => {
    remember(filter);
    void load(filter, 0);
  }, [filter]);

  return (
    <div className="hub-log-list">
      <HubLogFilters filter={filter} classes={classes} scenarios={scenarios} onChange={setFilter} />
      {error && (
        <div className="notice error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <p className="hint" aria-live="polite">
        {total === undefined
          ? 'Loading the hub’s logs…'
          : total === 0
            ? 'No log on the hub matches.'
            : `Showing ${logs.length} of ${total} ${total === 1 ? 'log' : 'logs'}.`}
      </p>
      {logs.length > 0 && <HubLogTable logs={logs} onOpen={onOpen} />}
      {total !== undefined && logs.length < total && (
        <button
          type="button"
          className="button secondary hub-more"
          disabled={loading}
          onClick={() => void load(filter, logs.length)}
        >
          {loading ? 'Loading…' : `More (${total - logs.length} left)`}
        </button>
      )}
    </div>
  );
}
