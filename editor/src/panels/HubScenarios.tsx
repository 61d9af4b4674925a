/**
 * "On the hub": every version published on the hub that served the editor,
 * grouped by scenario, newest first. Opening one goes through the same
 * checks as an imported file and makes a copy in this browser. Listing
 * needs a signed-in instructor; the panel offers the sign-in.
 */
import { useEffect, useMemo, useState } from 'react';
import { hubRequest, HubError, signOut, type HubScenarioVersion } from '@defuse/player';
import { useSession } from '../store/session-context';
import { useUiStore } from '../store/ui-context';
import { openScenarioText } from '../components/open-scenario';
import { useHub, useHubStore } from '../hub/hub-context';
import { checkAccount, loadHubList, withAccount, type HubStore } from '../hub/hub-store';
import { when } from './when';

/** One scenario id with its versions, newest first. */
interface HubGroup {
  id: string;
  /** The newest version's title. */
  title: string;
  versions: HubScenarioVersion[];
}

/** Groups newest-first versions by scenario id, keeping newest-first order. */
function groupById(versions: readonly HubScenarioVersion[]): HubGroup[] {
  const groups = new Map<string, HubGroup>();
  for (const v of versions) {
    const group = groups.get(v.id);
    if (group) group.versions.push(v);
    else groups.set(v.id, { id: v.id, title: v.title, versions: [v] });
  }
  return [...groups.values()];
}

const SIGN_IN_REASON = 'to see the scenarios published on the hub';

function offerSignIn(hub: HubStore): void {
  void withAccount(hub, SIGN_IN_REASON, () => void loadHubList(hub));
}

export function HubScenarios() {
  const session = useSession();
  const ui = useUiStore();
  const hub = useHubStore();
  const present = useHub((s) => s.present);
  const account = useHub((s) => s.account);
  const list = useHub((s) => s.list);
  const [opening, setOpening] = useState<string>();
  const groups = useMemo(() => (list.status === 'ready' ? groupById(list.versions) : []), [list]);

  // A session may already be open (signed in from the player): list at once.
  useEffect(() => {
    if (!present || hub.getState().list.status !== 'idle') return;
    void checkAccount(hub).then((signedIn) => {
      if (signedIn && hub.getState().list.status === 'idle') void loadHubList(hub);
    });
  }, [present, hub]);

  if (!present) return null;

  const open = async (v: HubScenarioVersion) => {
    const key = `${v.id}@${v.version}`;
    setOpening(key);
    try {
      const doc = await hubRequest<unknown>(
        `/scenarios/${encodeURIComponent(v.id)}/${encodeURIComponent(v.version)}`,
      );
      // The client hands back parsed JSON; as text it takes the import path's checks.
      await openScenarioText(
        session,
        ui,
        JSON.stringify(doc),
        `“${v.title}” v${v.version} from the hub`,
      );
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      if (error.status === 401) {
        hub.getState().set({
          account: undefined,
          signIn: { reason: SIGN_IN_REASON, then: () => void open(v) },
        });
      } else {
        ui.getState().set({
          message: {
            tone: 'error',
            text: `“${v.title}” v${v.version} could not be opened: ${error.message}`,
          },
        });
      }
    } finally {
      setOpening(undefined);
    }
  };

  return (
    <section className="shipped hub-scenarios" aria-labelledby="hub-heading">
      <h3 id="hub-heading" className="panel-heading">
        On the hub
      </h3>
      {!account ? (
        <>
          <p className="muted shipped-note">Sign in to see the scenarios published on this hub.</p>
          <button type="button" className="button small" onClick={() => offerSignIn(hub)}>
            Sign in…
          </button>
        </>
      ) : (
        <>
          <p className="muted shipped-note">
            Signed in as {account.name}. Opening a version makes a copy in this browser.
          </p>
          <div className="hub-list-actions">
            <button
              type="button"
              className="button small"
              disabled={list.status === 'loading'}
              onClick={() => void loadHubList(hub)}
            >
              Refresh
            </button>
            <button
              type="button"
              className="button small"
              onClick={() =>
                void signOut().then(
                  () => hub.getState().set({ account: undefined, list: { status: 'idle' } }),
                  (error: unknown) => {
                    if (!(error instanceof HubError)) throw error;
                    // Still signed in on the hub: say so rather than pretend otherwise.
                    ui.getState().set({
                      message: { tone: 'error', text: `Not signed out: ${error.message}` },
                    });
                  },
                )
              }
            >
              Sign out
            </button>
          </div>
          {list.status === 'loading' && <p className="muted">Loading…</p>}
          {list.status === 'failed' && <p className="refusal">{list.message}</p>}
          {list.status === 'ready' && groups.length === 0 && (
            <p className="muted">Nothing is published yet. Use Publish to hub in the top bar.</p>
          )}
          <ul className="shipped-list">
            {groups.map((g) => (
              <li key={g.id} data-hub-scenario={g.id}>
                <span className="library-title">{g.title}</span>
                <span className="library-meta">
                  {g.id} · {g.versions.length} version{g.versions.length === 1 ? '' : 's'}
                </span>
                <ul className="hub-versions">
                  {g.versions.map((v) => (
                    <li key={v.version}>
                      <span className="hub-version">
                        <strong>v{v.version}</strong>
                        <span className="library-meta">
                          {when(v.publishedAt)}
                          {v.publishedBy ? ` · ${v.publishedBy}` : ''}
                        </span>
                      </span>
                      <button
                        type="button"
                        className="button small"
                        disabled={opening !== undefined}
                        aria-label={`Open ${v.title} v${v.version}`}
                        onClick={() => void open(v)}
                      >
                        {opening === `${v.id}@${v.version}` ? 'Opening…' : 'Open'}
                      </button>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
