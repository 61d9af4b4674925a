import { useEffect, useId, useState } from 'react';
import type { HubClass, HubScenarioVersion } from '../hub/api';
import type { HubLogFilter } from './hub-logs';

interface Props {
  filter: HubLogFilter;
  classes: HubClass[];
  scenarios: HubScenarioVersion[];
  onChange: (filter: HubLogFilter) => void;
}

/** One entry per scenario id, with its newest title (the list is newest first). */
export function scenarioChoices(versions: HubScenarioVersion[]): { id: string; title: string }[] {
  const seen = new Map<string, string>();
  for (const v of versions) if (!seen.has(v.id)) seen.set(v.id, v.title);
  return [...seen].map(([id, title]) => ({ id, title }));
}

/**
 * Narrows the hub's list by class session, scenario and trainee. A pick in a
 * list applies at once; the trainee id applies when sent (Enter or Find), so
 * the list is not fetched again at every keystroke.
 */
export function HubLogFilters({ filter, classes, scenarios, onChange }: Props) {
  const id = useId();
  const [trainee, setTrainee] = useState(filter.traineeId);
  useEffect(() => setTrainee(filter.traineeId), [filter.traineeId]);

  return (
    <form
      className="hub-filters"
      aria-label="Filter the hub’s logs"
      onSubmit={(e) => {
        e.preventDefault();
        onChange({ ...filter, traineeId: trainee.trim() });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-class`}>Class session</label>
        <select
          id={`${id}-class`}
          value={filter.classId}
          onChange={(e) => onChange({ ...filter, classId: e.currentTarget.value })}
        >
          <option value="">All classes</option>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
              {c.open ? ' (open)' : ''}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-scenario`}>Scenario</label>
        <select
          id={`${id}-scenario`}
          value={filter.scenarioId}
          onChange={(e) => onChange({ ...filter, scenarioId: e.currentTarget.value })}
        >
          <option value="">All scenarios</option>
          {scenarioChoices(scenarios).map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-trainee`}>Trainee id</label>
        <div className="hub-find">
          <input
            id={`${id}-trainee`}
            type="text"
            inputMode="text"
            autoComplete="off"
            value={trainee}
            onChange={(e) => setTrainee(e.currentTarget.value)}
          />
          <button type="submit" className="button secondary">
            Find
          </button>
        </div>
      </div>
    </form>
  );
}
