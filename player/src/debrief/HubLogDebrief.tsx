import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HubAccount } from '../hub/api';
import { goTo } from './debrief-routes';
import { deviceShelf, fetchHubKeys, fetchHubLog, hubDebriefLog } from './hub-logs';
import { HubSignIn } from './HubSignIn';
import { notesOwner, openFiles, type DebriefLog } from './library';
import { LogDebrief, type TabId } from './LogDebrief';
import { hubNotesStore } from './notes-store';
import { useHubAccess } from './use-hub-access';

interface Props {
  sessionId: string;
  tab: TabId;
}

/** One log from the class hub, debriefed exactly as a log on this tablet. */
export function HubLogDebrief({ sessionId, tab }: Props) {
  const { access, signIn } = useHubAccess();
  if (access.kind === 'checking') return <p className="hint">Loading the log from the hub…</p>;
  if (access.kind === 'signed-in')
    return <LoadedHubLog sessionId={sessionId} tab={tab} account={access.account} />;
  return (
    <div className="debrief">
      <div className="panel empty">
        <h1>Log on the class hub</h1>
        {access.kind === 'absent' && (
          <p>This log is kept on a class hub. Open the debrief from the hub’s address to see it.</p>
        )}
        {access.kind === 'error' && (
          <p className="notice error" role="alert">
            {access.message}
          </p>
        )}
        {access.kind === 'signed-out' && <HubSignIn signIn={signIn} />}
        <BackToList />
      </div>
    </div>
  );
}

function BackToList() {
  return (
    <button type="button" className="button secondary" onClick={() => goTo({ kind: 'list' })}>
      All logs
    </button>
  );
}

function LoadedHubLog({ sessionId, tab, account }: Props & { account: HubAccount }) {
  const [entry, setEntry] = useState<DebriefLog>();
  const [error, setError] = useState<string>();

  const load = useCallback(async () => {
    try {
      const [answer, device, trust] = await Promise.all([
        fetchHubLog(sessionId),
        deviceShelf(),
        // Without the hub's keys the log still opens; it just cannot be shown as signed.
        fetchHubKeys().catch(() => []),
      ]);
      setEntry(hubDebriefLog(answer, device, trust));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [sessionId]);

  useEffect(() => {
    void load();
  }, [load]);

  // One store per log: the notes the hub sent are where the debrief starts.
  const store = useMemo(
    () => entry && hubNotesStore(notesOwner(entry), entry.log.annotations ?? [], account.name),
    [entry, account.name],
  );

  if (error) {
    return (
      <div className="debrief">
        <div className="notice error" role="alert">
          <p>The hub did not give this log: {error}</p>
        </div>
        <BackToList />
      </div>
    );
  }
  if (!entry || !store) return <p className="hint">Loading the log from the hub…</p>;
  return (
    <div className="debrief">
      <LogDebrief
        key={entry.key}
        entry={entry}
        tab={tab}
        notesStore={store}
        onTab={(next) => goTo({ kind: 'hub-log', sessionId, tab: next })}
        onBack={() => goTo({ kind: 'list' })}
        // A scenario file opened here joins the device's scenarios; the log is checked again with it.
        onOpenFiles={(files) => void openFiles(files).then(load)}
      />
    </div>
  );
}
