/**
 * Opening a scenario's text as the current document, the one path for an
 * imported file and a shipped scenario: the engine's strict checks, a new
 * local scenario (autosaved), fresh undo history, and a banner saying what
 * happened.
 */
import type { Session } from '../session';
import type { UiStore } from '../store/ui-store';

/**
 * Opens `input` (a scenario file's text or bytes) named `name` for messages.
 * A file that is not a scenario is refused with the reason and changes
 * nothing. Resolves to whether it was opened.
 */
export async function openScenarioText(
  session: Session,
  ui: UiStore,
  input: string | Uint8Array,
  name: string,
): Promise<boolean> {
  const { importScenario } = await import('../io');
  const result = importScenario(input, name);
  if (!result.ok) {
    ui.getState().set({ message: { tone: 'error', text: result.message } });
    return false;
  }
  await session.openDocument(result.doc);
  const problems = session.store.getState().validation.errors;
  ui.getState().set({
    message: problems
      ? {
          tone: 'warning',
          text: `Opened ${name}. It has ${problems} error${problems === 1 ? '' : 's'} to fix; see Problems.`,
        }
      : { tone: 'info', text: `Opened ${name}.` },
  });
  return true;
}
