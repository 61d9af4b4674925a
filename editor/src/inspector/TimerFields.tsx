/**
 * A scene beat's timer: the time limit and what happens when it runs out
 * (destination, effects, feedback). Shown in the beat inspector and when
 * the timeout edge is selected.
 */
import type { SceneBeat, Timeout } from '@defuse/schemas';
import { useDispatch } from '../store/context';
import { destinationTargets } from '../model/references';
import { DestinationEditor } from './DestinationEditor';
import { EffectsEditor } from './EffectsEditor';
import { CheckboxField, NumberField, TextAreaField } from './fields';

export function TimerFields({ beatId, beat }: { beatId: string; beat: SceneBeat }) {
  const dispatch = useDispatch();
  const on = beat.timeLimitSec !== undefined || beat.onTimeout !== undefined;
  const timeout: Timeout = beat.onTimeout ?? { to: beatId };
  const saveTimeout = (next: Timeout) =>
    dispatch({ type: 'setBeatField', beatId, field: 'onTimeout', value: next });

  return (
    <section className="inspector-section timer-section" aria-labelledby={`timer-${beatId}`}>
      <h3 id={`timer-${beatId}`}>Timer</h3>
      <CheckboxField
        label="The trainee must decide within a time limit"
        checked={on}
        onChange={(checked) => {
          if (!checked) return dispatch({ type: 'setTimer', beatId });
          const firstTarget = (beat.choices ?? [])
            .flatMap((c) => destinationTargets(c).map((t) => t.target))
            .find(Boolean);
          dispatch({
            type: 'setTimer',
            beatId,
            timer: { timeLimitSec: 15, onTimeout: { to: firstTarget ?? beatId } },
          });
        }}
      />
      {on && (
        <>
          <NumberField
            label="Seconds"
            value={beat.timeLimitSec}
            min={1}
            onChange={(v) =>
              dispatch({ type: 'setBeatField', beatId, field: 'timeLimitSec', value: v })
            }
          />
          <DestinationEditor
            legend="When time runs out, go to"
            destination={timeout}
            onChange={(destination) =>
              dispatch({ type: 'setDestination', beatId, leaver: { timeout: true }, destination })
            }
          />
          <EffectsEditor
            effects={timeout.effects ?? []}
            onChange={(effects) => {
              const { effects: _old, ...rest } = timeout;
              saveTimeout(effects ? { ...rest, effects } : rest);
            }}
          />
          <TextAreaField
            label="Feedback when time runs out"
            rows={2}
            value={timeout.feedback ?? ''}
            onChange={(v) => {
              const { feedback: _old, ...rest } = timeout;
              saveTimeout(v ? { ...rest, feedback: v } : rest);
            }}
          />
        </>
      )}
    </section>
  );
}
