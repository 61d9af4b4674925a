import { useEffect, useState } from 'react';
import { startDrill, type Drill, type DrillSnapshot } from '@defuse/engine';
import { isOutcomeBeat, type Scenario } from '@defuse/schemas';
import { BeatView } from '../drill/BeatView';
import { ChoiceList } from '../drill/ChoiceList';
import { outcomeLabel } from './format';
import type { ReplayStep } from './steps';
import { VarsList } from './StepThrough';

interface Props {
  scenario: Scenario;
  step: ReplayStep;
  /** The seed of the trainee's drill, so chance draws start from the same place. */
  seed: number;
  onClose: () => void;
}

/**
 * "What if": the drill played on from one beat of the log with other
 * choices, in a sandbox. It has no recorder: nothing reaches the trainee's
 * log or this device's logs. Instructor branches wait for a pick here, so
 * every reaction can be explored; a running timer can be let run out.
 */
export function WhatIf({ scenario, step, seed, onClose }: Props) {
  const [drill, setDrill] = useState<Drill>();
  const [snapshot, setSnapshot] = useState<DrillSnapshot>();
  const [error, setError] = useState<string>();
  const [path, setPath] = useState<string[]>([]);

  useEffect(() => {
    let live = true;
    const { beat, vars, visited, chose } = step.before;
    void startDrill(scenario, {
      seed,
      instructor: 'present',
      trainee: { id: 'what-if' },
      from: { beat, vars, visited: visited.slice(0, -1), chose },
    }).then(
      (d) => {
        if (!live) return;
        setDrill(d);
        setSnapshot(d.snapshot());
        setPath([d.snapshot().beat]);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [scenario, step, seed]);

  async function act(run: (d: Drill) => Promise<DrillSnapshot>) {
    if (!drill) return;
    try {
      const next = await run(drill);
      setSnapshot(next);
      setPath((p) => (p[p.length - 1] === next.beat ? p : [...p, next.beat]));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  const beat = snapshot ? scenario.beats[snapshot.beat] : undefined;
  const taken =
    step.entry.type === 'choice' ? step.entry.choiceLabel : 'no choice (the time ran out)';
  const hasTimer = beat && !isOutcomeBeat(beat) && beat.timeLimitSec !== undefined;

  return (
    <section className="what-if" aria-labelledby="what-if-heading" data-testid="what-if">
      <div className="what-if-banner">
        <div>
          <h2 id="what-if-heading">What if… (sandbox)</h2>
          <p>
            Playing on from “{scenario.beats[step.beat]?.title}”, where the trainee took {taken}.
            Nothing here is recorded in the trainee’s log.
          </p>
        </div>
        <button type="button" className="button secondary" onClick={onClose}>
          Close the sandbox
        </button>
      </div>
      {error && (
        <div className="notice error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {snapshot && beat && (
        <div className="what-if-body">
          <div>
            <BeatView beatId={snapshot.beat} beat={beat} />
            {snapshot.done && (
              <p className="step-outcome" data-what-if-outcome={snapshot.outcome?.result}>
                {outcomeLabel(snapshot.outcome)}
              </p>
            )}
            {!snapshot.done && !snapshot.instructorOptions?.length && (
              <ChoiceList
                choices={snapshot.choices}
                disabled={false}
                onChoose={(id) => void act((d) => d.choose(id))}
              />
            )}
            {snapshot.instructorOptions && snapshot.instructorOptions.length > 0 && (
              <div className="instructor-options what-if-picks">
                <p className="instructor-prompt">Choose how the subject reacts:</p>
                <ul>
                  {snapshot.instructorOptions.map((o) => (
                    <li key={o.index}>
                      <button
                        type="button"
                        className="button instructor-option"
                        onClick={() => void act((d) => d.pick(o.index))}
                      >
                        {o.label}
                      </button>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {hasTimer && !snapshot.done && !snapshot.instructorOptions?.length && (
              <button
                type="button"
                className="button secondary"
                onClick={() => void act((d) => d.expire())}
              >
                Let the time run out
              </button>
            )}
          </div>
          <aside className="step-side" aria-label="Sandbox state">
            <h3>Variables now</h3>
            <VarsList scenario={scenario} vars={snapshot.vars} />
            <h3>Sandbox path</h3>
            <ol className="what-if-path">
              {path.map((id, i) => (
                <li key={`${id}-${i}`}>{scenario.beats[id]?.title ?? id}</li>
              ))}
            </ol>
          </aside>
        </div>
      )}
    </section>
  );
}
