import type { DecisionLog } from '@defuse/schemas';
import { clockTime } from './format';

const TYPE_WORDS: Record<string, string> = {
  start: 'Started',
  choice: 'Choice',
  timeout: 'Time ran out',
  pause: 'Paused',
  unpause: 'Clock restarted',
  resume: 'Resumed',
  end: 'Ended',
};

/**
 * A log's events exactly as recorded, by id, without the scenario's wording:
 * for logs whose text is not here or not the one they were recorded with,
 * so an old run is never shown under new words. `flagged` marks the event
 * verification blames.
 */
export function RawEvents({ log, flagged }: { log: DecisionLog; flagged?: number }) {
  return (
    <ol className="timeline raw" aria-label="Events as recorded">
      {log.events.map((e) => (
        <li
          key={e.seq}
          className={`timeline-row type-${e.type}${e.seq === flagged ? ' flagged' : ''}`}
          data-seq={e.seq}
        >
          <div className="timeline-when">
            <span className="timeline-clock">{clockTime(e.at)}</span>
            <span className="timeline-step">event {e.seq}</span>
          </div>
          <div className="timeline-main">
            <p className="timeline-beat">beat “{e.beat}”</p>
            <p className="timeline-what">
              {TYPE_WORDS[e.type] ?? e.type}
              {e.choice !== undefined && ` “${e.choice}”`}
              {e.to !== undefined && ` → “${e.to}”`}
              {e.by && ` (reaction chosen by ${e.by})`}
              {e.outcome && `: ${e.outcome.result}, force ${e.outcome.force}`}
            </p>
            {e.seq === flagged && (
              <p className="flag-note">
                Verification fails here: this event or one before it was changed.
              </p>
            )}
          </div>
        </li>
      ))}
    </ol>
  );
}
