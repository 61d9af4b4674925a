/** Messages from import and export, and refused changes, until dismissed. */
import { useEffect } from 'react';
import { useEditor, useEditorStore } from '../store/context';
import { useUi, useUiStore } from '../store/ui-context';

export function Banner() {
  const ui = useUiStore();
  const store = useEditorStore();
  const message = useUi((s) => s.message);
  const notice = useEditor((s) => s.notice);
  // Plain news ("Opened …") goes away by itself; problems stay until dismissed.
  useEffect(() => {
    if (message?.tone !== 'info') return;
    const timer = setTimeout(() => {
      if (ui.getState().message === message) ui.getState().set({ message: undefined });
    }, 6000);
    return () => clearTimeout(timer);
  }, [message, ui]);
  if (!message && !notice) return null;
  const tone = message?.tone ?? 'warning';
  const text = message?.text ?? notice!;
  return (
    <div className={`banner banner-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span className="banner-text">{text}</span>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => {
          if (message) ui.getState().set({ message: undefined });
          else store.getState().dismissNotice();
        }}
      >
        ×
      </button>
    </div>
  );
}
