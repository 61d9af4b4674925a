interface Props {
  busy: boolean;
  error?: string | undefined;
  onTakeOver: () => void;
}

/** Another tab records this drill: say so, and offer to move it to this tab. */
export function DrillOpenElsewhere({ busy, error, onTakeOver }: Props) {
  return (
    <Notice
      heading="This drill is open in another tab"
      text="Only one tab can record a drill. Go on there, or take the drill over here: the other tab then stops."
      action="Take it over here"
      busy={busy}
      error={error}
      onTakeOver={onTakeOver}
    />
  );
}

/** This tab lost the drill to another one: it records nothing more here. */
export function DrillTakenOver({ busy, error, onTakeOver }: Props) {
  return (
    <Notice
      heading="This drill was taken over in another tab"
      text="Nothing more is recorded here. The drill goes on in the other tab."
      action="Take it back here"
      busy={busy}
      error={error}
      onTakeOver={onTakeOver}
    />
  );
}

function Notice(props: Props & { heading: string; text: string; action: string }) {
  const { heading, text, action, busy, error, onTakeOver } = props;
  return (
    <div className="panel resume-panel" data-testid="drill-elsewhere">
      <h1>{heading}</h1>
      <p>{text}</p>
      {error && (
        <div className="notice error" role="alert">
          <p>{error}</p>
        </div>
      )}
      <div className="card-actions">
        <button
          type="button"
          className="button primary large"
          disabled={busy}
          aria-busy={busy || undefined}
          onClick={onTakeOver}
        >
          {action}
        </button>
        <a className="button secondary large" href="#/">
          Back to drills
        </a>
      </div>
    </div>
  );
}
