import { goTo } from './debrief-routes';
import { HubLogList } from './HubLogList';
import { HubSignIn } from './HubSignIn';
import { useHubAccess } from './use-hub-access';

/**
 * The class hub's logs in the debrief's list, when this page came from a
 * hub: a sign-in first, then the filtered list and the class view over them.
 * Without a hub nothing shows, and the debrief is the tablet's alone.
 */
export function HubLogs() {
  const { access, signIn } = useHubAccess();
  if (access.kind === 'checking' || access.kind === 'absent') return null;
  return (
    <section className="hub-logs" aria-labelledby="hub-logs-heading">
      <div className="debrief-list-bar">
        <h2 id="hub-logs-heading">Logs on the class hub</h2>
        {access.kind === 'signed-in' && (
          <div className="debrief-list-actions">
            <span className="hint">Signed in as {access.account.name}</span>
            <button
              type="button"
              className="button primary compact"
              onClick={() => goTo({ kind: 'hub-class' })}
            >
              Class view of hub logs
            </button>
          </div>
        )}
      </div>
      {access.kind === 'error' && (
        <div className="notice error" role="alert">
          <p>{access.message}</p>
        </div>
      )}
      {access.kind === 'signed-out' && <HubSignIn signIn={signIn} />}
      {access.kind === 'signed-in' && (
        <HubLogList
          onOpen={(sessionId) => goTo({ kind: 'hub-log', sessionId, tab: 'reactions' })}
        />
      )}
    </section>
  );
}
