import { useId, useState } from 'react';
import type { SelfAssessment } from '@defuse/schemas';

interface Props {
  traineeId: string;
  selfAssessment?: SelfAssessment;
  done: boolean;
  onSave: (selfAssessment: SelfAssessment) => void;
}

/**
 * The first phase: the trainee says what went well and what they would
 * change, before seeing the instructor's view. Until this is done the other
 * tabs stay closed.
 */
export function ReactionsTab({ traineeId, selfAssessment, done, onSave }: Props) {
  const wellId = useId();
  const changeId = useId();
  const [editing, setEditing] = useState(!done);
  const [wentWell, setWentWell] = useState(selfAssessment?.wentWell ?? '');
  const [change, setChange] = useState(selfAssessment?.change ?? '');

  if (!editing) {
    return (
      <section className="reactions" aria-labelledby="reactions-heading">
        <h2 id="reactions-heading">The trainee’s reactions</h2>
        <dl className="reactions-read">
          <dt>What went well</dt>
          <dd>
            {selfAssessment?.wentWell || <span className="debrief-muted">Nothing written.</span>}
          </dd>
          <dt>What I would change</dt>
          <dd>
            {selfAssessment?.change || <span className="debrief-muted">Nothing written.</span>}
          </dd>
        </dl>
        <button type="button" className="button secondary compact" onClick={() => setEditing(true)}>
          Edit the reactions
        </button>
      </section>
    );
  }

  return (
    <form
      className="reactions"
      aria-labelledby="reactions-heading"
      onSubmit={(e) => {
        e.preventDefault();
        const result: SelfAssessment = {};
        if (wentWell.trim()) result.wentWell = wentWell.trim();
        if (change.trim()) result.change = change.trim();
        onSave(result);
        setEditing(false);
      }}
    >
      <h2 id="reactions-heading">Trainee first: your reactions</h2>
      <p className="lede">
        {traineeId}, before the instructor’s view opens: how did it go for you? There are no wrong
        answers here.
      </p>
      <label htmlFor={wellId}>What went well?</label>
      <textarea
        id={wellId}
        rows={4}
        value={wentWell}
        onChange={(e) => setWentWell(e.currentTarget.value)}
      />
      <label htmlFor={changeId}>What would you change next time?</label>
      <textarea
        id={changeId}
        rows={4}
        value={change}
        onChange={(e) => setChange(e.currentTarget.value)}
      />
      <div className="card-actions">
        <button type="submit" className="button primary large">
          {done ? 'Save the reactions' : 'Save and open the debrief'}
        </button>
      </div>
    </form>
  );
}
