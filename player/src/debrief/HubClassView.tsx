import { useEffect, useRef, useState } from 'react';
import { scenarioDigest } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import type { HubClass, HubScenarioVersion } from '../hub/api';
import { ClassView } from './ClassView';
import { goTo } from './debrief-routes';
import { loadClassLogs, type ClassLoadProgress, type HubClassLogs } from './hub-class-logs';
import { fetchClasses, fetchScenario, fetchScenarioVersions } from './hub-logs';
import { HubClassPicker, type ClassChoice } from './HubClassPicker';
import { HubSignIn } from './HubSignIn';
import { useHubAccess } from './use-hub-access';

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** The class view over the hub's logs: pick a scenario (and a class), gather, count. */
export function HubClassView() {
  const { access, signIn } = useHubAccess();
  return (
    <div className="debrief">
      {access.kind === 'signed-in' ? (
        <GatherAndCount />
      ) : (
        <div className="panel empty">
          <h1>Class view of hub logs</h1>
          {access.kind === 'checking' && <p className="hint">Asking the hub…</p>}
          {access.kind === 'absent' && (
            <p>This page was not opened from a class hub, so there are no hub logs to count.</p>
          )}
          {access.kind === 'error' && (
            <p className="notice error" role="alert">
              {access.message}
            </p>
          )}
          {access.kind === 'signed-out' && <HubSignIn signIn={signIn} />}
          <button type="button" className="button secondary" onClick={() => goTo({ kind: 'list' })}>
            All logs
          </button>
        </div>
      )}
    </div>
  );
}

function GatherAndCount() {
  const [scenarios, setScenarios] = useState<HubScenarioVersion[]>();
  const [classes, setClasses] = useState<HubClass[]>([]);
  const [progress, setProgress] = useState<ClassLoadProgress>();
  const [result, setResult] = useState<{ scenario: Scenario; gathered: HubClassLogs }>();
  const [error, setError] = useState<string>();
  const running = useRef<AbortController | undefined>(undefined);

  useEffect(() => {
    void fetchScenarioVersions().then(setScenarios, (e: unknown) => setError(message(e)));
    void fetchClasses().then(setClasses, (e: unknown) => setError(message(e)));
    return () => running.current?.abort();
  }, []);

  async function gather({ version, classId }: ClassChoice) {
    running.current?.abort();
    const controller = new AbortController();
    running.current = controller;
    setError(undefined);
    setResult(undefined);
    setProgress({ phase: 'listing', done: 0, total: 0 });
    try {
      const scenario = await fetchScenario(version);
      const digest = scenarioDigest(scenario);
      const gathered = await loadClassLogs(
        scenario,
        digest,
        classId,
        setProgress,
        controller.signal,
      );
      if (!controller.signal.aborted) setResult({ scenario, gathered });
    } catch (e) {
      if (!controller.signal.aborted) setError(message(e));
    } finally {
      if (running.current === controller) setProgress(undefined);
    }
  }

  if (result) {
    const { scenario, gathered } = result;
    return (
      <>
        <div className="hub-class-bar">
          <p className="hint">
            {gathered.logs.length + gathered.excluded.length} logs from the hub
            {gathered.otherVersions > 0 &&
              `; ${gathered.otherVersions} of other versions of this scenario are not counted`}
            .
          </p>
          <button
            type="button"
            className="button secondary compact"
            onClick={() => setResult(undefined)}
          >
            Choose other logs
          </button>
        </div>
        <ClassView
          scenario={scenario}
          logs={gathered.logs}
          checked={{ excluded: gathered.excluded }}
          onBack={() => goTo({ kind: 'list' })}
        />
      </>
    );
  }

  return (
    <div className="hub-class">
      <div className="debrief-header">
        <button
          type="button"
          className="link-button back-link"
          onClick={() => goTo({ kind: 'list' })}
        >
          ← All logs
        </button>
        <div className="debrief-title">
          <p className="eyebrow">Class view</p>
          <h1>Count the hub’s logs of one scenario</h1>
        </div>
      </div>
      {error && (
        <div className="notice error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {!scenarios && !error && <p className="hint">Loading the hub’s scenarios…</p>}
      {scenarios && scenarios.length === 0 && <p>No scenario is published on the hub yet.</p>}
      {scenarios && scenarios.length > 0 && (
        <HubClassPicker
          scenarios={scenarios}
          classes={classes}
          busy={!!progress}
          onChoose={(c) => void gather(c)}
        />
      )}
      {progress && <GatherProgress progress={progress} onCancel={() => running.current?.abort()} />}
    </div>
  );
}

function GatherProgress({
  progress,
  onCancel,
}: {
  progress: ClassLoadProgress;
  onCancel: () => void;
}) {
  const words =
    progress.phase === 'listing'
      ? `Finding logs: ${progress.done} of ${progress.total || '…'}`
      : `Fetching and checking logs: ${progress.done} of ${progress.total}`;
  return (
    <div className="hub-progress" role="status" aria-live="polite">
      <progress max={Math.max(1, progress.total)} value={progress.done} aria-label={words} />
      <p>{words}</p>
      <button type="button" className="button secondary compact" onClick={onCancel}>
        Stop
      </button>
    </div>
  );
}
