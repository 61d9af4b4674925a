/**
 * Asks before deleting beats, listing the choices and timers that lead to
 * them from elsewhere: those are removed too.
 */
import { useEditor, useEditorStore } from '../store/context';
import { useUi, useUiStore } from '../store/ui-context';
import { incomingFromOutside } from '../actions';
import { Dialog } from './Dialog';

export function DeleteDialog() {
  const store = useEditorStore();
  const ui = useUiStore();
  const pending = useUi((s) => s.pendingDelete);
  const doc = useEditor((s) => s.doc);
  if (!pending || pending.length === 0) return null;
  const beatIds = pending.filter((id) => doc.beats[id]);
  const incoming = incomingFromOutside(doc, beatIds);
  const close = () => ui.getState().set({ pendingDelete: undefined });
  const names = beatIds.map((id) => `“${doc.beats[id]?.title || id}”`).join(', ');

  return (
    <Dialog
      title={beatIds.length === 1 ? 'Delete this beat?' : `Delete ${beatIds.length} beats?`}
      onClose={close}
      actions={
        <>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button danger"
            data-autofocus
            onClick={() => {
              store.getState().dispatch({ type: 'deleteBeats', beatIds });
              close();
            }}
          >
            Delete
          </button>
        </>
      }
    >
      <p>{names} will be deleted.</p>
      {incoming.length > 0 ? (
        <>
          <p>
            {incoming.length === 1 ? 'This way in is' : `These ${incoming.length} ways in are`}{' '}
            removed with {beatIds.length === 1 ? 'it' : 'them'}:
          </p>
          <ul className="incoming-list">
            {incoming.map((ref, i) => {
              const from = doc.beats[ref.from.beat];
              const choice =
                'choice' in ref.from && from && from.kind !== 'outcome'
                  ? from.choices?.find((c) => 'choice' in ref.from && c.id === ref.from.choice)
                  : undefined;
              return (
                <li key={i}>
                  {'choice' in ref.from ? (
                    <>
                      Choice “{choice?.label || ref.from.choice}” in “{from?.title || ref.from.beat}
                      ”
                    </>
                  ) : (
                    <>Timer of “{from?.title || ref.from.beat}”</>
                  )}
                  {ref.form !== 'to' && <span className="muted"> ({ref.form} entry)</span>}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p className="muted">No other beat leads here.</p>
      )}
      <p className="muted">You can undo this.</p>
    </Dialog>
  );
}
