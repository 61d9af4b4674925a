/**
 * The editor window: toolbar on top, scenario panels on the left, the
 * canvas with its problems list in the middle, the inspector on the right.
 */
import { lazy, Suspense, useEffect, useMemo } from 'react';
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
import { HubStoreProvider } from '../hub/hub-context';
import { createHubStore, detectHub, type HubStore } from '../hub/hub-store';
import { PublishDialog } from '../hub/PublishDialog';
import { SignInDialog } from '../hub/SignInDialog';

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
      <PublishDialog />
      <SignInDialog />
      <PreviewSlot />
    </div>
  );
}

/** The whole editor for one session; `hub` is asked once whether a hub served the page. */
export function EditorApp({
  session,
  ui,
  hub,
}: {
  session: Session;
  ui?: UiStore;
  hub?: HubStore;
}) {
  const uiStore = useMemo(() => ui ?? createUiStore(), [ui]);
  const hubStore = useMemo(() => hub ?? createHubStore(), [hub]);
  useEffect(() => {
    if (hubStore.getState().present === undefined) void detectHub(hubStore);
  }, [hubStore]);
  return (
    <SessionProvider session={session}>
      <EditorStoreProvider store={session.store}>
        <UiStoreProvider store={uiStore}>
          <HubStoreProvider store={hubStore}>
            <ReactFlowProvider>
              <Shell session={session} ui={uiStore} />
            </ReactFlowProvider>
          </HubStoreProvider>
        </UiStoreProvider>
      </EditorStoreProvider>
    </SessionProvider>
  );
}
