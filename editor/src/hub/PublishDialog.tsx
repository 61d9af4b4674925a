/**
 * Why a scenario was not published, and the way on: fix the errors, raise
 * the version, fix what the hub found, or try again later. A published
 * scenario needs no dialog; the banner says so.
 */
import type { ReactNode } from 'react';
import type { Diagnostic } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { Dialog } from '../components/Dialog';
import { DiagnosticItem } from '../panels/DiagnosticsPanel';
import type { Place } from '../model/places';
import { placeOf } from '../model/places';
import { useEditor, useEditorStore } from '../store/context';
import { useUiStore } from '../store/ui-context';
import type { EditorStore } from '../store/editor-store';
import type { UiStore } from '../store/ui-store';
import { useHub, useHubStore } from './hub-context';
import { nextPatchVersion, sizeWords, type PublishOutcome } from './publish-outcome';

/** The beat a hub finding names, when the document has it; else its path's place. */
function placeOfHubFinding(d: Diagnostic, doc: Scenario): Place {
  return d.beat !== undefined && doc.beats[d.beat]
    ? { kind: 'beat', beat: d.beat }
    : placeOf(d, doc);
}

/**
 * Opens the Scenario tab and puts the cursor in its Version field. Waits a
 * moment: the tab mounts, and the closing dialog hands focus back first.
 */
function goToVersionField(ui: UiStore): void {
  ui.getState().set({ sideTab: 'scenario' });
  setTimeout(() => {
    const panel = document.querySelector('[data-panel="scenario"]');
    const label = [...(panel?.querySelectorAll('label') ?? [])].find(
      (l) => l.textContent === 'Version',
    );
    const input = label?.htmlFor ? document.getElementById(label.htmlFor) : null;
    if (input instanceof HTMLInputElement) {
      input.focus();
      input.select();
    }
  }, 0);
}

function raiseVersion(store: EditorStore, ui: UiStore, next: string): void {
  const done = store
    .getState()
    .dispatch({ type: 'setScenarioField', field: 'version', value: next });
  if (done.ok) {
    ui.getState().set({
      message: { tone: 'info', text: `Version raised to ${next}. Publish again to send it.` },
    });
  }
}

function Body({ outcome, close }: { outcome: PublishOutcome; close: () => void }) {
  const doc = useEditor((s) => s.doc);
  switch (outcome.kind) {
    case 'has-errors':
      return (
        <p>
          This scenario has {outcome.errors} error{outcome.errors === 1 ? '' : 's'}. Trainees could
          not play it, so it was not sent. Fix {outcome.errors === 1 ? 'it' : 'them'} first; see
          Problems.
        </p>
      );
    case 'version-taken':
      return (
        <>
          <p className="refusal">{outcome.message}</p>
          <p>
            Version {outcome.version} of this scenario is already on the hub with other content.
            Logs of drills name the version they used, so a changed scenario needs a new version.
          </p>
        </>
      );
    case 'refused':
      return (
        <>
          <p>{outcome.message}</p>
          {outcome.diagnostics.length > 0 && (
            <ul className="diagnostics-list hub-findings" aria-label="The hub's findings">
              {outcome.diagnostics.map((d, i) => (
                <DiagnosticItem
                  key={`${d.code}-${d.path}-${i}`}
                  d={d}
                  doc={doc}
                  place={placeOfHubFinding(d, doc)}
                  onPicked={close}
                />
              ))}
            </ul>
          )}
        </>
      );
    case 'too-large':
      return (
        <p>
          This scenario is too large for the hub ({sizeWords(outcome.bytes)}; the hub takes up to 5
          MB). Smaller pictures or sounds make it fit.
        </p>
      );
    case 'unreachable':
      return (
        <p>
          The hub could not be reached, so nothing was sent. Your work is kept in this browser; try
          again when the network is back.
        </p>
      );
    case 'failed':
      return (
        <>
          <p>The hub did not take the scenario:</p>
          <p className="refusal">{outcome.message}</p>
        </>
      );
  }
}

const TITLES: Record<PublishOutcome['kind'], string> = {
  'has-errors': 'Not published: fix the errors first',
  'version-taken': 'Not published: raise the version',
  refused: 'Not published: the hub found problems',
  'too-large': 'Not published: too large',
  unreachable: 'Not published: no connection to the hub',
  failed: 'Not published',
};

export function PublishDialog() {
  const hub = useHubStore();
  const store = useEditorStore();
  const ui = useUiStore();
  const outcome = useHub((s) => s.outcome);
  if (!outcome) return null;
  const close = () => hub.getState().set({ outcome: undefined });
  const next = outcome.kind === 'version-taken' ? nextPatchVersion(outcome.version) : undefined;

  let actions: ReactNode = (
    <button type="button" className="button primary" data-autofocus onClick={close}>
      OK
    </button>
  );
  if (outcome.kind === 'has-errors') {
    actions = (
      <>
        <button type="button" className="button" onClick={close}>
          Close
        </button>
        <button
          type="button"
          className="button primary"
          data-autofocus
          onClick={() => {
            ui.getState().set({ diagnosticsOpen: true });
            close();
          }}
        >
          Show problems
        </button>
      </>
    );
  } else if (outcome.kind === 'version-taken') {
    actions = (
      <>
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            close();
            goToVersionField(ui);
          }}
        >
          Go to the version
        </button>
        {next && (
          <button
            type="button"
            className="button primary"
            data-autofocus
            onClick={() => {
              raiseVersion(store, ui, next);
              close();
            }}
          >
            Raise to {next}
          </button>
        )}
      </>
    );
  }

  return (
    <Dialog title={TITLES[outcome.kind]} onClose={close} actions={actions}>
      <Body outcome={outcome} close={close} />
    </Dialog>
  );
}
