import { useMemo, useState } from 'react';
import { cueLedger, type Replay, type TimelineEntry } from '@defuse/engine';
import { RATINGS, type Annotation, type Scenario, type SelfAssessment } from '@defuse/schemas';
import { NoteEditor, NoteList } from './NoteEditor';
import { RATING_LABELS, outcomeLabel } from './format';
import { eventHeadline } from './TimelineTab';

interface Props {
  scenario: Scenario;
  replay: Replay;
  notes: Annotation[];
  selfAssessment?: SelfAssessment;
  ratingsShown: boolean;
  onAddNote: (note: Annotation) => void;
  /** Absent where notes cannot be taken back (notes on the hub). */
  onDeleteNote?: ((note: Annotation) => void) | undefined;
}

/** Decisions where chance or the instructor, not the trainee, chose the way on. */
export function outsideTurns(timeline: TimelineEntry[]): TimelineEntry[] {
  return timeline.filter((e) => e.chosenBy === 'chance' || e.chosenBy === 'instructor');
}

/**
 * The take-aways: what happened, kept apart from how good the decisions
 * were (a good process can still meet a bad outcome), the learning points
 * once ratings are shown, the cues missed, the trainee's reactions and
 * every instructor note.
 */
export function SummaryTab({
  scenario,
  replay,
  notes,
  selfAssessment,
  ratingsShown,
  onAddNote,
  onDeleteNote,
}: Props) {
  const [adding, setAdding] = useState(false);
  const decisions = replay.timeline.filter((e) => e.type === 'choice' || e.type === 'timeout');
  const turns = outsideTurns(replay.timeline);
  const missed = useMemo(
    () => cueLedger(scenario, replay.timeline).filter((c) => c.status === 'missed'),
    [scenario, replay],
  );
  const last = replay.timeline[replay.timeline.length - 1];
  const endBeat = replay.outcome ? scenario.beats[replay.path[replay.path.length - 1]!] : undefined;
  const learning = decisions.filter((e) => e.rating === 'poor' || e.rating === 'unsafe');
  const bySeq = new Map(replay.timeline.map((e) => [e.seq, e]));

  return (
    <div className="summary">
      <section aria-labelledby="summary-outcome">
        <h2 id="summary-outcome">What happened</h2>
        <p className="summary-outcome">
          {replay.outcome ? (
            <>
              <strong>{endBeat?.title}</strong> — {outcomeLabel(replay.outcome)}
            </>
          ) : (
            'The drill was not finished.'
          )}
        </p>
        <p>
          {decisions.length} {decisions.length === 1 ? 'decision' : 'decisions'} over{' '}
          {replay.path.length} beats.
        </p>
        {turns.length > 0 && (
          <p className="summary-turns">
            The way on was not only the trainee’s:{' '}
            {turns
              .map(
                (t) =>
                  `at “${t.beatTitle}” ${t.chosenBy === 'chance' ? 'chance' : 'the instructor'} chose the reaction`,
              )
              .join('; ')}
            . Judge the decisions on their own, apart from the outcome.
          </p>
        )}
      </section>

      <section aria-labelledby="summary-ratings">
        <h2 id="summary-ratings">The decisions</h2>
        {ratingsShown ? (
          <>
            <ul className="chips">
              {RATINGS.map((r) => {
                const count = decisions.filter((e) => e.rating === r).length;
                return (
                  <li key={r} className={`chip rating rating-${r}`}>
                    {RATING_LABELS[r]}: {count}
                  </li>
                );
              })}
            </ul>
            {learning.length > 0 ? (
              <>
                <h3 className="learning-heading">
                  Learning points: choices the author rated poor or unsafe
                </h3>
                <ul className="learning-points">
                  {learning.map((e) => (
                    <li key={e.seq}>
                      <strong>{e.beatTitle}:</strong> {e.choiceLabel}
                      {e.feedback && <span className="block debrief-muted">{e.feedback}</span>}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>No choice was rated poor or unsafe by the scenario’s author.</p>
            )}
          </>
        ) : (
          <p className="debrief-muted">
            Ratings are hidden. Use “Show ratings” when the discussion is ready for them.
          </p>
        )}
        {missed.length > 0 && (
          <p>
            <strong>Cues missed:</strong> {missed.map((c) => c.cue.text).join('; ')}.
          </p>
        )}
      </section>

      <section aria-labelledby="summary-reactions">
        <h2 id="summary-reactions">The trainee’s reactions</h2>
        {selfAssessment?.wentWell || selfAssessment?.change ? (
          <dl className="reactions-read">
            {selfAssessment.wentWell && (
              <>
                <dt>What went well</dt>
                <dd>{selfAssessment.wentWell}</dd>
              </>
            )}
            {selfAssessment.change && (
              <>
                <dt>What I would change</dt>
                <dd>{selfAssessment.change}</dd>
              </>
            )}
          </dl>
        ) : (
          <p className="debrief-muted">No reactions were written.</p>
        )}
      </section>

      <section aria-labelledby="summary-notes">
        <h2 id="summary-notes">Instructor notes and take-aways</h2>
        {notes.length === 0 && <p className="debrief-muted">No notes yet.</p>}
        {notes.length > 0 && (
          <ul className="summary-notes">
            {notes.map((n, i) => {
              const e = bySeq.get(n.seq);
              return (
                <li key={`${n.seq}-${i}`}>
                  <span className="hint">
                    Event {n.seq}
                    {e ? `, ${e.beatTitle}: ${eventHeadline(e)}` : ''}
                  </span>
                  <NoteList notes={[n]} onDelete={onDeleteNote} />
                </li>
              );
            })}
          </ul>
        )}
        {last &&
          (adding ? (
            <NoteEditor
              seq={last.seq}
              about="the drill as a whole (kept on its last event)"
              onSave={(note) => {
                onAddNote(note);
                setAdding(false);
              }}
              onCancel={() => setAdding(false)}
            />
          ) : (
            <button
              type="button"
              className="button secondary compact"
              onClick={() => setAdding(true)}
            >
              Add a take-away
            </button>
          ))}
      </section>
    </div>
  );
}
