import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { activeSessionIds } from '../drill/active';
import { navigate } from '../router';
import { bundledFiles, bundledIndex } from '../scenarios/bundled';
import { bundledListing, importedListing, type ScenarioListing } from '../scenarios/listing';
import { dismissResume, listResumable, type LogSummary } from '../storage/logs';
import { deleteImportedScenario, listImportedScenarios } from '../storage/scenarios';
import {
  DEFAULT_SETTINGS,
  loadSettings,
  saveSettings,
  type DrillSettings,
} from '../storage/settings';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { DrillSetup } from './DrillSetup';
import { ImportScenario } from './ImportScenario';
import { ResumeOffers } from './ResumeOffers';
import { ScenarioCard } from './ScenarioCard';

/** The engine-dependent part (start, resume), fetched once and shared. */
const loadLaunch = () => import('./launch');

/** The home screen: interrupted drills, drill setup, the scenario library and imports. */
export function HomeScreen() {
  const bundled = useMemo(() => bundledIndex.map(bundledListing), []);
  const [imported, setImported] = useState<ScenarioListing[]>();
  const [settings, setSettings] = useState<DrillSettings>(DEFAULT_SETTINGS);
  const [offers, setOffers] = useState<LogSummary[]>([]);
  const [running, setRunning] = useState<string[]>([]);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [removing, setRemoving] = useState<ScenarioListing>();
  const touched = useRef(false);

  const refresh = useCallback(async () => {
    const [records, resumable] = await Promise.all([listImportedScenarios(), listResumable()]);
    const live = activeSessionIds();
    setImported(records.map(importedListing));
    setRunning(live.filter((id) => resumable.some((r) => r.sessionId === id)));
    setOffers(resumable.filter((r) => !live.includes(r.sessionId)));
  }, []);

  useEffect(() => {
    void refresh().catch((e: unknown) => setError(messageOf(e)));
    // What was remembered, unless the person has already started typing.
    void loadSettings().then(
      (remembered) => touched.current || setSettings(remembered),
      () => undefined,
    );
    // While the trainee reads the list, get the drill code and scenarios ready so Start responds
    // at once. (The service worker caches the same files for offline use anyway.)
    const warm = whenIdle(() => {
      void loadLaunch().catch(() => undefined);
      void import('../drill/DrillScreen').catch(() => undefined);
      for (const file of bundledFiles()) void file.load().catch(() => undefined);
    });
    return warm;
  }, [refresh]);

  function changeSettings(next: DrillSettings) {
    touched.current = true;
    setSettings(next);
    void saveSettings(next).catch(() => undefined);
  }

  async function start(listing: ScenarioListing) {
    setBusy(listing.key);
    setError(undefined);
    try {
      const { launch } = await loadLaunch();
      const drill = await launch(listing, settings);
      navigate({ name: 'drill', sessionId: drill.sessionId });
    } catch (e) {
      setError(`The drill could not start: ${messageOf(e)}`);
      setBusy(undefined);
    }
  }

  async function resume(sessionId: string) {
    setBusy(sessionId);
    setError(undefined);
    try {
      const { resumeStoredDrill } = await loadLaunch();
      await resumeStoredDrill(sessionId);
      navigate({ name: 'drill', sessionId });
    } catch (e) {
      setError(messageOf(e));
      setBusy(undefined);
    }
  }

  async function dismiss(sessionId: string) {
    await dismissResume(sessionId);
    await refresh();
  }

  async function remove(listing: ScenarioListing) {
    setRemoving(undefined);
    if (listing.digest) await deleteImportedScenario(listing.digest);
    await refresh();
  }

  const card = (listing: ScenarioListing) => (
    <ScenarioCard
      key={listing.key}
      entry={listing}
      starting={busy === listing.key}
      disabled={busy !== undefined}
      onStart={(l) => void start(l)}
      onRemove={listing.source === 'imported' ? setRemoving : undefined}
    />
  );

  return (
    <div className="home">
      <div className="page-heading">
        <h1>Drills</h1>
        <p className="lede">
          Choose a scenario to run on this tablet. Every decision is saved as it is made.
        </p>
      </div>
      {error && (
        <div className="notice error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {running.length > 0 && (
        <section className="panel resume" aria-labelledby="running-heading">
          <h2 id="running-heading">Drill in progress</h2>
          {running.map((id) => (
            <p key={id}>
              <a className="button primary" href={`#/drill/${encodeURIComponent(id)}`}>
                Return to the drill
              </a>
            </p>
          ))}
        </section>
      )}
      <ResumeOffers offers={offers} busy={busy} onResume={resume} onDismiss={dismiss} />
      <DrillSetup settings={settings} onChange={changeSettings} />
      <section aria-labelledby="library-heading">
        <h2 id="library-heading">Scenario library</h2>
        {bundled.length === 0 ? (
          <p className="hint">No scenarios are bundled with this build.</p>
        ) : (
          <ul className="scenario-list">{bundled.map(card)}</ul>
        )}
      </section>
      <section aria-labelledby="imported-heading">
        <h2 id="imported-heading">Imported scenarios</h2>
        {imported && imported.length > 0 && <ul className="scenario-list">{imported.map(card)}</ul>}
        {imported && imported.length === 0 && (
          <p className="hint">None yet. Imported scenarios stay on this device.</p>
        )}
        <ImportScenario onImported={() => void refresh()} />
      </section>
      {removing && (
        <ConfirmDialog
          title="Remove this scenario?"
          confirmLabel="Remove"
          danger
          onCancel={() => setRemoving(undefined)}
          onConfirm={() => void remove(removing)}
        >
          <p>
            “{removing.title}” (version {removing.version}) will no longer be offered. Logs already
            recorded with it keep their own copy.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Runs `task` once the page is idle (or soon, where idle callbacks are missing); returns a canceller. */
function whenIdle(task: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const id = window.requestIdleCallback(task, { timeout: 2000 });
    return () => window.cancelIdleCallback(id);
  }
  const id = setTimeout(task, 200);
  return () => clearTimeout(id);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
