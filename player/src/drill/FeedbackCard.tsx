import { useEffect, useRef } from 'react';
import { humanize } from '../ui/format';
import type { DecisionFeedback } from './feedback';

export interface FeedbackCardProps {
  feedback: DecisionFeedback;
  busy: boolean;
  onContinue: () => void;
}

/** Training mode: the author's note on the decision just made, before the next beat. */
export function FeedbackCard({ feedback, busy, onContinue }: FeedbackCardProps) {
  const continueRef = useRef<HTMLButtonElement>(null);
  useEffect(() => continueRef.current?.focus(), []);
  return (
    <section
      className="feedback-card"
      aria-labelledby="feedback-heading"
      data-feedback={feedback.kind}
    >
      <p className="eyebrow">{feedback.beatTitle}</p>
      <h2 id="feedback-heading">
        {feedback.kind === 'timeout' ? 'Time ran out' : 'Feedback on your choice'}
      </h2>
      {feedback.choiceLabel && (
        <p className="feedback-choice">
          <span className="hint">You chose</span>
          <span>{feedback.choiceLabel}</span>
        </p>
      )}
      <p className="feedback-text">{feedback.text}</p>
      {feedback.technique && <p className="hint">Technique: {humanize(feedback.technique)}</p>}
      <p className="hint">The clock is stopped while you read.</p>
      <button
        ref={continueRef}
        type="button"
        className="button primary large"
        disabled={busy}
        onClick={onContinue}
      >
        Continue
      </button>
    </section>
  );
}
