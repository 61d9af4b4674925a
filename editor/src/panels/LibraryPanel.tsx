/**
 * The scenarios kept in this browser: open one, start a new one, delete
 * one (after confirming). Every change is saved as it happens. Below them,
 * the versions published on the hub (when a hub served the editor) and the
 * scenarios that ship with Defuse, each opened as a copy.
 */
import { useEffect, useState } from 'react';
import { useSession, useSessionState } from '../store/session-context';
import { useUiStore } from '../store/ui-context';
import { openScenarioText } from '../components/open-scenario';
import { loadShippedScenarios, type ShippedScenario } from '../shipped';
import { HubScenarios } from './HubScenarios';
import { when } from './when';

/** The bundled scenarios, each with "Open a copy". */
function ShippedScenarios() {
  const session = useSession();
  const ui = useUiStore();
  const [shipped, setShipped] = useState<ShippedScenario[]>();
  const [failed, setFailed] = useState(false);
  const [opening, setOpening] = useState<string>();

  useEffect(() => {
    let live = true;
    loadShippedScenarios().then(
      (list) => live && setShipped(list),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const open = async (s: ShippedScenario) => {
    setOpening(s.file);
    try {
      await openScenarioText(session, ui, s.text, `a copy of “${s.title}”`);
    } finally {
      setOpening(undefined);
    }
  };

  return (
    <section className="shipped" aria-labelledby="shipped-heading">
      <h3 id="shipped-heading" className="panel-heading">
        Shipped scenarios
      </h3>
      <p className="muted shipped-note">
        Opening one makes a copy in this browser; the original stays as it is.
      </p>
      {failed && <p className="refusal">The shipped scenarios could not be loaded.</p>}
      {!shipped && !failed && <p className="muted">Loading…</p>}
      {shipped && (
        <ul className="shipped-list">
          {shipped.map((s) => (
            <li key={s.file} data-shipped={s.file}>
              <span className="library-title">{s.title}</span>
              <span className="library-meta">
                {s.callType ? `${s.callType} · ` : ''}
                {`${s.beats}\u00a0beat${s.beats === 1 ? '' : 's'}`}
              </span>
              <button
                type="button"
                className="button small"
                disabled={opening !== undefined}
                aria-label={`Open a copy of ${s.title}`}
                onClick={() => void open(s)}
              >
                {opening === s.file ? 'Opening…' : 'Open a copy'}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
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
                className="button small"
                aria-label={`Delete ${s.title}`}
                onClick={() => setConfirming(s.key)}
              >
                Delete
              </button>
            )}
          </li>
        ))}
      </ul>
      <HubScenarios />
      <ShippedScenarios />
    </div>
  );
}
