/**
 * The engine's findings about the current document. Each item says where
 * and why; clicking it selects the place on the canvas or opens the panel
 * that holds it.
 */
import { useMemo, useState } from 'react';
import type { Diagnostic } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { useEditor, useEditorStore } from '../store/context';
import { useUi, useUiStore } from '../store/ui-context';
import { placeOf, type Place } from '../model/places';

/** Where a place is, in words: "beat 'desk' › choice 'listen'". */
export function placeWords(place: Place): string {
  switch (place.kind) {
    case 'beat':
      return `beat '${place.beat}'`;
    case 'choice':
      return `beat '${place.beat}' › choice '${place.choice}'`;
    case 'timeout':
      return `beat '${place.beat}' › timer`;
    case 'variable':
      return `variable '${place.name}'`;
    case 'scenario':
      return place.field ? `scenario › ${place.field}` : 'scenario';
  }
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function sorted(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}

/**
 * One finding as a list item; clicking it selects `place` (by default the
 * one its path names) and calls `onPicked`. Also lists the hub's findings.
 */
export function DiagnosticItem({
  d,
  doc,
  place = placeOf(d, doc),
  onPicked,
}: {
  d: Diagnostic;
  doc: Scenario;
  place?: Place;
  onPicked?: () => void;
}) {
  const store = useEditorStore();
  const ui = useUiStore();
  return (
    <li className={`diagnostic severity-${d.severity}`} data-diagnostic-code={d.code}>
      <button
        type="button"
        className="diagnostic-button"
        onClick={() => {
          store.getState().reveal(place);
          if (place.kind === 'variable') ui.getState().set({ sideTab: 'variables' });
          if (place.kind === 'scenario') ui.getState().set({ sideTab: 'scenario' });
          onPicked?.();
        }}
      >
        <span className="severity-icon" aria-hidden="true">
          {d.severity === 'error' ? '⚠' : d.severity === 'warning' ? '!' : 'i'}
        </span>
        <span className="sr-only">{d.severity}: </span>
        <span className="diagnostic-message">{d.message}</span>
        <span className="diagnostic-place">{placeWords(place)}</span>
        <code className="diagnostic-code">{d.code}</code>
      </button>
    </li>
  );
}

export function DiagnosticsPanel() {
  const validation = useEditor((s) => s.validation);
  const doc = useEditor((s) => s.doc);
  const open = useUi((s) => s.diagnosticsOpen);
  const ui = useUiStore();
  const [filter, setFilter] = useState<'all' | 'error' | 'warning'>('all');
  const list = useMemo(
    () => sorted(validation.diagnostics).filter((d) => filter === 'all' || d.severity === filter),
    [validation.diagnostics, filter],
  );
  const total = validation.diagnostics.length;

  return (
    <section
      className={`diagnostics${open ? '' : ' is-collapsed'}`}
      aria-labelledby="diagnostics-heading"
    >
      <header className="diagnostics-head">
        <button
          type="button"
          className="diagnostics-toggle"
          aria-expanded={open}
          onClick={() => ui.getState().set({ diagnosticsOpen: !open })}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
          <h2 id="diagnostics-heading">Problems</h2>
        </button>
        <span className="count count-error" title="Errors">
          ⚠ {validation.errors}
        </span>
        <span className="count count-warning" title="Warnings">
          ! {validation.warnings}
        </span>
        {open && total > 0 && (
          <div className="segmented small" role="radiogroup" aria-label="Show">
            {(['all', 'error', 'warning'] as const).map((f) => (
              <button
                key={f}
                type="button"
                role="radio"
                aria-checked={filter === f}
                className={`segment${filter === f ? ' is-on' : ''}`}
                onClick={() => setFilter(f)}
              >
                {f === 'all' ? 'All' : f === 'error' ? 'Errors' : 'Warnings'}
              </button>
            ))}
          </div>
        )}
      </header>
      {open &&
        (total === 0 ? (
          <p className="diagnostics-clear">No problems found. The scenario is ready to play.</p>
        ) : (
          <ul className="diagnostics-list">
            {list.map((d, i) => (
              <DiagnosticItem key={`${d.code}-${d.path}-${i}`} d={d} doc={doc} />
            ))}
          </ul>
        ))}
    </section>
  );
}
