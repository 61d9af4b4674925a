import type { HubLogSummary } from '../hub/api';
import { resultLabel, shortWhen, when } from './format';

interface Props {
  logs: HubLogSummary[];
  onOpen: (sessionId: string) => void;
}

/**
 * The hub's logs as the hub summarises them. The integrity badge is not
 * here: it needs the whole log, and is shown when a log is opened.
 */
export function HubLogTable({ logs, onOpen }: Props) {
  return (
    <div className="table-wrap">
      <table className="log-table debrief-log-table hub-log-table">
        <caption className="visually-hidden">Logs on the hub, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Trainee</th>
            <th scope="col">Scenario and class</th>
            <th scope="col">Started</th>
            <th scope="col">Result</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {logs.map((s) => {
            const label = `${s.traineeId}, ${s.scenarioTitle}, ${when(s.startedAt)}`;
            return (
              <tr key={s.sessionId} data-session-id={s.sessionId}>
                <th scope="row">{s.traineeId}</th>
                <td>
                  {s.scenarioTitle}
                  <span className="hint block">
                    v{s.scenarioVersion} · {s.className}
                  </span>
                </td>
                <td>
                  <span className="when">{shortWhen(s.startedAt)}</span>
                </td>
                <td>
                  {s.complete ? 'Complete' : 'Unfinished'}
                  {s.complete && <span className="hint block">{resultLabel(s.outcome)}</span>}
                </td>
                <td className="row-actions">
                  <button
                    type="button"
                    className="button primary compact"
                    aria-label={`Debrief ${label}`}
                    onClick={() => onOpen(s.sessionId)}
                  >
                    Debrief
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
