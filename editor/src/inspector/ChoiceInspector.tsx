/**
 * The inspector for one choice: what the trainee reads, how it is rated
 * and why, when it is offered, what it changes, and where it leads.
 */
import {
  RATINGS,
  TECHNIQUES,
  type Choice,
  type Rating,
  type SceneBeat,
  type Technique,
} from '@defuse/schemas';
import { useDispatch, useEditorStore } from '../store/context';
import type { ChoiceField, ChoiceFieldValues } from '../model/commands';
import { RATING_COLOURS } from '../canvas/graph';
import { humanize, RATING_WORDS } from '../words';
import { OptionalCondition } from './ConditionEditor';
import { DestinationEditor } from './DestinationEditor';
import { EffectsEditor } from './EffectsEditor';
import { IdField, SelectField, TextAreaField, TextField } from './fields';

const TECHNIQUE_OPTIONS = TECHNIQUES.map((t) => ({ value: t, label: humanize(t) }));

function RatingPicker({
  value,
  onChange,
}: {
  value: Rating | undefined;
  onChange: (r: Rating | undefined) => void;
}) {
  return (
    <fieldset className="field rating-field">
      <legend>Rating</legend>
      <div className="segmented" role="radiogroup" aria-label="Rating">
        {RATINGS.map((r) => (
          <button
            key={r}
            type="button"
            role="radio"
            aria-checked={value === r}
            className={`segment rating-${r}${value === r ? ' is-on' : ''}`}
            style={
              value === r
                ? { background: RATING_COLOURS[r], borderColor: RATING_COLOURS[r] }
                : undefined
            }
            onClick={() => onChange(value === r ? undefined : r)}
          >
            {RATING_WORDS[r]}
          </button>
        ))}
      </div>
    </fieldset>
  );
}

export function ChoiceInspector({
  beatId,
  beat,
  choice,
}: {
  beatId: string;
  beat: SceneBeat;
  choice: Choice;
}) {
  const store = useEditorStore();
  const dispatch = useDispatch();
  const choiceId = choice.id;
  const set = <K extends ChoiceField>(field: K, value: ChoiceFieldValues[K]) =>
    dispatch({ type: 'setChoiceField', beatId, choiceId, field, value } as Parameters<
      typeof dispatch
    >[0]);
  const cues = beat.cues ?? [];
  const actsOn = choice.actsOn ?? [];

  return (
    <div className="inspector-body" data-inspecting="choice">
      <header className="inspector-header">
        <div>
          <div className="eyebrow">
            Choice of{' '}
            <button
              type="button"
              className="link-button inline"
              onClick={() => store.getState().select({ beats: [beatId] })}
            >
              {beat.title || beatId}
            </button>
          </div>
          <h2>{choice.label || choiceId}</h2>
        </div>
      </header>

      <section className="inspector-section">
        <IdField
          label="Choice id"
          value={choiceId}
          hint="Conditions that ask whether this choice was taken follow a rename."
          onCommit={(newId) => {
            const result = dispatch(
              { type: 'renameChoice', beatId, choiceId, newId },
              { quiet: true },
            );
            if (result.ok)
              store.getState().select({ beats: [], edge: { beat: beatId, choice: newId } });
            return result;
          }}
        />
        <TextField
          label="Label (what the trainee reads)"
          value={choice.label ?? ''}
          onChange={(v) => set('label', v)}
        />
        <SelectField
          label="Technique"
          value={choice.technique}
          empty="— none —"
          options={TECHNIQUE_OPTIONS}
          onChange={(v) => set('technique', v as Technique | undefined)}
        />
        <RatingPicker value={choice.rating} onChange={(r) => set('rating', r)} />
        <TextAreaField
          label="Feedback (why, shown in debriefs)"
          rows={3}
          value={choice.feedback ?? ''}
          onChange={(v) => set('feedback', v === '' ? undefined : v)}
        />
      </section>

      <section className="inspector-section">
        <OptionalCondition
          label="Offered when"
          cond={choice.when}
          addLabel="Only offer it when…"
          onChange={(c) => set('when', c)}
        />
        <EffectsEditor effects={choice.effects ?? []} onChange={(e) => set('effects', e)} />
        {cues.length > 0 && (
          <fieldset className="field">
            <legend>Responds to cues</legend>
            {cues.map((cue) => (
              <label key={cue.id} className="chip-check block">
                <input
                  type="checkbox"
                  checked={actsOn.includes(cue.id)}
                  onChange={(e) => {
                    const next = e.target.checked
                      ? [...actsOn, cue.id]
                      : actsOn.filter((x) => x !== cue.id);
                    set('actsOn', next.length ? next : undefined);
                  }}
                />
                {cue.text || cue.id}
              </label>
            ))}
          </fieldset>
        )}
      </section>

      <section className="inspector-section">
        <DestinationEditor
          destination={choice}
          onChange={(destination) =>
            dispatch({ type: 'setDestination', beatId, leaver: { choice: choiceId }, destination })
          }
        />
      </section>

      <footer className="inspector-footer">
        <button
          type="button"
          className="button danger"
          onClick={() => {
            if (dispatch({ type: 'deleteChoice', beatId, choiceId }).ok) {
              store.getState().select({ beats: [beatId] });
            }
          }}
        >
          Delete choice
        </button>
      </footer>
    </div>
  );
}
