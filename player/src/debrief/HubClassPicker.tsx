import { useId, useState } from 'react';
import type { HubClass, HubScenarioVersion } from '../hub/api';

/** What the class view is to count. */
export interface ClassChoice {
  version: HubScenarioVersion;
  classId: string;
}

interface Props {
  scenarios: HubScenarioVersion[];
  classes: HubClass[];
  busy: boolean;
  onChoose: (choice: ClassChoice) => void;
}

/** Picks the scenario version (and, if wanted, the class session) for the class view. */
export function HubClassPicker({ scenarios, classes, busy, onChoose }: Props) {
  const id = useId();
  const [digest, setDigest] = useState('');
  const [classId, setClassId] = useState('');
  const version = scenarios.find((s) => s.digest === digest) ?? scenarios[0];

  return (
    <form
      className="hub-filters"
      aria-label="Choose the logs to count"
      onSubmit={(e) => {
        e.preventDefault();
        if (version) onChoose({ version, classId });
      }}
    >
      <div className="field">
        <label htmlFor={`${id}-scenario`}>Scenario</label>
        <select
          id={`${id}-scenario`}
          value={version?.digest ?? ''}
          onChange={(e) => setDigest(e.currentTarget.value)}
        >
          {scenarios.map((s) => (
            <option key={s.digest} value={s.digest}>
              {s.title} v{s.version}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-class`}>Class session</label>
        <select
          id={`${id}-class`}
          value={classId}
          onChange={(e) => setClassId(e.currentTarget.value)}
        >
          <option value="">All classes</option>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field hub-submit">
        <button type="submit" className="button primary" disabled={busy || !version}>
          Count the logs
        </button>
      </div>
    </form>
  );
}
