/**
 * Publishing the current scenario to the hub: the same rule as Export (a
 * scenario with errors does not leave the editor), the same text as Export
 * (so the hub's digest matches the exported file), and a sign-in first when
 * nobody is signed in.
 */
import { hubRequest, HubError, type HubScenarioVersion } from '@defuse/player';
import type { EditorStore } from '../store/editor-store';
import type { UiStore } from '../store/ui-store';
import { exportText } from '../export-format';
import { loadHubList, withAccount, type HubStore } from './hub-store';
import { outcomeOfError } from './publish-outcome';

/**
 * Publishes the document of `store` once an instructor is signed in. The
 * result goes to the banner (published) or to `hub.outcome` (the dialog).
 */
export async function publishScenario(
  store: EditorStore,
  hub: HubStore,
  ui: UiStore,
): Promise<void> {
  const errors = store.getState().validation.errors;
  if (errors > 0) {
    hub.getState().set({ outcome: { kind: 'has-errors', errors } });
    return;
  }
  await withAccount(hub, 'to publish this scenario', () => void send(store, hub, ui));
}

async function send(store: EditorStore, hub: HubStore, ui: UiStore): Promise<void> {
  const doc = store.getState().doc;
  const text = exportText(doc);
  hub.getState().set({ publishing: true, outcome: undefined });
  try {
    const published = await hubRequest<HubScenarioVersion>('/scenarios', { body: text });
    // 200 (this exact text was already there) reads the same: it is published.
    ui.getState().set({
      message: { tone: 'info', text: `Published ${published.title} v${published.version}.` },
    });
    if (hub.getState().list.status !== 'idle') void loadHubList(hub);
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
    if (error.status === 401) {
      // The session ended since it was checked: sign in again, then retry.
      hub.getState().set({
        account: undefined,
        signIn: { reason: 'to publish this scenario', then: () => void send(store, hub, ui) },
      });
      return;
    }
    const bytes = new TextEncoder().encode(text).length;
    hub.getState().set({ outcome: outcomeOfError(error, doc.version, bytes) });
  } finally {
    hub.getState().set({ publishing: false });
  }
}
