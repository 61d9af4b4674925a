import { useEffect, useMemo, useState } from 'react';
import { isOutcomeBeat, type OutcomeBeat } from '@defuse/schemas';
import { hasDebrief } from '../debrief-slot';
import { loadSession } from '../storage/logs';
import type { SessionRecord } from '../storage/db';
import { formatDateTime } from '../ui/format';
import { BeatView } from './BeatView';
import { ChoiceList } from './ChoiceList';
import { CountdownRing } from './CountdownRing';
import { FeedbackCard } from './FeedbackCard';
import { InstructorPanel } from './InstructorPanel';
import { OutcomeView } from './OutcomeView';
import { activeDrill, resumeStoredDrill, type ActiveDrill } from './session';
import { DrillOpenElsewhereError, useDrillTakenOver } from './drill-owner';
import { DrillOpenElsewhere, DrillTakenOver } from './DrillElsewhere';
import { useDrillController } from './useDrillController';

/** The drill route: the running drill, or what is stored about it (ended, or waiting to resume). */
export function DrillScreen({ sessionId }: { sessionId: string }) {
  const [active, setActive] = useState<ActiveDrill | undefined>(() => activeDrill(sessionId));
  useEffect(() => setActive(activeDrill(sessionId)), [sessionId]);
  const takenOver = useDrillTakenOver(sessionId);
  if (takenOver.lost) {
    const back = (drill: ActiveDrill) => {
      takenOver.clear();
      setActive(drill);
    };
    return <StoredDrill key="taken" sessionId={sessionId} onResumed={back} takenOver />;
  }
  if (active) return <LiveDrill key={sessionId} active={active} />;
  return <StoredDrill sessionId={sessionId} onResumed={setActive} />;
}

function debriefHref(sessionId: string): string | undefined {
  return hasDebrief ? `#/debrief/${encodeURIComponent(sessionId)}` : undefined;
}

function LiveDrill({ active }: { active: ActiveDrill }) {
  const view = useDrillController(active);
  const { snapshot, feedback, busy } = view;
  useChoiceKeys(
    snapshot.choices.map((c) => c.id),
    !busy && !snapshot.paused && !feedback && !snapshot.done,
    view.choose,
  );
  const { scenario, instructor, mode, sessionId } = active;
  const traineeId = useMemo(() => active.drill.log().trainee.id, [active]);
  const beat = scenario.beats[snapshot.beat];
  const waitingForInstructor = (snapshot.instructorOptions?.length ?? 0) > 0;
  const showRing = view.remainingMs !== undefined && view.limitMs !== undefined && !feedback;

  let body;
  if (feedback) {
    body = <FeedbackCard feedback={feedback} busy={busy} onContinue={view.continueAfterFeedback} />;
  } else if (snapshot.done && snapshot.outcome) {
    body = (
      <OutcomeView
        beat={beat && isOutcomeBeat(beat) ? beat : undefined}
        outcome={snapshot.outcome}
        scenarioTitle={scenario.title}
        traineeId={traineeId}
        debriefHref={debriefHref(sessionId)}
        live
      />
    );
  } else if (beat) {
    body = (
      <div className="drill-body">
        <BeatView beatId={snapshot.beat} beat={beat} seq={view.seq} />
        <section className="decision" aria-labelledby="choices-heading">
          <h2 id="choices-heading">What do you do?</h2>
          {snapshot.paused && (
            <div className="paused-notice" role="status">
              <p>
                <strong>The clock is stopped.</strong>{' '}
                {instructor === 'present'
                  ? 'The instructor will start it again.'
                  : 'Continue when you are ready.'}
              </p>
              {instructor === 'solo' && (
                <button
                  type="button"
                  className="button primary"
                  disabled={busy}
                  onClick={view.unpause}
                >
                  Continue
                </button>
              )}
            </div>
          )}
          {waitingForInstructor ? (
            <p className="waiting" role="status">
              Waiting for the instructor to choose how the subject reacts…
            </p>
          ) : (
            <ChoiceList
              choices={snapshot.choices}
              disabled={busy || snapshot.paused}
              onChoose={view.choose}
              labelledBy="choices-heading"
            />
          )}
        </section>
      </div>
    );
  }

  return (
    <div className={`drill${instructor === 'present' ? ' with-instructor' : ''}`}>
      <div className="drill-bar">
        <div className="drill-title">
          <p className="eyebrow">{scenario.title}</p>
          <p className="drill-meta">
            Trainee {traineeId} · {mode === 'training' ? 'Training' : 'Assessment'}
            {instructor === 'present' ? ' · Instructor present' : ''}
          </p>
        </div>
        {showRing && (
          <CountdownRing
            remainingMs={view.remainingMs!}
            limitMs={view.limitMs!}
            paused={snapshot.paused}
          />
        )}
      </div>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {view.announcement}
      </div>
      {view.error && (
        <div className="notice error" role="alert">
          <p>
            <strong>The last decision was not recorded.</strong> {view.error} The drill stays where
            it was; try again.
          </p>
        </div>
      )}
      {body}
      {instructor === 'present' && !snapshot.done && !feedback && (
        <InstructorPanel
          paused={snapshot.paused}
          done={snapshot.done}
          busy={busy}
          options={snapshot.instructorOptions}
          after={view.awaitingAfter}
          onPause={view.pause}
          onUnpause={view.unpause}
          onPick={view.pick}
        />
      )}
    </div>
  );
}

/**
 * Keyboard users can take a choice with its letter (A, B, C...), as shown on
 * each button. Ignored while typing in a field or with a modifier held.
 */
function useChoiceKeys(ids: string[], enabled: boolean, choose: (id: string) => void) {
  const key = ids.join(' ');
  useEffect(() => {
    if (!enabled) return;
    const choices = key.split(' ');
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')) {
        return;
      }
      if (!/^[a-z]$/i.test(event.key)) return;
      const id = choices[event.key.toUpperCase().charCodeAt(0) - 65];
      if (!id) return;
      event.preventDefault();
      choose(id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [key, enabled, choose]);
}

function StoredDrill(props: {
  sessionId: string;
  onResumed: (drill: ActiveDrill) => void;
  /** Another tab took this drill from this one. */
  takenOver?: boolean;
}) {
  const { sessionId, onResumed } = props;
  const [record, setRecord] = useState<SessionRecord | null>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [elsewhere, setElsewhere] = useState(false);

  useEffect(() => {
    let live = true;
    void loadSession(sessionId).then(
      (r) => live && setRecord(r ?? null),
      () => live && setRecord(null),
    );
    return () => {
      live = false;
    };
  }, [sessionId]);

  async function resume(takeOver = false) {
    setBusy(true);
    setError(undefined);
    try {
      onResumed(await resumeStoredDrill(sessionId, takeOver));
    } catch (e) {
      if (e instanceof DrillOpenElsewhereError) setElsewhere(true);
      else setError(e instanceof Error ? e.message : String(e));
      setBusy(false);
    }
  }

  if (props.takenOver || elsewhere) {
    const Notice = props.takenOver ? DrillTakenOver : DrillOpenElsewhere;
    return <Notice busy={busy} error={error} onTakeOver={() => void resume(true)} />;
  }

  if (record === undefined) return <p className="hint">Loading…</p>;
  if (record === null) {
    return (
      <div className="panel empty">
        <h1>Drill not found</h1>
        <p>This drill is not stored on this tablet. It may have been deleted.</p>
        <a className="button primary" href="#/">
          Back to drills
        </a>
      </div>
    );
  }
  const outcomeBeat = record.scenario.beats[record.lastEvent.beat];
  if (record.outcome) {
    return (
      <div className="drill">
        <OutcomeView
          beat={
            outcomeBeat && isOutcomeBeat(outcomeBeat) ? (outcomeBeat as OutcomeBeat) : undefined
          }
          outcome={record.outcome}
          scenarioTitle={record.scenario.title}
          traineeId={record.header.trainee.id}
          debriefHref={debriefHref(sessionId)}
        />
      </div>
    );
  }
  return (
    <div className="panel resume-panel">
      <p className="eyebrow">Interrupted drill</p>
      <h1>{record.scenario.title}</h1>
      <p>
        Trainee {record.header.trainee.id}, started {formatDateTime(record.header.startedAt)}. The
        drill stopped at “{outcomeBeat?.title ?? record.lastEvent.beat}” after{' '}
        {record.lastEvent.seq} recorded {record.lastEvent.seq === 1 ? 'event' : 'events'}.
      </p>
      <p className="hint">
        Resuming continues at the same beat, with the time that was left on a running clock.
      </p>
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
          onClick={() => void resume()}
        >
          Resume
        </button>
        <a className="button secondary large" href="#/">
          Back to drills
        </a>
      </div>
    </div>
  );
}
