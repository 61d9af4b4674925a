import { useState } from 'react';
import type { TimelineEntry } from '@defuse/engine';
import type { Annotation } from '@defuse/schemas';
import { NoteEditor, NoteList } from './NoteEditor';
import {
  RATING_LABELS,
  cdmLabel,
  clockTime,
  outcomeLabel,
  seconds,
  techniqueLabel,
} from './format';
import { chosenByLabel, type ReplayStep } from './steps';

interface Props {
  timeline: TimelineEntry[];
  steps: ReplayStep[];
  notes: Annotation[];
  ratingsShown: boolean;
  onAddNote: (note: Annotation) => void;
  /** Absent where notes cannot be taken back (notes on the hub). */
  onDeleteNote?: ((note: Annotation) => void) | undefined;
  onReplay: (step: number) => void;
}

/** What happened at an event, in a few words. */
export function eventHeadline(entry: TimelineEntry): string {
  switch (entry.type) {
    case 'start':
      return 'Drill started';
    case 'choice':
      return entry.choiceLabel ?? entry.choice ?? 'Choice';
    case 'timeout':
      return 'Time ran out before a choice was made';
    case 'pause':
      return 'Instructor paused the clock';
    case 'unpause':
      return 'Clock restarted';
    case 'resume':
      return 'Drill resumed after the app was closed';
    case 'end':
      return `Outcome: ${outcomeLabel(entry.outcome)}`;
  }
}

/**
 * The shared description of the drill: every event in order, each decision
 * with its beat, decision time, CDM step, technique, who chose, the author's
 * feedback, and (once revealed) its rating; instructor notes on any event.
 */
export function TimelineTab({
  timeline,
  steps,
  notes,
  ratingsShown,
  onAddNote,
  onDeleteNote,
  onReplay,
}: Props) {
  const [editing, setEditing] = useState<number>();
  const stepOf = new Map(steps.map((s) => [s.entry.seq, s.number]));
  const pausedOf = new Map(steps.map((s) => [s.entry.seq, s.pausedMs]));

  return (
    <ol className="timeline" aria-label="Timeline of the drill">
      {timeline.map((entry) => {
        const decision = entry.type === 'choice' || entry.type === 'timeout';
        const step = stepOf.get(entry.seq);
        const rowNotes = notes.filter((n) => n.seq === entry.seq);
        const quiet = entry.type === 'pause' || entry.type === 'unpause' || entry.type === 'resume';
        return (
          <li
            key={entry.seq}
            className={`timeline-row type-${entry.type}${quiet ? ' quiet' : ''}`}
            data-seq={entry.seq}
          >
            <div className="timeline-when">
              <span className="timeline-clock">{clockTime(entry.at)}</span>
              {step !== undefined && decision && <span className="timeline-step">#{step}</span>}
            </div>
            <div className="timeline-main">
              <p className="timeline-beat">{entry.beatTitle}</p>
              <p className="timeline-what">{eventHeadline(entry)}</p>
              {decision && (
                <ul className="chips" aria-label="About this decision">
                  <li className="chip">
                    <span className="chip-key">Decision time</span> {seconds(entry.latencyMs)}
                    {(pausedOf.get(entry.seq) ?? 0) > 0 &&
                      ` (clock stopped ${seconds(pausedOf.get(entry.seq))})`}
                  </li>
                  <li className="chip">
                    <span className="chip-key">CDM</span> {cdmLabel(entry.cdm)}
                  </li>
                  {entry.technique && (
                    <li className="chip">
                      <span className="chip-key">Technique</span> {techniqueLabel(entry.technique)}
                    </li>
                  )}
                  <li className="chip">
                    <span className="chip-key">Chosen by</span> {chosenByLabel(entry)}
                  </li>
                  {ratingsShown && entry.rating && (
                    <li className={`chip rating rating-${entry.rating}`} data-rating={entry.rating}>
                      <span className="chip-key">Rating</span> {RATING_LABELS[entry.rating]}
                    </li>
                  )}
                </ul>
              )}
              {entry.feedback && (
                <p className="timeline-feedback">
                  <span className="feedback-label">Author’s feedback:</span> {entry.feedback}
                </p>
              )}
              <NoteList notes={rowNotes} onDelete={onDeleteNote} />
              {editing === entry.seq && (
                <NoteEditor
                  seq={entry.seq}
                  about={`event ${entry.seq}: ${eventHeadline(entry)}`}
                  onSave={(note) => {
                    onAddNote(note);
                    setEditing(undefined);
                  }}
                  onCancel={() => setEditing(undefined)}
                />
              )}
            </div>
            <div className="timeline-actions">
              {step !== undefined && (
                <button
                  type="button"
                  className="button secondary compact"
                  aria-label={`Replay step ${step}`}
                  onClick={() => onReplay(step)}
                >
                  Replay
                </button>
              )}
              {editing !== entry.seq && (
                <button
                  type="button"
                  className="button secondary compact"
                  aria-label={`Add a note on event ${entry.seq}`}
                  onClick={() => setEditing(entry.seq)}
                >
                  Note
                </button>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
