import { useId } from 'react';
import { formatDateTime } from '../ui/format';
import type { HomeListing } from './class-listing';

export interface ScenarioCardProps {
  entry: HomeListing;
  starting: boolean;
  disabled: boolean;
  onStart: (entry: HomeListing) => void;
  onRemove?: (entry: HomeListing) => void;
}

/** One scenario on the home screen: what it is, how long it takes, and its Start button. */
export function ScenarioCard({ entry, starting, disabled, onStart, onRemove }: ScenarioCardProps) {
  const titleId = useId();
  const type = entry.callType;
  return (
    <li className="scenario-card" data-scenario-id={entry.id} aria-labelledby={titleId}>
      <div className="scenario-meta">
        {type && <span className="tag">{type}</span>}
        {entry.estimatedMinutes !== undefined && (
          <span className="minutes">{entry.estimatedMinutes} min</span>
        )}
        {entry.source === 'imported' && <span className="tag imported">Imported</span>}
        {entry.source === 'class' && <span className="tag class">Class</span>}
      </div>
      <h3 id={titleId}>{entry.title}</h3>
      {entry.summary && <p className="summary">{entry.summary}</p>}
      {entry.source === 'class' && <p className="hint">Version {entry.version}</p>}
      {entry.source === 'imported' && (
        <p className="hint">
          {entry.fileName} · version {entry.version}
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
