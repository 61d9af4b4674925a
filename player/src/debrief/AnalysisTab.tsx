import { useMemo } from 'react';
import { cueLedger, type Replay } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';
import { clockTime, techniqueLabel } from './format';
import { PathMap } from './PathMap';
import { numberVariables, type ReplayStep } from './steps';
import { VariablesChart } from './VariablesChart';

interface Props {
  scenario: Scenario;
  replay: Replay;
  steps: ReplayStep[];
  onWhatIf: (step: ReplayStep) => void;
}

const CUE_KINDS: Record<string, string> = {
  'crisis-sign': 'Crisis sign',
  threat: 'Threat',
  environment: 'Surroundings',
  bystander: 'Bystanders',
};

const STATUS: Record<string, string> = {
  'acted-on': 'Acted on',
  missed: 'Missed',
  context: 'Context only',
};

/**
 * The "why" of the debrief: which cues were acted on and which were missed,
 * how the scenario's numbers moved with each decision, the path against the
 * map of beats, and "what if" from any decision.
 */
export function AnalysisTab({ scenario, replay, steps, onWhatIf }: Props) {
  const ledger = useMemo(() => cueLedger(scenario, replay.timeline), [scenario, replay]);
  const decisions = steps.filter((s) => s.entry.type !== 'end');
  const points = replay.timeline
    .filter((e) => e.type === 'start' || e.type === 'choice' || e.type === 'timeout')
    .map((e) => ({ at: e.at, vars: e.varsAfter }));

  return (
    <div className="analysis">
      <section aria-labelledby="cue-ledger-heading">
        <h2 id="cue-ledger-heading">Cue ledger</h2>
        {ledger.length === 0 ? (
          <p className="debrief-muted">No cues were on screen during this drill.</p>
        ) : (
          <div className="table-wrap">
            <table className="log-table cue-table">
              <caption className="visually-hidden">
                Each cue shown, when, and whether a choice acted on it
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="col-cue">
                    Cue
                  </th>
                  <th scope="col" className="col-shown">
                    On screen
                  </th>
                  <th scope="col" className="col-acted">
                    Acted on?
                  </th>
                </tr>
              </thead>
              <tbody>
                {ledger.map((row) => (
                  <tr key={row.cue.id} data-cue-id={row.cue.id} data-cue-status={row.status}>
                    <th scope="row">
                      <span className="cue-kind">
                        {CUE_KINDS[row.cue.kind] ?? techniqueLabel(row.cue.kind)}
                      </span>
                      <span className="block">{row.cue.text}</span>
                    </th>
                    <td>
                      {row.shown
                        .map(
                          (s) => `${scenario.beats[s.beat]?.title ?? s.beat} (${clockTime(s.at)})`,
                        )
                        .join('; ')}
                    </td>
                    <td>
                      <span className={`cue-status cue-${row.status}`}>{STATUS[row.status]}</span>
                      {row.actedOn && (
                        <span className="hint block">
                          “{row.actedOn.choiceLabel ?? row.actedOn.choice}” at{' '}
                          {clockTime(row.actedOn.at)}
                        </span>
                      )}
                      {row.status === 'missed' && (
                        <span className="hint block">No choice taken responded to it.</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="variables-heading">
        <h2 id="variables-heading">Variables over time</h2>
        <VariablesChart
          variables={numberVariables(scenario)}
          points={points}
          decisions={decisions.map((s) => ({
            seq: s.entry.seq,
            at: s.entry.at,
            step: s.number,
            label: `${s.entry.beatTitle}: ${s.entry.choiceLabel ?? 'time ran out'}`,
          }))}
        />
      </section>

      <section aria-labelledby="path-heading">
        <h2 id="path-heading">The path</h2>
        <PathMap scenario={scenario} path={replay.path} />
      </section>

      <section aria-labelledby="what-if-list-heading">
        <h2 id="what-if-list-heading">What if…</h2>
        <p className="debrief-muted">
          Play on from any decision with another choice, in a sandbox that is never recorded.
        </p>
        <ol className="what-if-list">
          {decisions.map((s) => (
            <li key={s.entry.seq}>
              <span>
                <span className="timeline-step">#{s.number}</span> {s.entry.beatTitle}
                <span className="hint block">
                  Took: {s.entry.choiceLabel ?? 'no choice (time ran out)'}
                </span>
              </span>
              <button
                type="button"
                className="button secondary compact"
                aria-label={`What if, from step ${s.number}: ${s.entry.beatTitle}`}
                onClick={() => onWhatIf(s)}
              >
                What if…
              </button>
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
