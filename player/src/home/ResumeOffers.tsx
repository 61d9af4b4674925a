import { useId } from 'react';
import type { LogSummary } from '../storage/logs';
import { formatDateTime } from '../ui/format';

export interface ResumeOffersProps {
  offers: LogSummary[];
  busy: string | undefined;
  onResume: (sessionId: string) => void;
  onDismiss: (sessionId: string) => void;
}

/** Drills that stopped before their outcome (reload, closed tab, crash), each with "Resume". */
export function ResumeOffers({ offers, busy, onResume, onDismiss }: ResumeOffersProps) {
  if (offers.length === 0) return null;
  return (
    <section className="panel resume" aria-labelledby="resume-heading">
      <h2 id="resume-heading">
        {offers.length === 1 ? 'An interrupted drill' : `${offers.length} interrupted drills`}
      </h2>
      <p className="hint">
        Resuming continues at the same beat, with the time that was left on a running clock.
      </p>
      <ul className="resume-list">
        {offers.map((offer) => (
          <ResumeOffer
            key={offer.sessionId}
            offer={offer}
            busy={busy === offer.sessionId}
            disabled={busy !== undefined}
            onResume={onResume}
            onDismiss={onDismiss}
          />
        ))}
      </ul>
    </section>
  );
}

function ResumeOffer(props: {
  offer: LogSummary;
  busy: boolean;
  disabled: boolean;
  onResume: (sessionId: string) => void;
  onDismiss: (sessionId: string) => void;
}) {
  const { offer, busy, disabled, onResume, onDismiss } = props;
  const describedBy = useId();
  return (
    <li className="resume-item">
      <div id={describedBy}>
        <strong>{offer.scenarioTitle}</strong>
        <span className="hint">
          Trainee {offer.traineeId} · started {formatDateTime(offer.startedAt)} · stopped at “
          {offer.lastBeatTitle}”
        </span>
      </div>
      <div className="card-actions">
        <button
          type="button"
          className="button primary"
          aria-describedby={describedBy}
          aria-busy={busy || undefined}
          disabled={disabled}
          onClick={() => onResume(offer.sessionId)}
        >
          Resume
        </button>
        <button
          type="button"
          className="button secondary"
          aria-describedby={describedBy}
          disabled={disabled}
          onClick={() => onDismiss(offer.sessionId)}
        >
          Set aside
        </button>
      </div>
    </li>
  );
}
