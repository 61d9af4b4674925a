import { useEffect, useRef } from 'react';
import type { Outcome, OutcomeBeat } from '@defuse/schemas';
import { forceLabel, injuryLabel, resultLabel } from '../ui/format';
import { paragraphs } from './BeatView';

export interface OutcomeViewProps {
  beat: OutcomeBeat | undefined;
  outcome: Outcome;
  scenarioTitle: string;
  traineeId: string;
  debriefHref?: string;
  /** Shown right after the drill, under a bar that already names scenario and trainee. */
  live?: boolean;
}

/** The end of a drill: what happened, the force used and any injuries. */
export function OutcomeView({
  beat,
  outcome,
  scenarioTitle,
  traineeId,
  debriefHref,
  live,
}: OutcomeViewProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const injured = outcome.officerInjury || outcome.subjectInjury;
  return (
    <section className="outcome" data-outcome={outcome.result} aria-labelledby="outcome-heading">
      <p className="eyebrow">
        {live ? 'Drill complete' : `Drill complete · ${scenarioTitle} · trainee ${traineeId}`}
      </p>
      <h1 id="outcome-heading" ref={headingRef} tabIndex={-1}>
        {beat?.title ?? resultLabel(outcome.result)}
      </h1>
      {paragraphs(beat?.narrative).map((p, i) => (
        <p key={i} className="narrative">
          {p}
        </p>
      ))}
      <dl className="outcome-facts">
        <div className={`fact result-${outcome.result}`}>
          <dt>Result</dt>
          <dd>{resultLabel(outcome.result)}</dd>
        </div>
        <div className={`fact force-${outcome.force}`}>
          <dt>Force</dt>
          <dd>{forceLabel(outcome.force)}</dd>
        </div>
        <div className={`fact ${injured ? 'injured' : 'uninjured'}`}>
          <dt>Injuries</dt>
          <dd>{injuryLabel(outcome)}</dd>
        </div>
      </dl>
      <p className="hint">
        The decision log is saved on this tablet. Good decisions can still meet a bad outcome; the
        debrief looks at both.
      </p>
      <div className="card-actions">
        <a className="button primary large" href="#/">
          Back to drills
        </a>
        {debriefHref && (
          <a className="button secondary large" href={debriefHref}>
            Open the debrief
          </a>
        )}
        <a className="button secondary large" href="#/logs">
          Logs
        </a>
      </div>
    </section>
  );
}
