/**
 * The top bar: file actions (Publish to hub when a hub served the page), undo and redo named by the change they undo,
 * adding beats, layout, the validation status and Play.
 */
import { useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import { isPlayable } from '../model/validation';
import { useEditor, useEditorStore } from '../store/context';
import { useUiStore } from '../store/ui-context';
import { useSession, useSessionState } from '../store/session-context';
import { redoLabel, undoLabel } from '../model/history';
import { addBeat, autoLayout } from '../actions';
import { BEAT_HEIGHT, BEAT_WIDTH } from '../canvas/graph';
import { readPositions } from '../model/positions';
import { downloadExport } from './export';
import { openScenarioText } from './open-scenario';
import { useHub, useHubStore } from '../hub/hub-context';
import { publishScenario } from '../hub/publish';

const SAVE_WORDS = {
  saving: 'Saving…',
  saved: 'Saved in this browser',
  error: 'Not saved: storage failed',
  unavailable: 'Not saved (no storage)',
} as const;

export function Toolbar() {
  const store = useEditorStore();
  const ui = useUiStore();
  const session = useSession();
  const flow = useReactFlow();
  const fileInput = useRef<HTMLInputElement>(null);
  const [laying, setLaying] = useState(false);
  const title = useEditor((s) => s.doc.title);
  const undo = useEditor((s) => undoLabel(s.history));
  const redo = useEditor((s) => redoLabel(s.history));
  const errors = useEditor((s) => s.validation.errors);
  const warnings = useEditor((s) => s.validation.warnings);
  const playable = useEditor((s) => isPlayable(s.validation));
  const saveStatus = useSessionState((s) => s.status);
  const hub = useHubStore();
  const onHub = useHub((s) => s.present === true);
  const publishing = useHub((s) => s.publishing);

  /** Right of the selected beat, or the middle of the canvas. */
  const placeForNewBeat = () => {
    const { doc, selection } = store.getState();
    const selected = selection.beats[0] ?? selection.edge?.beat;
    const at = selected ? readPositions(doc)[selected] : undefined;
    if (at) return { x: at.x + BEAT_WIDTH + 120, y: at.y };
    const pane = document.querySelector('.canvas')?.getBoundingClientRect();
    const p = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 3 })
      : { x: 0, y: 0 };
    return { x: Math.round(p.x - BEAT_WIDTH / 2), y: Math.round(p.y - BEAT_HEIGHT / 2) };
  };

  const onImport = async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await openScenarioText(session, ui, bytes, `“${file.name}”`);
  };

  return (
    <header className="toolbar" role="toolbar" aria-label="Editor">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          ◆
        </span>
        <span className="brand-name">Defuse</span>
        <span className="brand-sub">Scenario editor</span>
      </div>
      <div className="doc-title" title={title}>
        {title || 'Untitled scenario'}
      </div>

      <div className="tool-group">
        <button type="button" className="tool" onClick={() => void session.newScenario()}>
          New
        </button>
        <button type="button" className="tool" onClick={() => fileInput.current?.click()}>
          Import…
        </button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="visually-hidden-input"
          aria-label="Import a scenario file"
          data-testid="import-scenario"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void onImport(file);
          }}
        />
        <button
          type="button"
          className="tool"
          onClick={() => {
            if (store.getState().validation.errors > 0) ui.getState().set({ exportWarning: true });
            else downloadExport(store.getState().doc);
          }}
        >
          Export
        </button>
        {onHub && (
          <button
            type="button"
            className="tool"
            disabled={publishing}
            onClick={() => void publishScenario(store, hub, ui)}
          >
            {publishing ? 'Publishing…' : 'Publish to hub'}
          </button>
        )}
      </div>

      <div className="tool-group">
        <button
          type="button"
          className="tool tool-history"
          disabled={!undo}
          title={undo ? `Undo ${undo} (Ctrl+Z)` : 'Nothing to undo'}
          onClick={() => store.getState().undo()}
        >
          ↶ <span className="tool-history-label">{undo ? `Undo ${undo}` : 'Undo'}</span>
        </button>
        <button
          type="button"
          className="tool tool-history"
          disabled={!redo}
          title={redo ? `Redo ${redo} (Shift+Ctrl+Z)` : 'Nothing to redo'}
          onClick={() => store.getState().redo()}
        >
          ↷ <span className="tool-history-label">{redo ? `Redo ${redo}` : 'Redo'}</span>
        </button>
      </div>

      <div className="tool-group">
        <button
          type="button"
          className="tool"
          onClick={() => addBeat(store, 'scene', placeForNewBeat())}
        >
          + Scene
        </button>
        <button
          type="button"
          className="tool"
          onClick={() => addBeat(store, 'outcome', placeForNewBeat())}
        >
          + Outcome
        </button>
        <button
          type="button"
          className="tool"
          disabled={laying}
          onClick={() => {
            setLaying(true);
            void autoLayout(store, session.background.layout)
              .then((done) => {
                if (done) {
                  requestAnimationFrame(
                    () => void flow.fitView({ padding: 0.15, maxZoom: 1, duration: 300 }),
                  );
                }
              })
              .finally(() => setLaying(false));
          }}
        >
          {laying ? 'Laying out…' : 'Auto layout'}
        </button>
      </div>

      <div className="toolbar-spacer" />

      <span className={`save-status save-${saveStatus}`} role="status">
        {SAVE_WORDS[saveStatus]}
      </span>
      <button
        type="button"
        className={`status-chip ${errors ? 'is-error' : warnings ? 'is-warning' : 'is-ok'}`}
        onClick={() => ui.getState().set({ diagnosticsOpen: true })}
        title="Show problems"
      >
        {errors
          ? `${errors} error${errors === 1 ? '' : 's'}`
          : warnings
            ? `${warnings} warning${warnings === 1 ? '' : 's'}`
            : '✓ Valid'}
      </button>
      {playable && (
        <button
          type="button"
          className="tool tool-play"
          onClick={() => ui.getState().set({ preview: { stage: 'setup', start: {} } })}
        >
          ▶ Play
        </button>
      )}
    </header>
  );
}
