import { useCallback } from 'react';
import { formatDateTime } from '../../ui/format';
import { ErrorNotice } from './ErrorNotice';
import { hubPageHash } from './hub-pages';
import { modeLabel, openFirst, tabletCount } from './class-words';
import { listClasses } from './instructor-api';
import { useHubData } from './use-hub-data';

/** The hub's class sessions, open ones first, with a way to start a new one. */
export function ClassesPage() {
  const load = useCallback((signal: AbortSignal) => listClasses(signal), []);
  const { data: classes, error, reload } = useHubData(load);

  return (
    <div className="hub-classes">
      <div className="page-heading with-actions">
        <div>
          <h1>Classes</h1>
          <p className="lede">Open a class, show its code, and trainees join from their tablets.</p>
        </div>
        <a className="button primary" href={hubPageHash({ page: 'new-class' })}>
          New class
        </a>
      </div>
      {error !== undefined && (
        <ErrorNotice title="The classes could not be loaded." error={error} onRetry={reload} />
      )}
      {!classes && error === undefined && <p className="hint">Loading classes…</p>}
      {classes && classes.length === 0 && (
        <div className="panel empty">
          <p>No classes yet. Start one with New class.</p>
        </div>
      )}
      {classes && classes.length > 0 && (
        <div className="table-wrap">
          <table className="log-table hub-table">
            <caption className="visually-hidden">Class sessions, open ones first</caption>
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col">Mode</th>
                <th scope="col">Scenarios</th>
                <th scope="col">Tablets</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {openFirst(classes).map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <a
                      className="hub-row-link"
                      href={hubPageHash({ page: 'class', classId: c.id })}
                    >
                      {c.name}
                    </a>
                    <span className={c.open ? 'status complete' : 'status hub-closed'}>
                      {c.open ? 'Open' : 'Closed'}
                    </span>
                  </th>
                  <td>{modeLabel(c.mode)}</td>
                  <td>
                    <ul className="hub-plain-list">
                      {c.scenarios.map((s) => (
                        <li key={s.digest}>
                          {s.title} <span className="hint">v{s.version}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td className="hub-nowrap">{tabletCount(c.deviceCount)}</td>
                  <td className="when">{formatDateTime(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
