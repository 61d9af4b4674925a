import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { downloadClassScenarios, joinAndRemember, joinProblem } from './join';
import { normaliseCode } from './device';
import { navigate, useRoute } from '../router';
import { loadMembership, type Membership } from '../storage/membership';
import { loadSettings } from '../storage/settings';
import './device.css';

type Progress =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'failed'; message: string }
  | { kind: 'no-scenarios'; className: string };

/**
 * Joins a class on the hub: the class code (from the QR code's URL, or typed)
 * and the trainee's id. On success the tablet keeps the class and its
 * scenarios and goes back to the drills.
 */
export function JoinScreen() {
  const route = useRoute();
  const codeFromUrl = route.name === 'join' ? route.code : '';
  const codeId = useId();
  const traineeId = useId();
  const [code, setCode] = useState(codeFromUrl);
  const [trainee, setTrainee] = useState('');
  const [current, setCurrent] = useState<Membership>();
  const [progress, setProgress] = useState<Progress>({ kind: 'idle' });
  const typed = useRef(false);

  useEffect(() => setCode(codeFromUrl), [codeFromUrl]);
  useEffect(() => {
    void loadMembership().then(setCurrent, () => undefined);
    // The id typed for earlier drills, unless the trainee has started typing.
    void loadSettings().then(
      (s) => typed.current || setTrainee(s.traineeId),
      () => undefined,
    );
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setProgress({ kind: 'busy' });
    let membership: Membership;
    try {
      membership = await joinAndRemember(code, trainee);
    } catch (error) {
      setProgress({ kind: 'failed', message: joinProblem(error, code) });
      return;
    }
    try {
      await downloadClassScenarios(membership);
    } catch {
      setProgress({ kind: 'no-scenarios', className: membership.class.name });
      return;
    }
    navigate({ name: 'home' });
  }

  const ready = normaliseCode(code).length > 0 && trainee.trim().length > 0;
  const busy = progress.kind === 'busy';
  return (
    <div className="join">
      <div className="page-heading">
        <h1>Join a class</h1>
        <p className="lede">
          Type the class code from the instructor’s screen and your trainee ID.
        </p>
      </div>
      {current && (
        <div className="notice" role="status">
          <p>
            This tablet is in class {current.class.name}. Joining another class leaves it. Drills
            already done are kept.
          </p>
        </div>
      )}
      {progress.kind === 'failed' && (
        <div className="notice error" role="alert">
          <p>{progress.message}</p>
        </div>
      )}
      {progress.kind === 'no-scenarios' ? (
        <div className="notice error" role="alert">
          <p>
            You joined class {progress.className}, but its scenarios could not be downloaded. They
            are fetched again when the hub can be reached.
          </p>
          <a className="button primary large" href="#/">
            Go to the drills
          </a>
        </div>
      ) : (
        <form className="panel join-form" onSubmit={(e) => void submit(e)}>
          <div className="field">
            <label htmlFor={codeId}>Class code</label>
            <input
              id={codeId}
              className="join-code"
              type="text"
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              maxLength={16}
              value={code}
              onChange={(e) => setCode(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor={traineeId}>Trainee ID</label>
            <input
              id={traineeId}
              type="text"
              autoComplete="off"
              spellCheck={false}
              maxLength={64}
              value={trainee}
              onChange={(e) => {
                typed.current = true;
                setTrainee(e.target.value);
              }}
            />
          </div>
          <div className="card-actions">
            <button
              type="submit"
              className="button primary large"
              disabled={!ready || busy}
              aria-busy={busy || undefined}
            >
              {busy && <span className="spinner" aria-hidden="true" />}
              Join class
            </button>
            <a className="button secondary large" href="#/">
              Cancel
            </a>
          </div>
        </form>
      )}
    </div>
  );
}
