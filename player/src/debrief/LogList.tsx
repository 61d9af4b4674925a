import { useMemo } from 'react';
import type { DebriefLog } from './library';
import { IntegrityBadge } from './IntegrityBadge';
import { resultLabel, shortWhen, when } from './format';

interface Props {
  logs: DebriefLog[];
  selected: ReadonlySet<string>;
  onSelect: (keys: string[], on: boolean) => void;
  onOpen: (key: string) => void;
  onClose: (key: string) => void;
  onClassView: () => void;
  onExportXapi: () => void;
}

/** Title of the scenario a log was recorded with, as far as this device knows it. */
export function scenarioTitle(entry: DebriefLog): string {
  return (
    entry.integrity.scenario?.title ??
    entry.integrity.otherVersions?.[0]?.title ??
    entry.log.scenario.id
  );
}

function endOutcome(entry: DebriefLog) {
  return entry.log.events.find((e) => e.type === 'end')?.outcome;
}

/**
 * Every log the debrief can open, newest first, each with its integrity
 * badge. Tick several logs of one scenario for the class view or an xAPI export.
 */
export function LogList({
  logs,
  selected,
  onSelect,
  onOpen,
  onClose,
  onClassView,
  onExportXapi,
}: Props) {
  const sorted = useMemo(
    () => [...logs].sort((a, b) => b.log.startedAt.localeCompare(a.log.startedAt)),
    [logs],
  );
  const chosen = sorted.filter((l) => selected.has(l.key));
  const scenarios = new Set(chosen.map((l) => l.log.scenario.id));
  const oneScenario = chosen.length > 0 && scenarios.size === 1;
  const allSelected = sorted.length > 0 && chosen.length === sorted.length;

  if (sorted.length === 0) {
    return (
      <div className="panel empty">
        <p>
          No logs yet. Run a drill on this tablet, or open log files exported from other tablets.
        </p>
      </div>
    );
  }

  return (
    <section aria-labelledby="debrief-logs-heading">
      <div className="debrief-list-bar">
        <h2 id="debrief-logs-heading">Logs</h2>
        <div className="debrief-list-actions">
          <span className="hint" aria-live="polite">
            {chosen.length === 0
              ? 'Tick logs of one scenario for the class view.'
              : oneScenario
                ? `${chosen.length} selected`
                : `${chosen.length} selected, from ${scenarios.size} scenarios: pick one scenario`}
          </span>
          <button
            type="button"
            className="button secondary compact"
            disabled={!oneScenario}
            onClick={onExportXapi}
          >
            Export xAPI
          </button>
          <button
            type="button"
            className="button primary compact"
            disabled={!oneScenario}
            onClick={onClassView}
          >
            Class view
          </button>
        </div>
      </div>
      <div className="table-wrap">
        <table className="log-table debrief-log-table">
          <caption className="visually-hidden">Logs to debrief, newest first</caption>
          <thead>
            <tr>
              <th scope="col" className="select-col">
                <input
                  type="checkbox"
                  aria-label="Select all logs"
                  checked={allSelected}
                  onChange={(e) =>
                    onSelect(
                      sorted.map((l) => l.key),
                      e.currentTarget.checked,
                    )
                  }
                />
              </th>
              <th scope="col">Trainee</th>
              <th scope="col">Scenario and date</th>
              <th scope="col">Outcome</th>
              <th scope="col">Integrity</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((entry) => {
              const label = `${entry.log.trainee.id}, ${scenarioTitle(entry)}, ${when(entry.log.startedAt)}`;
              return (
                <tr key={entry.key} data-log-key={entry.key} data-session-id={entry.log.sessionId}>
                  <td className="select-col">
                    <input
                      type="checkbox"
                      aria-label={`Select the log of ${label}`}
                      checked={selected.has(entry.key)}
                      onChange={(e) => onSelect([entry.key], e.currentTarget.checked)}
                    />
                  </td>
                  <th scope="row">
                    {entry.log.trainee.name ?? entry.log.trainee.id}
                    {entry.log.trainee.name && (
                      <span className="hint block">{entry.log.trainee.id}</span>
                    )}
                  </th>
                  <td>
                    {scenarioTitle(entry)}
                    <span className="hint block">
                      v{entry.log.scenario.version} ·{' '}
                      {entry.source === 'device' ? 'this tablet' : entry.fileName}
                    </span>
                    <span className="when">{shortWhen(entry.log.startedAt)}</span>
                  </td>
                  <td>{resultLabel(endOutcome(entry))}</td>
                  <td>
                    <IntegrityBadge integrity={entry.integrity} />
                    {entry.conflict && (
                      <span className="badge conflict block" data-conflict="true">
                        Conflict: another log has this session id
                      </span>
                    )}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button primary compact"
                      aria-label={`Debrief ${label}`}
                      onClick={() => onOpen(entry.key)}
                    >
                      Debrief
                    </button>
                    {entry.source === 'file' && (
                      <button
                        type="button"
                        className="button secondary compact"
                        aria-label={`Close the file ${entry.fileName ?? ''}`}
                        onClick={() => onClose(entry.key)}
                      >
                        Close
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
