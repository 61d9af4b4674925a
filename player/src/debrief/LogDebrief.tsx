import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { SelfAssessment } from '@defuse/schemas';
import { AnalysisTab } from './AnalysisTab';
import { downloadDebriefedLog, downloadText, xapiFileName, xapiFileText } from './download';
import { outcomeLabel, when } from './format';
import { IntegrityBadge } from './IntegrityBadge';
import { NoteAuthor } from './NoteEditor';
import { localNotesStore, type NotesStore } from './notes-store';
import { logWithNotes, notesOwner, type DebriefLog } from './library';
import { FileNotes } from './FileNotes';
import { scenarioTitle } from './LogList';
import { PrintSheet } from './PrintSheet';
import { RawEvents } from './RawEvents';
import { ReactionsTab } from './ReactionsTab';
import { replaySteps, type ReplayStep } from './steps';
import { StepThrough } from './StepThrough';
import { SummaryTab } from './SummaryTab';
import { TimelineTab } from './TimelineTab';
import { useDebriefNotes } from './use-debrief-notes';
import { WhatIf } from './WhatIf';

export const TABS = [
  { id: 'reactions', label: 'Reactions' },
  { id: 'timeline', label: 'Timeline' },
  { id: 'analysis', label: 'Analysis' },
  { id: 'summary', label: 'Summary' },
] as const;
export type TabId = (typeof TABS)[number]['id'];

interface Props {
  entry: DebriefLog;
  tab: TabId;
  onTab: (tab: TabId) => void;
  onBack: () => void;
  /** Files dropped or picked here (a missing scenario, typically). */
  onOpenFiles: (files: File[]) => void;
  /** Where the notes live; this device's store when absent. */
  notesStore?: NotesStore;
}

/**
 * One trainee's drill, debriefed in phases: the trainee's reactions first,
 * then the shared timeline, the analysis, and the summary. Ratings stay
 * hidden until the instructor shows them. Notes and reactions are saved as
 * they are written (on this device, or notes on the hub for a hub log) and
 * go into the exported log file.
 */
export function LogDebrief({ entry, tab, onTab, onBack, onOpenFiles, notesStore }: Props) {
  const { log, integrity } = entry;
  const { sessionId, logId, ownDrill } = notesOwner(entry);
  const store = useMemo(
    () => notesStore ?? localNotesStore({ sessionId, logId, ownDrill }),
    [notesStore, sessionId, logId, ownDrill],
  );
  const fromFile =
    entry.source === 'file' && entry.fileName
      ? {
          fileName: entry.fileName,
          annotations: log.annotations ?? [],
          ...(log.selfAssessment ? { selfAssessment: log.selfAssessment } : {}),
        }
      : undefined;
  const { notes, addNote, deleteNote, error: notesError, ...changes } = useDebriefNotes(store);
  const [ratingsShown, setRatingsShown] = useState(false);
  const [stepping, setStepping] = useState<number>();
  const [whatIf, setWhatIf] = useState<ReplayStep>();
  const [exported, setExported] = useState('');
  const [exportError, setExportError] = useState<string>();
  const status = exported || changes.status;
  const error = exportError ?? notesError;
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});

  const scenario = integrity.scenario;
  const replay = integrity.replay;
  const steps = useMemo(
    () => (scenario && replay ? replaySteps(scenario, replay) : []),
    [scenario, replay],
  );

  const saveReactions = (selfAssessment: SelfAssessment) => {
    changes.saveReactions(selfAssessment);
    onTab('timeline');
  };

  function exportLog() {
    if (!notes) return;
    downloadDebriefedLog(logWithNotes(log, notes));
    setExported('Log exported with the notes and reactions.');
  }

  function exportXapi() {
    if (!scenario) return;
    try {
      downloadText(xapiFileName(scenario, [log]), xapiFileText(scenario, [log]));
      setExported('xAPI statements exported.');
    } catch (e) {
      setExportError(e instanceof Error ? e.message : String(e));
    }
  }

  const outcome = log.events.find((e) => e.type === 'end')?.outcome;
  const header = (toolbar?: ReactNode) => (
    <div className="debrief-header">
      <button type="button" className="link-button back-link" onClick={onBack}>
        ← All logs
      </button>
      <div className="debrief-title">
        <p className="eyebrow">Debrief</p>
        <h1>
          {log.trainee.name ?? log.trainee.id} · {scenarioTitle(entry)}
        </h1>
        <p className="debrief-meta">
          {when(log.startedAt)} · {log.mode === 'assessment' ? 'Assessment' : 'Training'} · v
          {log.scenario.version} · {outcomeLabel(outcome)}
        </p>
        <div className="debrief-status-row">
          <IntegrityBadge
            integrity={integrity}
            detailed={integrity.state !== 'intact' || integrity.signature?.state === 'unknown-key'}
          />
          {toolbar}
        </div>
        {entry.conflict && (
          <p className="notice error" role="note">
            Conflict: another, different log has the same session id. Only one of them can be the
            real drill.
          </p>
        )}
      </div>
    </div>
  );

  if (integrity.state !== 'intact' || !scenario || !replay) {
    return (
      <div className="debrief-log">
        {header()}
        {integrity.state === 'scenario-missing' && (
          <div className="notice">
            <p>
              To debrief this log, open the scenario file it was recorded with: “{log.scenario.id}”
              version {log.scenario.version}.
            </p>
            <ScenarioPicker onFiles={onOpenFiles} />
          </div>
        )}
        {integrity.state === 'version-mismatch' && (
          <div className="notice">
            <p>
              The events are shown as recorded, by id, without today’s wording. Open the scenario
              file of version {log.scenario.version} for the full debrief.
            </p>
            <ScenarioPicker onFiles={onOpenFiles} />
          </div>
        )}
        {integrity.state === 'tampered' && (
          <div className="notice error">
            <p>
              This log does not verify, so it is not debriefed or counted. The events are listed as
              they are in the file
              {integrity.seq !== undefined ? `; event ${integrity.seq} is marked` : ''}.
            </p>
          </div>
        )}
        <h2>Events as recorded</h2>
        <RawEvents log={log} flagged={integrity.seq} />
      </div>
    );
  }

  const locked = !notes?.reactionsDone;
  const active: TabId = locked ? 'reactions' : tab;

  function keyNav(e: KeyboardEvent, index: number) {
    const dir = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!dir || locked) return;
    e.preventDefault();
    const next = TABS[(index + dir + TABS.length) % TABS.length]!;
    onTab(next.id);
    tabRefs.current[next.id]?.focus();
  }

  return (
    <NoteAuthor.Provider value={store.author}>
      <div className="debrief-log">
        {header(
          <div className="debrief-toolbar">
            <button
              type="button"
              className={`button compact ${ratingsShown ? 'primary' : 'secondary'}`}
              aria-pressed={ratingsShown}
              disabled={locked}
              onClick={() => setRatingsShown((s) => !s)}
            >
              {ratingsShown ? 'Hide ratings' : 'Show ratings'}
            </button>
            <button
              type="button"
              className="button secondary compact"
              disabled={!notes}
              onClick={exportLog}
            >
              Export log
            </button>
            <button type="button" className="button secondary compact" onClick={exportXapi}>
              Export xAPI
            </button>
            <button
              type="button"
              className="button secondary compact"
              disabled={locked}
              onClick={() => window.print()}
            >
              Print
            </button>
          </div>,
        )}
        <p className="visually-hidden" role="status">
          {status}
        </p>
        {error && (
          <div className="notice error" role="alert">
            <p>{error}</p>
          </div>
        )}
        <div className="debrief-tabs" role="tablist" aria-label="Debrief phases">
          {TABS.map((t, i) => {
            const disabled = locked && t.id !== 'reactions';
            return (
              <button
                key={t.id}
                ref={(el) => {
                  tabRefs.current[t.id] = el;
                }}
                type="button"
                role="tab"
                id={`debrief-tab-${t.id}`}
                aria-controls={`debrief-panel-${t.id}`}
                aria-selected={active === t.id}
                aria-disabled={disabled || undefined}
                tabIndex={active === t.id ? 0 : -1}
                className="debrief-tab"
                onKeyDown={(e) => keyNav(e, i)}
                onClick={() => {
                  if (disabled) return;
                  setWhatIf(undefined);
                  onTab(t.id);
                }}
              >
                <span className="tab-number" aria-hidden="true">
                  {i + 1}
                </span>
                {t.label}
              </button>
            );
          })}
        </div>
        {fromFile && <FileNotes {...fromFile} />}
        {locked && notes && (
          <p className="hint locked-hint">
            The trainee’s reactions come first; the other phases open after.
          </p>
        )}
        <div
          className="debrief-panel"
          role="tabpanel"
          id={`debrief-panel-${active}`}
          aria-labelledby={`debrief-tab-${active}`}
          data-tab={active}
        >
          {!notes && <p className="hint">Loading…</p>}
          {notes && whatIf && (
            <WhatIf
              scenario={scenario}
              step={whatIf}
              seed={log.seed}
              onClose={() => setWhatIf(undefined)}
            />
          )}
          {notes && !whatIf && active === 'reactions' && (
            <ReactionsTab
              traineeId={log.trainee.name ?? log.trainee.id}
              {...(notes.selfAssessment ? { selfAssessment: notes.selfAssessment } : {})}
              done={notes.reactionsDone}
              onSave={saveReactions}
            />
          )}
          {notes && !whatIf && active === 'timeline' && stepping === undefined && (
            <TimelineTab
              timeline={replay.timeline}
              steps={steps}
              notes={notes.annotations}
              ratingsShown={ratingsShown}
              onAddNote={addNote}
              onDeleteNote={deleteNote}
              onReplay={setStepping}
            />
          )}
          {notes && !whatIf && active === 'timeline' && stepping !== undefined && (
            <StepThrough
              scenario={scenario}
              steps={steps}
              current={stepping}
              ratingsShown={ratingsShown}
              onGo={setStepping}
              onWhatIf={setWhatIf}
              onClose={() => setStepping(undefined)}
            />
          )}
          {notes && !whatIf && active === 'analysis' && (
            <AnalysisTab scenario={scenario} replay={replay} steps={steps} onWhatIf={setWhatIf} />
          )}
          {notes && !whatIf && active === 'summary' && (
            <SummaryTab
              scenario={scenario}
              replay={replay}
              notes={notes.annotations}
              {...(notes.selfAssessment ? { selfAssessment: notes.selfAssessment } : {})}
              ratingsShown={ratingsShown}
              onAddNote={addNote}
              onDeleteNote={deleteNote}
            />
          )}
        </div>
        {notes && !locked && (
          <PrintSheet
            log={log}
            scenario={scenario}
            replay={replay}
            integrity={integrity}
            notes={notes.annotations}
            {...(notes.selfAssessment ? { selfAssessment: notes.selfAssessment } : {})}
            {...(fromFile ? { fromFile } : {})}
            ratingsShown={ratingsShown}
          />
        )}
      </div>
    </NoteAuthor.Provider>
  );
}

function ScenarioPicker({ onFiles }: { onFiles: (files: File[]) => void }) {
  return (
    <label className="button secondary compact file-button">
      Open the scenario file
      <input
        className="visually-hidden-file"
        type="file"
        accept=".json,application/json"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length) onFiles(files);
        }}
      />
    </label>
  );
}
