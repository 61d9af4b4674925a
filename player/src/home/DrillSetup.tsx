import { useId } from 'react';
import type { DrillSettings } from '../storage/settings';

export interface DrillSetupProps {
  settings: DrillSettings;
  onChange: (settings: DrillSettings) => void;
  /** Set while the tablet is in a class: trainee id and mode come from the class, fixed. */
  classLock?: { traineeId: string; mode: DrillSettings['mode'] };
}

/** Trainee id, training or assessment mode, and whether an instructor runs the drill. */
export function DrillSetup({ settings, onChange, classLock }: DrillSetupProps) {
  return (
    <section className="panel setup" aria-labelledby="setup-heading">
      <h2 id="setup-heading">Drill setup</h2>
      <div className="setup-grid">
        {classLock ? (
          <ClassFixed traineeId={classLock.traineeId} mode={classLock.mode} />
        ) : (
          <TraineeAndMode settings={settings} onChange={onChange} />
        )}
        <fieldset className="segmented">
          <legend>Instructor</legend>
          <label>
            <input
              type="radio"
              name="instructor"
              value="solo"
              checked={settings.instructor === 'solo'}
              onChange={() => onChange({ ...settings, instructor: 'solo' })}
            />
            <span>Solo</span>
          </label>
          <label>
            <input
              type="radio"
              name="instructor"
              value="present"
              checked={settings.instructor === 'present'}
              onChange={() => onChange({ ...settings, instructor: 'present' })}
            />
            <span>Instructor present</span>
          </label>
          <p className="hint">
            {settings.instructor === 'present'
              ? 'The instructor picks the subject’s reactions and can pause the clock.'
              : 'The subject’s reactions are drawn by the scenario’s weights.'}
          </p>
        </fieldset>
      </div>
    </section>
  );
}

function modeHint(mode: DrillSettings['mode']): string {
  return mode === 'training'
    ? 'Feedback after each choice.'
    : 'No feedback during the drill; it waits for the debrief.';
}

/** The trainee's id and the mode as the class set them: shown, not editable. */
function ClassFixed({ traineeId, mode }: { traineeId: string; mode: DrillSettings['mode'] }) {
  return (
    <>
      <div className="field">
        <p className="fixed-label">Trainee ID</p>
        <p className="fixed-value">{traineeId}</p>
        <p className="hint">Set when this tablet joined the class.</p>
      </div>
      <div className="field">
        <p className="fixed-label">Mode</p>
        <p className="fixed-value">{mode === 'training' ? 'Training' : 'Assessment'}</p>
        <p className="hint">Set by the class. {modeHint(mode)}</p>
      </div>
    </>
  );
}

function TraineeAndMode({ settings, onChange }: Omit<DrillSetupProps, 'classLock'>) {
  const traineeId = useId();
  const traineeHint = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={traineeId}>Trainee ID</label>
        <input
          id={traineeId}
          type="text"
          inputMode="text"
          autoComplete="off"
          spellCheck={false}
          maxLength={64}
          value={settings.traineeId}
          aria-describedby={traineeHint}
          onChange={(e) => onChange({ ...settings, traineeId: e.target.value })}
        />
        <p id={traineeHint} className="hint">
          Recorded in the decision log. Left empty, the log says “anonymous”.
        </p>
      </div>
      <fieldset className="segmented">
        <legend>Mode</legend>
        <label>
          <input
            type="radio"
            name="mode"
            value="training"
            checked={settings.mode === 'training'}
            onChange={() => onChange({ ...settings, mode: 'training' })}
          />
          <span>Training</span>
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            value="assessment"
            checked={settings.mode === 'assessment'}
            onChange={() => onChange({ ...settings, mode: 'assessment' })}
          />
          <span>Assessment</span>
        </label>
        <p className="hint">{modeHint(settings.mode)}</p>
      </fieldset>
    </>
  );
}
