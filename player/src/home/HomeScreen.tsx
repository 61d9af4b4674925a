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
import { ClassBanner, ClassClosedNotice, JoinOffer } from './ClassBanner';
import type { HomeListing } from './class-listing';
import { DrillSetup } from './DrillSetup';
import { ImportScenario } from './ImportScenario';
import { ResumeOffers } from './ResumeOffers';
import { ScenarioCard } from './ScenarioCard';
import { useClass } from './use-class';

/** The engine-dependent part (start, resume), fetched once and shared. */
const loadLaunch = () => import('./launch');

/**
 * The home screen: the class (when the tablet joined one), interrupted drills,
 * drill setup, the class's scenarios, the scenario library and imports.
 */
export function HomeScreen() {
  const hub = useClass();
  const joined = hub.membership;
  const bundled = useMemo(() => bundledIndex.map(bundledListing), []);
  const [imported, setImported] = useState<ScenarioListing[]>();
  const [settings, setSettings] = useState<DrillSettings>(DEFAULT_SETTINGS);
  const [offers, setOffers] = useState<LogSummary[]>([]);
  const [running, setRunning] = useState<string[]>([]);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [removing, setRemoving] = useState<HomeListing>();
  const touched = useRef(false);
  // Loads finish after the screen may be gone (navigation, tests tearing down): drop them then.
  const mounted = useRef(false);

  const refresh = useCallback(async () => {
    const [records, resumable] = await Promise.all([listImportedScenarios(), listResumable()]);
    if (!mounted.current) return;
    const live = activeSessionIds();
    setImported(records.map(importedListing));
    setRunning(live.filter((id) => resumable.some((r) => r.sessionId === id)));
    setOffers(resumable.filter((r) => !live.includes(r.sessionId)));
  }, []);

  useEffect(() => {
    mounted.current = true;
    void refresh().catch((e: unknown) => mounted.current && setError(messageOf(e)));
    // What was remembered, unless the person has already started typing.
    void loadSettings().then(
      (remembered) => touched.current || !mounted.current || setSettings(remembered),
      () => undefined,
    );
    // While the trainee reads the list, get the drill code and scenarios ready so Start responds
    // at once. (The service worker caches the same files for offline use anyway.)
    const warm = whenIdle(() => {
      void loadLaunch().catch(() => undefined);
      void import('../drill/DrillScreen').catch(() => undefined);
      for (const file of bundledFiles()) void file.load().catch(() => undefined);
    });
    return () => {
      mounted.current = false;
      warm();
    };
  }, [refresh]);

  function changeSettings(next: DrillSettings) {
    // In a class only the instructor setting can change; the remembered id and mode stay
    // for when the tablet is used without a class again.
    const kept = joined ? { ...settings, instructor: next.instructor } : next;
    touched.current = true;
    setSettings(kept);
    void saveSettings(kept).catch(() => undefined);
  }

  async function start(listing: HomeListing) {
    setBusy(listing.key);
    setError(undefined);
    try {
      const { launch } = await loadLaunch();
      const drill = await launch(listing, drillSettings, joined);
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

  async function remove(listing: HomeListing) {
    setRemoving(undefined);
    if (listing.source === 'imported' && listing.digest) {
      await deleteImportedScenario(listing.digest);
    }
    await refresh();
  }

  // While in a class, every drill on this tablet runs as the class's trainee, in its mode.
  const drillSettings: DrillSettings = joined
    ? { ...settings, traineeId: joined.device.traineeId, mode: joined.class.mode }
    : settings;

  const card = (listing: HomeListing) => (
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
      {hub.closedClass !== undefined && (
        <ClassClosedNotice className={hub.closedClass} onDismiss={() => void hub.dismissClosed()} />
      )}
      {joined ? (
        <ClassBanner membership={joined} onLeave={() => void hub.leave()} />
      ) : (
        hub.hubServed && <JoinOffer />
      )}
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
      <DrillSetup
        settings={drillSettings}
        onChange={changeSettings}
        {...(joined && {
          classLock: { traineeId: joined.device.traineeId, mode: joined.class.mode },
        })}
      />
      {joined && (
        <section aria-labelledby="class-heading">
          <h2 id="class-heading">Class scenarios</h2>
          {hub.scenarios && hub.scenarios.length > 0 && (
            <ul className="scenario-list">{hub.scenarios.map(card)}</ul>
          )}
          {hub.scenarios?.length === 0 && (
            <p className="hint">The instructor has not given this class any scenarios.</p>
          )}
          {!hub.scenarios && (
            <p className="hint">
              The class’s scenarios are not on this tablet yet. They are downloaded when the hub can
              be reached.
            </p>
          )}
        </section>
      )}
      <section aria-labelledby="library-heading">
        <h2 id="library-heading">Scenario library</h2>
        {joined && (
          <p className="hint">For practice: drills of these scenarios stay on this tablet.</p>
        )}
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
