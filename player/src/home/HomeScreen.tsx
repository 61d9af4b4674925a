import { useCallback, useEffect, useState } from 'react';
import { navigate } from '../router';
import { loadCatalogue, type Catalogue, type CatalogueEntry } from '../scenarios/catalogue';
import { activeSessionIds, beginDrill, resumeStoredDrill } from '../drill/session';
import { dismissResume, listResumable, type LogSummary } from '../storage/logs';
import { deleteImportedScenario } from '../storage/scenarios';
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
import { describeDiagnostic } from '../scenarios/describe-diagnostic';

/** The home screen: interrupted drills, drill setup, the scenario library and imports. */
export function HomeScreen() {
  const [catalogue, setCatalogue] = useState<Catalogue>();
  const [settings, setSettings] = useState<DrillSettings>(DEFAULT_SETTINGS);
  const [offers, setOffers] = useState<LogSummary[]>([]);
  const [running, setRunning] = useState<string[]>([]);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  const [removing, setRemoving] = useState<CatalogueEntry>();

  const refresh = useCallback(async () => {
    const [nextCatalogue, resumable] = await Promise.all([loadCatalogue(), listResumable()]);
    const live = activeSessionIds();
    setCatalogue(nextCatalogue);
    setRunning(live.filter((id) => resumable.some((r) => r.sessionId === id)));
    setOffers(resumable.filter((r) => !live.includes(r.sessionId)));
  }, []);

  useEffect(() => {
    void refresh().catch((e: unknown) => setError(messageOf(e)));
    void loadSettings().then(setSettings, () => undefined);
  }, [refresh]);

  function changeSettings(next: DrillSettings) {
    setSettings(next);
    void saveSettings(next).catch(() => undefined);
  }

  async function start(entry: CatalogueEntry) {
    setBusy(entry.digest);
    setError(undefined);
    try {
      const drill = await beginDrill(entry.scenario, settings);
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

  async function remove(entry: CatalogueEntry) {
    setRemoving(undefined);
    await deleteImportedScenario(entry.digest);
    await refresh();
  }

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
        {!catalogue ? (
          <p className="hint">Loading scenarios…</p>
        ) : (
          <>
            {catalogue.bundled.length === 0 && (
              <p className="hint">No scenarios are bundled with this build.</p>
            )}
            <ul className="scenario-list">
              {catalogue.bundled.map((entry) => (
                <ScenarioCard
                  key={entry.digest}
                  entry={entry}
                  starting={busy === entry.digest}
                  disabled={busy !== undefined}
                  onStart={start}
                />
              ))}
            </ul>
            {catalogue.rejected.map((file) => (
              <div className="notice error" key={file.fileName}>
                <p>
                  <strong>{file.fileName}</strong> is bundled but invalid, so it is not offered:{' '}
                  {file.diagnostics
                    .slice(0, 3)
                    .map((d) => {
                      const plain = describeDiagnostic(d);
                      return `${plain.where}: ${plain.what}`;
                    })
                    .join('; ')}
                </p>
              </div>
            ))}
          </>
        )}
      </section>
      <section aria-labelledby="imported-heading">
        <h2 id="imported-heading">Imported scenarios</h2>
        {catalogue && catalogue.imported.length > 0 && (
          <ul className="scenario-list">
            {catalogue.imported.map((entry) => (
              <ScenarioCard
                key={entry.digest}
                entry={entry}
                starting={busy === entry.digest}
                disabled={busy !== undefined}
                onStart={start}
                onRemove={setRemoving}
              />
            ))}
          </ul>
        )}
        {catalogue && catalogue.imported.length === 0 && (
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
            “{removing.scenario.title}” (version {removing.scenario.version}) will no longer be
            offered. Logs already recorded with it keep their own copy.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
