import { useState, type FormEvent } from 'react';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { downloadJson, traineeExportFileName } from './download-json';
import { ErrorNotice } from './ErrorNotice';
import { Field } from './Field';
import { deleteTrainee, exportTrainee } from './instructor-api';
import { useHubAction } from './use-hub-action';

/**
 * A trainee's data on the hub, for a request to see it or to erase it:
 * export it as one JSON file, or delete it after a confirmation that names
 * the trainee and what goes.
 */
export function TraineeData() {
  const { run, busy, error } = useHubAction();
  const [traineeId, setTraineeId] = useState('');
  const [problem, setProblem] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const [done, setDone] = useState('');

  function chosen(): string | undefined {
    const id = traineeId.trim();
    setProblem(id ? undefined : 'Enter the trainee id, as it appears in the logs.');
    setDone('');
    return id || undefined;
  }

  async function exportData(event: FormEvent) {
    event.preventDefault();
    const id = chosen();
    if (!id) return;
    const data = await run(() => exportTrainee(id));
    if (data === undefined) return;
    downloadJson(data, traineeExportFileName(id));
    setDone(`Exported the data of trainee ${id} as ${traineeExportFileName(id)}.`);
  }

  async function deleteData(id: string) {
    setConfirming(undefined);
    const deleted = await run(() => deleteTrainee(id));
    if (deleted === undefined) return;
    setDone(
      `Deleted ${deleted} ${deleted === 1 ? 'decision log' : 'decision logs'} of trainee ${id} from the hub.`,
    );
  }

  return (
    <section className="panel hub-trainee" aria-labelledby="hub-trainee-title">
      <h2 id="hub-trainee-title">A trainee’s data</h2>
      <p>Export everything the hub holds about one trainee, or delete it.</p>
      {error !== undefined && <ErrorNotice title="That did not work." error={error} />}
      <p role="status" className={done ? 'notice success' : 'visually-hidden'}>
        {done}
      </p>
      <form className="hub-form" noValidate onSubmit={(e) => void exportData(e)}>
        <Field
          label="Trainee id"
          type="text"
          autoComplete="off"
          value={traineeId}
          onValueChange={setTraineeId}
          problem={problem}
        />
        <div className="card-actions">
          <button type="submit" className="button secondary" disabled={busy}>
            Export data
          </button>
          <button
            type="button"
            className="button danger-outline"
            disabled={busy}
            onClick={() => setConfirming(chosen())}
          >
            Delete data…
          </button>
        </div>
      </form>
      {confirming !== undefined && (
        <ConfirmDialog
          title={`Delete the data of trainee ${confirming}?`}
          confirmLabel="Delete data"
          danger
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => void deleteData(confirming)}
        >
          <p>
            Every decision log of trainee <strong>{confirming}</strong> held by this hub, with the
            notes instructors wrote on them, will be deleted. Copies still on tablets or in exported
            files are not affected.
          </p>
          <p>Export the data first if anyone may need it. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
