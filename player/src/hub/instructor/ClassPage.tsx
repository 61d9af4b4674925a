import { useCallback, useState } from 'react';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDateTime } from '../../ui/format';
import { ErrorNotice } from './ErrorNotice';
import { hubPageHash } from './hub-pages';
import { modeLabel, tabletCount } from './class-words';
import { closeClass, getClass } from './instructor-api';
import { JoinedTablets } from './JoinedTablets';
import { JoinPanel } from './JoinPanel';
import { useHubAction } from './use-hub-action';
import { useHubData } from './use-hub-data';

/** How often an open class's joined tablets are fetched again while the page is shown. */
export const CLASS_REFRESH_MS = 4000;

/** One class session: how to join it, who joined, and closing it. */
export function ClassPage({ classId }: { classId: string }) {
  const load = useCallback((signal: AbortSignal) => getClass(classId, signal), [classId]);
  const [refreshMs, setRefreshMs] = useState<number | undefined>(CLASS_REFRESH_MS);
  const { data: info, error, reload, setData } = useHubData(load, refreshMs);
  const closing = useHubAction();
  const [confirming, setConfirming] = useState(false);

  // A closed class no longer changes, so it is not fetched again.
  if (info && !info.open && refreshMs !== undefined) setRefreshMs(undefined);

  async function close() {
    setConfirming(false);
    const closed = await closing.run(() => closeClass(classId));
    if (closed && info) setData({ ...closed, devices: closed.devices ?? info.devices });
  }

  const back = (
    <a className="hub-back" href={hubPageHash({ page: 'classes' })}>
      ‹ All classes
    </a>
  );
  if (!info) {
    return (
      <div className="hub-class">
        {back}
        {error !== undefined ? (
          <ErrorNotice title="This class could not be loaded." error={error} onRetry={reload} />
        ) : (
          <p className="hint">Loading the class…</p>
        )}
      </div>
    );
  }
  const joined = info.devices.filter((d) => !d.revoked).length;
  return (
    <div className="hub-class">
      <div className="page-heading with-actions">
        <div>
          {back}
          <h1>{info.name}</h1>
          <p className="lede">
            {modeLabel(info.mode)} · created {formatDateTime(info.createdAt)}
            {!info.open && info.closedAt && ` · closed ${formatDateTime(info.closedAt)}`}
          </p>
        </div>
        {info.open && (
          <button
            type="button"
            className="button danger-outline"
            disabled={closing.busy}
            onClick={() => setConfirming(true)}
          >
            Close class
          </button>
        )}
      </div>
      {closing.error !== undefined && (
        <ErrorNotice title="The class was not closed." error={closing.error} />
      )}
      {/* A failed refresh keeps the last list on screen; the notice says it may be stale. */}
      {error !== undefined && (
        <ErrorNotice title="The list of tablets could not be updated." error={error} />
      )}
      <div className="hub-class-grid">
        {info.open ? (
          <JoinPanel info={info} />
        ) : (
          <section className="panel" aria-labelledby="hub-closed-title">
            <h2 id="hub-closed-title">This class is closed</h2>
            <p>Its tablets were signed out and its code no longer works.</p>
          </section>
        )}
        <div className="hub-class-side">
          <JoinedTablets devices={info.devices} open={info.open} />
          <section className="panel" aria-labelledby="hub-scenarios-title">
            <h2 id="hub-scenarios-title">Scenarios</h2>
            <ul className="hub-plain-list">
              {info.scenarios.map((s) => (
                <li key={s.digest}>
                  {s.title} <span className="hint">v{s.version}</span>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
      {confirming && (
        <ConfirmDialog
          title={`Close “${info.name}”?`}
          confirmLabel="Close class"
          danger
          onCancel={() => setConfirming(false)}
          onConfirm={() => void close()}
        >
          <p>
            {joined > 0
              ? `The ${tabletCount(joined)} in this class will be signed out, and code `
              : 'No tablet is signed in to this class. Code '}
            <strong>{info.code}</strong> will stop working.
          </p>
          <p>
            Let trainees finish their drills first: decisions a tablet has not yet sent can no
            longer reach the hub once the class is closed. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
