/**
 * The warning before exporting a scenario that still has errors: work in
 * progress can be exported, but nobody can play it yet.
 */
import { useEditor, useEditorStore } from '../store/context';
import { useUi, useUiStore } from '../store/ui-context';
import { downloadExport } from './export';
import { Dialog } from './Dialog';

export function ExportDialog() {
  const store = useEditorStore();
  const ui = useUiStore();
  const open = useUi((s) => s.exportWarning);
  const errors = useEditor((s) => s.validation.errors);
  if (!open) return null;
  const close = () => ui.getState().set({ exportWarning: undefined });
  return (
    <Dialog
      title="Export a scenario with errors?"
      onClose={close}
      actions={
        <>
          <button type="button" className="button" data-autofocus onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="button primary"
            onClick={() => {
              downloadExport(store.getState().doc);
              close();
            }}
          >
            Export anyway
          </button>
        </>
      }
    >
      <p>
        This scenario has {errors} error{errors === 1 ? '' : 's'}. The file keeps your work, but the
        player will refuse it until {errors === 1 ? 'it is' : 'they are'} fixed.
      </p>
    </Dialog>
  );
}
