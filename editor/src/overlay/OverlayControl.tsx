/**
 * "Class results": open a class's decision logs and see them on the canvas
 * (share of trainees on each edge, runs on each beat and outcome). The
 * counting code loads only when logs are opened.
 */
import { useState } from 'react';
import { Panel } from '@xyflow/react';
import { useEditor, useEditorStore } from '../store/context';
import { useUi, useUiStore } from '../store/ui-context';
import { isPlayable } from '../model/validation';

export function OverlayControl() {
  const ui = useUiStore();
  const store = useEditorStore();
  const overlay = useUi((s) => s.overlay);
  const playable = useEditor((s) => isPlayable(s.validation));
  const [busy, setBusy] = useState(false);

  const load = async (files: File[]) => {
    setBusy(true);
    try {
      const read = await Promise.all(
        files.map(async (f) => ({ name: f.name, text: await f.text() })),
      );
      const { readLogs, classOverlay } = await import('./class-overlay');
      const { logs, refused } = readLogs(read);
      const skipped = refused.map((r) => `${r.file} (${r.reason})`).join('; ');
      if (logs.length === 0) {
        ui.getState().set({
          message: { tone: 'error', text: `No decision logs among the files: ${skipped}.` },
        });
        return;
      }
      const result = classOverlay(store.getState().doc, logs);
      const excluded = result.stats.excluded.map((e) => `${e.trainee}: ${e.reason}`).join('; ');
      ui.getState().set({
        overlay: result,
        message:
          refused.length || excluded
            ? {
                tone: 'warning',
                text: [
                  refused.length ? `Not logs: ${skipped}.` : '',
                  excluded ? `Left out: ${excluded}.` : '',
                ]
                  .filter(Boolean)
                  .join(' '),
              }
            : undefined,
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Panel position="top-left" className="overlay-control">
      {overlay ? (
        <div className="overlay-legend" role="status">
          <span className="overlay-swatch" aria-hidden="true" />
          <span className="overlay-title">Class results: {overlay.title}</span>
          <button
            type="button"
            className="link-button"
            onClick={() => ui.getState().set({ overlay: undefined })}
          >
            Clear
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button small"
          disabled={!playable || busy}
          title={playable ? 'Show how a class went through this scenario' : 'Fix the errors first'}
          onClick={() => {
            // Made on demand, so the scenario import stays the page's only file input.
            const picker = document.createElement('input');
            picker.type = 'file';
            picker.multiple = true;
            picker.accept = '.json,application/json';
            picker.addEventListener('change', () => {
              const files = [...(picker.files ?? [])];
              if (files.length) void load(files);
            });
            picker.click();
          }}
        >
          {busy ? 'Reading logs…' : 'Class results…'}
        </button>
      )}
    </Panel>
  );
}
