/**
 * The right-hand inspector: a form for whatever is selected.
 */
import type { SceneBeat } from '@defuse/schemas';
import { useEditor, useEditorStore } from '../store/context';
import { useUiStore } from '../store/ui-context';
import { duplicateSelection } from '../actions';
import { BeatInspector } from './BeatInspector';
import { ChoiceInspector } from './ChoiceInspector';
import { TimerFields } from './TimerFields';

function Empty() {
  return (
    <div className="inspector-empty">
      <h2>Nothing selected</h2>
      <p>Select a beat or a choice on the canvas to edit it here.</p>
      <ul className="tips">
        <li>
          Drag from a beat’s right edge to another beat to add a choice, or to empty space to add a
          beat.
        </li>
        <li>Shift-drag on the canvas to select several beats.</li>
        <li>Delete removes the selection; Ctrl+D duplicates it; Ctrl+Z undoes.</li>
      </ul>
    </div>
  );
}

export function Inspector() {
  const store = useEditorStore();
  const ui = useUiStore();
  const selection = useEditor((s) => s.selection);
  const beats = useEditor((s) => s.doc.beats);

  let content = <Empty />;
  if (selection.edge) {
    const edge = selection.edge;
    const beat = beats[edge.beat] as SceneBeat | undefined;
    if (beat && 'choice' in edge) {
      const choice = beat.choices?.find((c) => c.id === edge.choice);
      if (choice) content = <ChoiceInspector beatId={edge.beat} beat={beat} choice={choice} />;
    } else if (beat) {
      content = (
        <div className="inspector-body" data-inspecting="timer">
          <header className="inspector-header">
            <div>
              <div className="eyebrow">Timer of</div>
              <h2>{beat.title || edge.beat}</h2>
            </div>
          </header>
          <TimerFields beatId={edge.beat} beat={beat} />
        </div>
      );
    }
  } else if (selection.beats.length === 1) {
    const id = selection.beats[0]!;
    const beat = beats[id];
    if (beat) content = <BeatInspector key={id} beatId={id} beat={beat} />;
  } else if (selection.beats.length > 1) {
    content = (
      <div className="inspector-body" data-inspecting="many">
        <header className="inspector-header">
          <div>
            <div className="eyebrow">Selection</div>
            <h2>{selection.beats.length} beats</h2>
          </div>
        </header>
        <ul className="selection-list">
          {selection.beats.map((id) => (
            <li key={id}>
              <button
                type="button"
                className="link-button"
                onClick={() => store.getState().select({ beats: [id] })}
              >
                {beats[id]?.title || id}
              </button>
            </li>
          ))}
        </ul>
        <footer className="inspector-footer">
          <button type="button" className="button" onClick={() => duplicateSelection(store)}>
            Duplicate all
          </button>
          <button
            type="button"
            className="button danger"
            onClick={() => ui.getState().set({ pendingDelete: [...selection.beats] })}
          >
            Delete {selection.beats.length} beats…
          </button>
        </footer>
      </div>
    );
  }

  return (
    <aside className="inspector" aria-label="Inspector">
      {content}
    </aside>
  );
}
