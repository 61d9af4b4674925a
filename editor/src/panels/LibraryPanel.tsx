/**
 * The scenarios kept in this browser: open one, start a new one, delete
 * one (after confirming). Every change is saved as it happens.
 */
import { useState } from 'react';
import { useSession, useSessionState } from '../store/session-context';

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });
}

export function LibraryPanel() {
  const session = useSession();
  const library = useSessionState((s) => s.library);
  const current = useSessionState((s) => s.key);
  const status = useSessionState((s) => s.status);
  const [confirming, setConfirming] = useState<string>();

  return (
    <div className="panel-body" data-panel="library">
      {status === 'unavailable' && (
        <p className="refusal">
          This browser does not allow local storage here, so changes are not kept. Export to save.
        </p>
      )}
      <button
        type="button"
        className="button primary block"
        onClick={() => void session.newScenario()}
      >
        + New scenario
      </button>
      <ul className="library-list">
        {library.map((s) => (
          <li
            key={s.key}
            className={s.key === current ? 'is-current' : undefined}
            data-local-key={s.key}
          >
            <button
              type="button"
              className="library-open"
              aria-current={s.key === current ? 'true' : undefined}
              onClick={() => void session.openLocal(s.key)}
            >
              <span className="library-title">{s.title}</span>
              <span className="library-meta">
                {s.scenarioId} · {when(s.updatedAt)}
              </span>
            </button>
            {confirming === s.key ? (
              <span className="confirm-inline">
                <button
                  type="button"
                  className="button small danger"
                  onClick={() => {
                    setConfirming(undefined);
                    void session.removeLocal(s.key);
                  }}
                >
                  Delete
                </button>
                <button
                  type="button"
                  className="button small"
                  onClick={() => setConfirming(undefined)}
                >
                  Keep
                </button>
              </span>
            ) : (
              <button
                type="button"
                className="icon-button"
                aria-label={`Delete ${s.title}`}
                onClick={() => setConfirming(s.key)}
              >
                🗑
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
