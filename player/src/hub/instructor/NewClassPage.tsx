import { useCallback, useId, useState, type FormEvent } from 'react';
import { formatDateTime } from '../../ui/format';
import type { HubClass } from '../api';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { goToHubPage, hubPageHash } from './hub-pages';
import { modeHint, modeLabel } from './class-words';
import { createClass, listScenarios } from './instructor-api';
import { useHubAction } from './use-hub-action';
import { useHubData } from './use-hub-data';

const MODES: HubClass['mode'][] = ['training', 'assessment'];

interface Problems {
  name?: string;
  scenarios?: string;
}

/** Starts a class session: its name, its mode, and the published scenarios it drills. */
export function NewClassPage() {
  const load = useCallback((signal: AbortSignal) => listScenarios(signal), []);
  const { data: scenarios, error: loadError, reload } = useHubData(load);
  const { run, busy, error } = useHubAction();
  const [name, setName] = useState('');
  const [mode, setMode] = useState<HubClass['mode']>('training');
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const [problems, setProblems] = useState<Problems>({});
  const scenariosProblemId = useId();

  function toggle(digest: string, on: boolean) {
    setPicked((old) => {
      const next = new Set(old);
      if (on) next.add(digest);
      else next.delete(digest);
      return next;
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problems = {
      name: name.trim() ? undefined : 'Give the class a name, such as “Patrol course, week 3”.',
      scenarios: picked.size > 0 ? undefined : 'Pick at least one scenario.',
    };
    setProblems(found);
    if (found.name || found.scenarios) return;
    const created = await run(() =>
      createClass({ name: name.trim(), mode, scenarios: [...picked] }),
    );
    if (created) goToHubPage({ page: 'class', classId: created.id });
  }

  return (
    <div className="hub-new-class">
      <div className="page-heading">
        <a className="hub-back" href={hubPageHash({ page: 'classes' })}>
          ‹ All classes
        </a>
        <h1>New class</h1>
        <p className="lede">The class gets a join code that trainees type on their tablets.</p>
      </div>
      {error !== undefined && <ErrorNotice title="The class was not created." error={error} />}
      <form className="panel hub-form" noValidate onSubmit={(e) => void submit(e)}>
        <Field
          label="Class name"
          type="text"
          value={name}
          onValueChange={setName}
          problem={problems.name}
        />
        <fieldset className="segmented hub-segmented">
          <legend>Mode</legend>
          {MODES.map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="mode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
              />
              <span>{modeLabel(m)}</span>
            </label>
          ))}
          <p className="hint">{modeHint(mode)}</p>
        </fieldset>
        <fieldset
          className="hub-scenario-pick"
          aria-describedby={problems.scenarios ? scenariosProblemId : undefined}
        >
          <legend>Scenarios</legend>
          {loadError !== undefined && (
            <ErrorNotice
              title="The published scenarios could not be loaded."
              error={loadError}
              onRetry={reload}
            />
          )}
          {!scenarios && loadError === undefined && (
            <p className="hint">Loading published scenarios…</p>
          )}
          {scenarios && scenarios.length === 0 && (
            <p>
              No scenario is published on this hub yet. Publish one from the{' '}
              <a href="/editor/">scenario editor</a> first.
            </p>
          )}
          {scenarios && scenarios.length > 0 && (
            <ul className="hub-checklist">
              {scenarios.map((s) => (
                <li key={s.digest}>
                  <label>
                    <input
                      type="checkbox"
                      checked={picked.has(s.digest)}
                      onChange={(e) => toggle(s.digest, e.target.checked)}
                    />
                    <span>
                      <span className="block hub-scenario-title">{s.title}</span>{' '}
                      <span className="hint block">
                        Version {s.version} · published {formatDateTime(s.publishedAt)}
                      </span>
                    </span>
                  </label>
                </li>
              ))}
            </ul>
          )}
          {problems.scenarios && (
            <p id={scenariosProblemId} className="hub-problem">
              {problems.scenarios}
            </p>
          )}
        </fieldset>
        <div className="card-actions">
          <button type="submit" className="button primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create class'}
          </button>
          <a className="button secondary" href={hubPageHash({ page: 'classes' })}>
            Cancel
          </a>
        </div>
      </form>
    </div>
  );
}
