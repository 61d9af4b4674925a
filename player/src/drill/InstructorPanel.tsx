export interface InstructorPanelProps {
  paused: boolean;
  done: boolean;
  busy: boolean;
  options?: { index: number; label: string }[];
  /** What the trainee did that the instructor now answers. */
  after?: string;
  onPause: () => void;
  onUnpause: () => void;
  onPick: (index: number) => void;
}

/**
 * The instructor's controls, kept apart from the trainee's choices: the
 * clock, and the subject's reaction when the scenario leaves it to the
 * instructor.
 */
export function InstructorPanel(props: InstructorPanelProps) {
  const { paused, done, busy, options, after, onPause, onUnpause, onPick } = props;
  return (
    <aside className="instructor-panel" aria-labelledby="instructor-heading">
      <div className="instructor-head">
        <h2 id="instructor-heading">Instructor</h2>
        {!done && (
          <button
            type="button"
            className="button instructor-button"
            disabled={busy}
            aria-pressed={paused}
            onClick={paused ? onUnpause : onPause}
          >
            {paused ? 'Start the clock again' : 'Pause the clock'}
          </button>
        )}
      </div>
      {options && options.length > 0 ? (
        <div className="instructor-options">
          {after && <p className="instructor-after">{after}</p>}
          <p id="instructor-options-label" className="instructor-prompt">
            Choose how the subject reacts:
          </p>
          <ul aria-labelledby="instructor-options-label">
            {options.map((option) => (
              <li key={option.index}>
                <button
                  type="button"
                  className="button instructor-option"
                  data-instructor-option={option.index}
                  disabled={busy || paused}
                  onClick={() => onPick(option.index)}
                >
                  {option.label}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="hint">
          {paused
            ? 'The clock is stopped. The trainee’s choices wait until you start it again.'
            : 'Pause to discuss at any moment; the log records the pause.'}
        </p>
      )}
    </aside>
  );
}
