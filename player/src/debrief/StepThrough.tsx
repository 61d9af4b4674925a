import type { Scenario, Vars } from '@defuse/schemas';
import { BeatView } from '../drill/BeatView';
import { CountdownRing } from '../drill/CountdownRing';
import { RATING_LABELS, outcomeLabel, seconds } from './format';
import { chosenByLabel, type ReplayStep } from './steps';

interface Props {
  scenario: Scenario;
  steps: ReplayStep[];
  /** 1-based step number. */
  current: number;
  ratingsShown: boolean;
  onGo: (step: number) => void;
  onWhatIf: (step: ReplayStep) => void;
  onClose: () => void;
}

/** Variable values in words, with the scenario's labels. */
export function VarsList({ scenario, vars }: { scenario: Scenario; vars: Vars }) {
  return (
    <dl className="vars-list">
      {Object.entries(scenario.variables ?? {}).map(([name, v]) => (
        <div key={name}>
          <dt>{v.label ?? name}</dt>
          <dd>{formatValue(vars[name])}</dd>
        </div>
      ))}
    </dl>
  );
}

function formatValue(value: Vars[string] | undefined): string {
  if (value === undefined) return '–';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/**
 * The drill replayed beat by beat, exactly as the trainee saw it: the beat's
 * text and cues, the choices that were on screen, the time left, and the one
 * taken, marked. "What if" plays on from here in a sandbox.
 */
export function StepThrough({
  scenario,
  steps,
  current,
  ratingsShown,
  onGo,
  onWhatIf,
  onClose,
}: Props) {
  const step = steps[current - 1];
  if (!step) return null;
  const beat = scenario.beats[step.beat]!;
  const entry = step.entry;
  const isEnd = entry.type === 'end';
  const to = entry.to ? (scenario.beats[entry.to]?.title ?? entry.to) : undefined;

  return (
    <section className="step-through" aria-labelledby="step-through-heading" data-step={current}>
      <div className="step-nav">
        <h2 id="step-through-heading" aria-live="polite">
          Step {current} of {steps.length}
        </h2>
        <div className="step-nav-buttons">
          <button
            type="button"
            className="button secondary"
            disabled={current <= 1}
            onClick={() => onGo(current - 1)}
          >
            ← Previous
          </button>
          <button
            type="button"
            className="button primary"
            disabled={current >= steps.length}
            onClick={() => onGo(current + 1)}
          >
            Next →
          </button>
          <button type="button" className="button secondary" onClick={onClose}>
            Back to the timeline
          </button>
        </div>
      </div>
      <div className="step-body">
        <div className="step-beat">
          <BeatView beatId={step.beat} beat={beat} seq={entry.seq} />
          {isEnd && <p className="step-outcome">{outcomeLabel(entry.outcome)}</p>}
        </div>
        {!isEnd && (
          <aside className="step-side" aria-label="What was on screen">
            {step.limitMs !== undefined && step.timeLeftMs !== undefined && (
              <div className="step-clock">
                <CountdownRing
                  remainingMs={step.timeLeftMs}
                  limitMs={step.limitMs}
                  paused={false}
                />
                <p className="hint">
                  {entry.type === 'timeout'
                    ? 'The time ran out.'
                    : `${seconds(step.timeLeftMs)} of ${seconds(step.limitMs)} left when the choice was made.`}
                </p>
              </div>
            )}
            <h3>Choices on screen</h3>
            <ul className="offered">
              {step.offered.map((choice, i) => {
                const taken = entry.type === 'choice' && choice.id === entry.choice;
                return (
                  <li
                    key={choice.id}
                    className={`offered-choice${taken ? ' taken' : ''}`}
                    data-choice-id={choice.id}
                    aria-current={taken ? 'true' : undefined}
                  >
                    <span className="choice-key" aria-hidden="true">
                      {String.fromCharCode(65 + (i % 26))}
                    </span>
                    <span className="offered-label">{choice.label}</span>
                    {(taken || (ratingsShown && choice.rating)) && (
                      <span className="offered-marks">
                        {taken && <span className="taken-mark">Taken</span>}
                        {ratingsShown && choice.rating && (
                          <span className={`chip rating rating-${choice.rating}`}>
                            {RATING_LABELS[choice.rating]}
                          </span>
                        )}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
            {entry.type === 'timeout' && (
              <p className="taken-note">No choice was made: the time ran out.</p>
            )}
            <p className="hint">
              Decision time {seconds(entry.latencyMs)} · {chosenByLabel(entry)}
              {to ? ` · led to “${to}”` : ''}
            </p>
            {entry.feedback && (
              <p className="timeline-feedback">
                <span className="feedback-label">Author’s feedback:</span> {entry.feedback}
              </p>
            )}
            <h3>Variables at this moment</h3>
            <VarsList scenario={scenario} vars={step.before.vars} />
            <button
              type="button"
              className="button secondary what-if-button"
              onClick={() => onWhatIf(step)}
            >
              What if… play on from here
            </button>
          </aside>
        )}
      </div>
    </section>
  );
}
