/**
 * Renders the whole editor around a scenario, with its own storage, for
 * component tests.
 */
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Scenario } from '@defuse/schemas';
import { EditorApp } from '../src/components/App';
import { startSession, type Session } from '../src/session';
import { createUiStore, type UiStore } from '../src/store/ui-store';

let dbCount = 0;

export interface RenderedEditor {
  session: Session;
  ui: UiStore;
  user: ReturnType<typeof userEvent.setup>;
  dbName: string;
}

/** The editor showing `doc` (or a new empty scenario). */
export async function renderEditor(
  doc?: Scenario,
  dbName = `editor-test-${++dbCount}-${Date.now()}`,
): Promise<RenderedEditor> {
  const session = await startSession({ dbName });
  if (doc) await session.openDocument(doc);
  const ui = createUiStore();
  const user = userEvent.setup();
  render(<EditorApp session={session} ui={ui} />);
  return { session, ui, user, dbName };
}
