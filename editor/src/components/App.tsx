/**
 * The editor window: toolbar on top, scenario panels on the left, the
 * canvas with its problems list in the middle, the inspector on the right.
 */
import { lazy, Suspense, useMemo } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { EditorStoreProvider } from '../store/context';
import { UiStoreProvider, useUi } from '../store/ui-context';
import { createUiStore, type UiStore } from '../store/ui-store';
import { SessionProvider } from '../store/session-context';
import type { Session } from '../session';
import { Canvas } from '../canvas/Canvas';
import { Inspector } from '../inspector/Inspector';
import { DiagnosticsPanel } from '../panels/DiagnosticsPanel';
import { Toolbar } from './Toolbar';
import { Sidebar } from './Sidebar';
import { Banner } from './Banner';
import { DeleteDialog } from './DeleteDialog';
import { ExportDialog } from './ExportDialog';
import { useShortcuts } from './shortcuts';

// The preview pulls in the player's drill components: loaded when first opened.
const Preview = lazy(() => import('../preview/Preview'));

function PreviewSlot() {
  const open = useUi((s) => s.preview !== undefined);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <Preview />
    </Suspense>
  );
}

function Shell({ session, ui }: { session: Session; ui: UiStore }) {
  useShortcuts(session.store, ui);
  return (
    <div className="editor-shell">
      <Toolbar />
      <Banner />
      <div className="editor-body">
        <Sidebar />
        <main className="editor-main">
          <Canvas />
          <DiagnosticsPanel />
        </main>
        <Inspector />
      </div>
      <DeleteDialog />
      <ExportDialog />
      <PreviewSlot />
    </div>
  );
}

/** The whole editor for one session. */
export function EditorApp({ session, ui }: { session: Session; ui?: UiStore }) {
  const uiStore = useMemo(() => ui ?? createUiStore(), [ui]);
  return (
    <SessionProvider session={session}>
      <EditorStoreProvider store={session.store}>
        <UiStoreProvider store={uiStore}>
          <ReactFlowProvider>
            <Shell session={session} ui={uiStore} />
          </ReactFlowProvider>
        </UiStoreProvider>
      </EditorStoreProvider>
    </SessionProvider>
  );
}
