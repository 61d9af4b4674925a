import { useCallback, useEffect, useState } from 'react';
import type { DecisionLog } from '@defuse/schemas';
import { releaseDrill } from '../drill/active';
import { hasDebrief } from '../debrief-slot';
import { onOutboxChange } from '../hub/outbox';
import type { SyncRecord } from '../storage/db';
import { deleteLog, listLogs, loadLog, type LogSummary } from '../storage/logs';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatDateAndTime, formatDateTime, resultLabel } from '../ui/format';
import { listSync } from '../storage/sync';
import { downloadLog, downloadLogs } from './export';
import { SyncStatus } from './SyncStatus';

/**
 * This device's decision logs: export one or all, delete with confirmation.
 * Class drills' logs also say whether they have reached the hub.
 */
export function LogsScreen() {
  const [logs, setLogs] = useState<LogSummary[]>();
  const [sync, setSync] = useState<Map<string, SyncRecord>>(new Map());
  const [deleting, setDeleting] = useState<LogSummary>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();

  const refresh = useCallback(async () => {
    const [all, records] = await Promise.all([listLogs(), listSync()]);
    setLogs(all);
    setSync(new Map(records.map((r) => [r.sessionId, r])));
  }, []);

  useEffect(() => {
    void refresh().catch((e: unknown) => setError(String(e)));
    return onOutboxChange(() => void refresh().catch(() => undefined));
  }, [refresh]);

  async function exportOne(summary: LogSummary) {
    const log = await loadLog(summary.sessionId);
    if (!log) return setError('That log is no longer on this device.');
    downloadLog(log);
    setStatus(`Exported the log of trainee ${summary.traineeId}.`);
  }

  async function exportAll() {
    if (!logs) return;
    const all = (await Promise.all(logs.map((l) => loadLog(l.sessionId)))).filter(
      (l): l is DecisionLog => l !== undefined,
    );
    setStatus(`Exporting ${all.length} ${all.length === 1 ? 'log' : 'logs'}…`);
    await downloadLogs(all);
    setStatus(`Exported ${all.length} ${all.length === 1 ? 'log' : 'logs'}, one file each.`);
  }

  async function confirmDelete(summary: LogSummary) {
    setDeleting(undefined);
    releaseDrill(summary.sessionId);
    await deleteLog(summary.sessionId);
    setStatus(`Deleted the log of trainee ${summary.traineeId}.`);
    await refresh();
  }

  return (
    <div className="logs">
      <div className="page-heading with-actions">
        <div>
          <h1>Logs</h1>
          <p className="lede">
            Decision logs recorded on this tablet. Export them for the debrief.
          </p>
        </div>
        <button
          type="button"
          className="button secondary"
          disabled={!logs || logs.length === 0}
          onClick={() => void exportAll()}
        >
          Export all
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      {error && (
        <div className="notice error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {!logs && <p className="hint">Loading logs…</p>}
      {logs && logs.length === 0 && (
        <div className="panel empty">
          <p>No drills have been recorded on this tablet yet.</p>
          <a className="button primary" href="#/">
            Go to the drills
          </a>
        </div>
      )}
      {logs && logs.length > 0 && (
        <div className="table-wrap">
          <table className="log-table">
            <caption className="visually-hidden">
              Decision logs on this device, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Trainee and date</th>
                <th scope="col">Scenario</th>
                <th scope="col">Outcome</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {logs.map((log) => (
                <tr key={log.sessionId} data-session-id={log.sessionId}>
                  <th scope="row">
                    <span className="block">{log.traineeId}</span>
                    <span className="hint block when">
                      {formatDateAndTime(log.startedAt).date} ·{' '}
                      {formatDateAndTime(log.startedAt).time}
                    </span>
                  </th>
                  <td>
                    {log.scenarioTitle}
                    <span className="hint block">
                      v{log.scenarioVersion} · {log.mode === 'training' ? 'Training' : 'Assessment'}
                    </span>
                  </td>
                  <td>
                    <span className="block">
                      {log.outcome ? (
                        resultLabel(log.outcome.result)
                      ) : (
                        <>
                          <span aria-hidden="true">—</span>
                          <span className="visually-hidden">No outcome yet</span>
                        </>
                      )}
                    </span>
                    <span className={`status ${log.status}`}>
                      {log.status === 'complete' ? 'Complete' : 'Interrupted'}
                    </span>
                    {sync.has(log.sessionId) && (
                      <SyncStatus record={sync.get(log.sessionId)!} lastSeq={log.events} />
                    )}
                  </td>
                  <td className="row-actions">
                    <div className="row-actions-inner">
                      {hasDebrief && log.status === 'complete' && (
                        <a
                          className="button secondary compact"
                          href={`#/debrief/${encodeURIComponent(log.sessionId)}`}
                          aria-label={`Debrief ${log.traineeId}, ${log.scenarioTitle}, ${formatDateTime(log.startedAt)}`}
                        >
                          Debrief
                        </a>
                      )}
                      <button
                        type="button"
                        className="button secondary compact"
                        aria-label={`Export the log of ${log.traineeId}, ${log.scenarioTitle}, ${formatDateTime(log.startedAt)}`}
                        onClick={() => void exportOne(log)}
                      >
                        Export
                      </button>
                      <button
                        type="button"
                        className="button danger-outline compact"
                        aria-label={`Delete the log of ${log.traineeId}, ${log.scenarioTitle}, ${formatDateTime(log.startedAt)}`}
                        onClick={() => setDeleting(log)}
                      >
                        Delete
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this log?"
          confirmLabel="Delete log"
          danger
          onCancel={() => setDeleting(undefined)}
          onConfirm={() => void confirmDelete(deleting)}
        >
          <p>
            The decision log of trainee <strong>{deleting.traineeId}</strong> for “
            {deleting.scenarioTitle}” ({formatDateTime(deleting.startedAt)}) will be removed from
            this tablet. Export it first if it is needed for a debrief. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
