import { secondsText } from './announcements';

export interface CountdownRingProps {
  remainingMs: number;
  limitMs: number;
  paused: boolean;
}

const RADIUS = 42;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

/**
 * The visible clock of a timed beat: a ring that empties as time runs out,
 * with the seconds left in the middle. The live announcements are made
 * elsewhere (a few times per beat), so this element is a quiet `timer`.
 */
export function CountdownRing({ remainingMs, limitMs, paused }: CountdownRingProps) {
  const fraction = limitMs > 0 ? Math.min(1, Math.max(0, remainingMs / limitMs)) : 0;
  const seconds = Math.ceil(remainingMs / 1000);
  const urgency = paused ? 'paused' : fraction <= 0.25 ? 'low' : fraction <= 0.5 ? 'mid' : 'ok';
  return (
    <div
      className={`countdown ${urgency}`}
      role="timer"
      aria-label={
        paused ? `Clock stopped, ${secondsText(seconds)} left` : `${secondsText(seconds)} left`
      }
    >
      <svg viewBox="0 0 100 100" aria-hidden="true" focusable="false">
        <circle className="track" cx="50" cy="50" r={RADIUS} />
        <circle
          className="arc"
          cx="50"
          cy="50"
          r={RADIUS}
          strokeDasharray={CIRCUMFERENCE}
          strokeDashoffset={CIRCUMFERENCE * (1 - fraction)}
          transform="rotate(-90 50 50)"
        />
      </svg>
      <span className="countdown-text" aria-hidden="true">
        <span className="countdown-seconds">{seconds}</span>
        <span className="countdown-unit">{paused ? 'paused' : 'sec'}</span>
      </span>
    </div>
  );
}
