import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Scenario } from '@defuse/schemas';
import { useRoute } from '../router';
import { ClassView } from './ClassView';
import { downloadText, xapiFileName, xapiFileText } from './download';
import {
  closeFile,
  loadLibrary,
  openFiles,
  type DebriefLibrary,
  type DebriefLog,
  type OpenResult,
} from './library';
import { goTo as go, parseDebriefPath } from './debrief-routes';
import { HubClassView } from './HubClassView';
import { HubLogDebrief } from './HubLogDebrief';
import { HubLogs } from './HubLogs';
import { LogDebrief } from './LogDebrief';
import { LogList } from './LogList';
import { OpenFiles } from './OpenFiles';
import './debrief.css';
import './hub.css';

/** A log by its key, or by the bare session id the drill screen links with. */
function findLog(logs: DebriefLog[], ref: string): DebriefLog | undefined {
  return (
    logs.find((l) => l.key === ref) ??
    logs.find((l) => l.source === 'device' && l.log.sessionId === ref) ??
    logs.find((l) => l.log.sessionId === ref)
  );
}

/** The scenario text most of these logs were recorded with, among those on this device. */
function classScenario(logs: DebriefLog[]): Scenario | undefined {
  const counts = new Map<Scenario, number>();
  for (const l of logs) {
    const s = l.integrity.scenario;
    if (s) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function describeResults(results: OpenResult[]): { ok: string[]; errors: string[] } {
  const ok: string[] = [];
  const errors: string[] = [];
  for (const r of results) {
    if (r.kind === 'log' && r.conflict)
      errors.push(
        `${r.fileName}: opened, but a different log with the same session id is already here. Both are listed and marked “Conflict”`,
      );
    else if (r.kind === 'log') ok.push(`${r.fileName}: log opened`);
    else if (r.kind === 'scenario')
      ok.push(`${r.fileName}: scenario “${r.title}” v${r.version} added`);
    else errors.push(`${r.fileName}: ${r.message}`);
  }
  return { ok, errors };
}

/**
 * The instructor's side of a drill: every log on this device or opened from
 * files, one log debriefed in phases, or a class of logs of one scenario.
 */
export function DebriefArea() {
  const route = useRoute();
  const view = parseDebriefPath(route.name === 'debrief' ? route.rest : '');
  const [library, setLibrary] = useState<DebriefLibrary>();
  const [loadError, setLoadError] = useState<string>();
  const [selected, setSelected] = useState<Set<string>>(() => new Set());
  const [busy, setBusy] = useState(false);
  const [opened, setOpened] = useState<{ ok: string[]; errors: string[] }>();
  const [listError, setListError] = useState<string>();

  const reload = useCallback(async () => {
    try {
      setLibrary(await loadLibrary());
    } catch (e) {
      setLoadError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const open = useCallback(
    async (files: File[]) => {
      setBusy(true);
      try {
        const results = await openFiles(files);
        await reload();
        setOpened(describeResults(results));
      } catch (e) {
        setOpened({ ok: [], errors: [e instanceof Error ? e.message : String(e)] });
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  const logs = useMemo(() => library?.logs ?? [], [library]);

  // A new view starts at its top, as a new page would.
  const place =
    view.kind === 'log'
      ? `log:${view.ref}`
      : view.kind === 'hub-log'
        ? `hub:${view.sessionId}`
        : view.kind;
  useEffect(() => {
    document.scrollingElement?.scrollTo?.(0, 0);
    setOpened(undefined);
  }, [place]);

  // Hub views fetch their own logs; the device's library is not needed for them.
  if (view.kind === 'hub-log') return <HubLogDebrief sessionId={view.sessionId} tab={view.tab} />;
  if (view.kind === 'hub-class') return <HubClassView />;

  if (loadError) {
    return (
      <div className="notice error" role="alert">
        <p>The debrief could not read this device’s logs: {loadError}</p>
      </div>
    );
  }
  if (!library) return <p className="hint">Loading logs…</p>;

  const feedback = opened && (opened.ok.length > 0 || opened.errors.length > 0) && (
    <div className={`notice ${opened.errors.length ? 'error' : 'success'}`} role="status">
      {opened.errors.length > 0 && (
        <>
          <p>Some files could not be opened, or need a look:</p>
          <ul>
            {opened.errors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </>
      )}
      {opened.ok.length > 0 && <p>{opened.ok.join('; ')}.</p>}
    </div>
  );

  if (view.kind === 'log') {
    const entry = findLog(logs, view.ref);
    if (!entry) {
      return (
        <div className="debrief">
          <div className="panel empty">
            <h1>Log not found</h1>
            <p>This log is not on this device. Open its file from the list.</p>
            <button type="button" className="button primary" onClick={() => go({ kind: 'list' })}>
              All logs
            </button>
          </div>
        </div>
      );
    }
    return (
      <div className="debrief">
        {feedback}
        <LogDebrief
          key={entry.key}
          entry={entry}
          tab={view.tab}
          onTab={(tab) => go({ kind: 'log', ref: entry.key, tab })}
          onBack={() => go({ kind: 'list' })}
          onOpenFiles={(files) => void open(files)}
        />
      </div>
    );
  }

  if (view.kind === 'class') {
    const chosen = view.keys.map((k) => findLog(logs, k)).filter((l): l is DebriefLog => !!l);
    const scenario = classScenario(chosen);
    return (
      <div className="debrief">
        {scenario ? (
          <ClassView
            scenario={scenario}
            logs={chosen.map((l) => l.log)}
            onBack={() => go({ kind: 'list' })}
          />
        ) : (
          <div className="panel empty">
            <h1>Class view</h1>
            <p>
              None of these logs was recorded with a scenario text on this device. Open the scenario
              file from the list first.
            </p>
            <button type="button" className="button primary" onClick={() => go({ kind: 'list' })}>
              All logs
            </button>
          </div>
        )}
      </div>
    );
  }

  const chosen = logs.filter((l) => selected.has(l.key));

  function exportXapi() {
    const scenario = classScenario(chosen);
    if (!scenario) return setListError('The scenario of these logs is not on this device.');
    const usable = chosen.filter(
      (l) => l.integrity.state === 'intact' && l.integrity.scenario === scenario,
    );
    const left = chosen.length - usable.length;
    try {
      downloadText(
        xapiFileName(
          scenario,
          usable.map((l) => l.log),
        ),
        xapiFileText(
          scenario,
          usable.map((l) => l.log),
        ),
      );
      setListError(
        left > 0
          ? `${left} of the selected logs were not exported: they do not verify against “${scenario.title}” v${scenario.version}.`
          : undefined,
      );
    } catch (e) {
      setListError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div className="debrief">
      <div className="page-heading">
        <h1>Debrief</h1>
        <p className="lede">
          Open a trainee’s drill to debrief it, or tick several logs of one scenario for the class
          view. Ratings stay hidden until you show them.
        </p>
      </div>
      <HubLogs />
      <OpenFiles busy={busy} onFiles={(files) => void open(files)} />
      {feedback}
      {listError && (
        <div className="notice error" role="alert">
          <p>{listError}</p>
        </div>
      )}
      <LogList
        logs={logs}
        selected={selected}
        onSelect={(keys, on) =>
          setSelected((s) => {
            const next = new Set(s);
            for (const k of keys) {
              if (on) next.add(k);
              else next.delete(k);
            }
            return next;
          })
        }
        onOpen={(key) => go({ kind: 'log', ref: key, tab: 'reactions' })}
        onClose={(key) => void closeFile(key).then(reload)}
        onClassView={() => go({ kind: 'class', keys: chosen.map((l) => l.key) })}
        onExportXapi={exportXapi}
      />
    </div>
  );
}
