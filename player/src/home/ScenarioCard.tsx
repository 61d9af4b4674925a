import { useId } from 'react';
import type { CatalogueEntry } from '../scenarios/catalogue';
import { callType } from '../scenarios/call-type';
import { formatDateTime } from '../ui/format';

export interface ScenarioCardProps {
  entry: CatalogueEntry;
  starting: boolean;
  disabled: boolean;
  onStart: (entry: CatalogueEntry) => void;
  onRemove?: (entry: CatalogueEntry) => void;
}

/** One scenario on the home screen: what it is, how long it takes, and its Start button. */
export function ScenarioCard({ entry, starting, disabled, onStart, onRemove }: ScenarioCardProps) {
  const { scenario } = entry;
  const titleId = useId();
  const type = callType(scenario);
  return (
    <li className="scenario-card" data-scenario-id={scenario.id} aria-labelledby={titleId}>
      <div className="scenario-meta">
        {type && <span className="tag">{type}</span>}
        {scenario.estimatedMinutes !== undefined && (
          <span className="minutes">{scenario.estimatedMinutes} min</span>
        )}
        {entry.source === 'imported' && <span className="tag imported">Imported</span>}
      </div>
      <h3 id={titleId}>{scenario.title}</h3>
      {scenario.summary && <p className="summary">{scenario.summary}</p>}
      {entry.source === 'imported' && (
        <p className="hint">
          {entry.fileName} · version {scenario.version}
          {entry.importedAt !== undefined && ` · imported ${formatDateTime(entry.importedAt)}`}
        </p>
      )}
      <div className="card-actions">
        <button
          type="button"
          className="button primary"
          aria-describedby={titleId}
          disabled={disabled}
          aria-busy={starting || undefined}
          onClick={() => onStart(entry)}
        >
          {starting && <span className="spinner" aria-hidden="true" />}
          Start
        </button>
        {onRemove && (
          <button
            type="button"
            className="button secondary"
            aria-describedby={titleId}
            disabled={disabled}
            onClick={() => onRemove(entry)}
          >
            Remove
          </button>
        )}
      </div>
    </li>
  );
}
