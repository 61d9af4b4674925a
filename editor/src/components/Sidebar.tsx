/**
 * The left side: the scenario's fields, its variables, and the scenarios
 * kept in this browser, as tabs.
 */
import { useUi, useUiStore } from '../store/ui-context';
import type { SideTab } from '../store/ui-store';
import { ScenarioPanel } from '../panels/ScenarioPanel';
import { VariablesPanel } from '../panels/VariablesPanel';
import { LibraryPanel } from '../panels/LibraryPanel';

const TABS: { id: SideTab; label: string }[] = [
  { id: 'scenario', label: 'Scenario' },
  { id: 'variables', label: 'Variables' },
  { id: 'library', label: 'Library' },
];

export function Sidebar() {
  const ui = useUiStore();
  const tab = useUi((s) => s.sideTab);
  return (
    <aside className="sidebar" aria-label="Scenario">
      <div className="tabs" role="tablist" aria-label="Side panels">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            className={`tab${tab === t.id ? ' is-on' : ''}`}
            onClick={() => ui.getState().set({ sideTab: t.id })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'scenario' && <ScenarioPanel />}
        {tab === 'variables' && <VariablesPanel />}
        {tab === 'library' && <LibraryPanel />}
      </div>
    </aside>
  );
}
