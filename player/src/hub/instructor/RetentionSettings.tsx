import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { getSettings, saveSettings, type HubSettings } from './instructor-api';
import { useHubAction } from './use-hub-action';
import { useHubData } from './use-hub-data';

/** The retention rule in a sentence. */
export function retentionText(retentionDays: number | null): string {
  return retentionDays === null
    ? 'Decision logs are kept until an admin deletes them.'
    : `Decision logs older than ${retentionDays} ${retentionDays === 1 ? 'day' : 'days'} are deleted.`;
}

/** How long the hub keeps decision logs: forever, or N days. */
export function RetentionSettings() {
  const load = useCallback((signal: AbortSignal) => getSettings(signal), []);
  const { data: settings, error: loadError, reload, setData } = useHubData(load);
  const { run, busy, error } = useHubAction();
  const [keepForever, setKeepForever] = useState(true);
  const [days, setDays] = useState('');
  const [problem, setProblem] = useState<string>();
  const [saved, setSaved] = useState<HubSettings>();

  // The form starts from what the hub holds, once it has answered.
  useEffect(() => {
    if (!settings) return;
    setKeepForever(settings.retentionDays === null);
    setDays(settings.retentionDays === null ? '' : String(settings.retentionDays));
  }, [settings]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(undefined);
    const n = Number(days);
    if (!keepForever && !(Number.isInteger(n) && n >= 1)) {
      setProblem('Enter a whole number of days, 1 or more.');
      return;
    }
    setProblem(undefined);
    const answer = await run(() => saveSettings({ retentionDays: keepForever ? null : n }));
    if (!answer) return;
    setSaved(answer);
    setData(answer);
  }

  return (
    <section className="panel hub-retention" aria-labelledby="hub-retention-title">
      <h2 id="hub-retention-title">Keeping decision logs</h2>
      {loadError !== undefined && (
        <ErrorNotice title="The settings could not be loaded." error={loadError} onRetry={reload} />
      )}
      {!settings && loadError === undefined && <p className="hint">Loading settings…</p>}
      {settings && (
        <>
          <p>Now: {retentionText(settings.retentionDays)}</p>
          {error !== undefined && <ErrorNotice title="The setting was not saved." error={error} />}
          {saved && (
            <div className="notice success" role="status">
              <p>Saved. {retentionText(saved.retentionDays)}</p>
            </div>
          )}
          <form className="hub-form" noValidate onSubmit={(e) => void submit(e)}>
            <fieldset className="hub-choices">
              <legend>Decision logs on this hub</legend>
              <label className="hub-choice">
                <input
                  type="radio"
                  name="retention"
                  checked={keepForever}
                  onChange={() => setKeepForever(true)}
                />
                <span>Keep them until an admin deletes them</span>
              </label>
              <label className="hub-choice">
                <input
                  type="radio"
                  name="retention"
                  checked={!keepForever}
                  onChange={() => setKeepForever(false)}
                />
                <span>Delete logs older than a number of days</span>
              </label>
            </fieldset>
            {!keepForever && (
              <Field
                label="Days to keep logs"
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                value={days}
                onValueChange={setDays}
                hint="Older logs are deleted from the hub from now on; copies on tablets are not affected."
                problem={problem}
              />
            )}
            <div className="card-actions">
              <button type="submit" className="button primary" disabled={busy}>
                {busy ? 'Saving…' : 'Save'}
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
