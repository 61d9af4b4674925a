/**
 * The inspector for one beat: what the trainee reads and sees, its CDM
 * step, its timer, its choices (scene) or its outcome (outcome beat).
 */
import {
  CDM_STEPS,
  FORCE_LEVELS,
  OUTCOME_RESULTS,
  type Beat,
  type CdmStep,
  type ForceLevel,
  type OutcomeBeat,
  type OutcomeResult,
  type SceneBeat,
} from '@defuse/schemas';
import { useDispatch, useEditor, useEditorStore } from '../store/context';
import { isPlayable } from '../model/validation';
import { useUiStore } from '../store/ui-context';
import type { BeatField, BeatFieldValues } from '../model/commands';
import { CDM_WORDS, FORCE_WORDS, RATING_WORDS, RESULT_WORDS } from '../words';
import { RATING_COLOURS } from '../canvas/graph';
import { duplicateSelection, freshChoiceId } from '../actions';
import { CheckboxField, IdField, Select, SelectField, TextAreaField, TextField } from './fields';
import { CuesField, LinesField, MediaField } from './BeatContentFields';
import { beatOptions } from './ConditionEditor';
import { TimerFields } from './TimerFields';

const CDM_OPTIONS = CDM_STEPS.map((s) => ({ value: s, label: CDM_WORDS[s] }));
const RESULT_OPTIONS = OUTCOME_RESULTS.map((r) => ({ value: r, label: RESULT_WORDS[r] }));
const FORCE_OPTIONS = FORCE_LEVELS.map((f) => ({ value: f, label: FORCE_WORDS[f] }));

function ChoiceList({ beatId, beat }: { beatId: string; beat: SceneBeat }) {
  const store = useEditorStore();
  const dispatch = useDispatch();
  const doc = useEditor((s) => s.doc);
  const choices = beat.choices ?? [];
  return (
    <section className="inspector-section" aria-labelledby="choices-heading">
      <h3 id="choices-heading">Choices</h3>
      {choices.length === 0 && (
        <p className="muted">
          No choices yet. Drag from the beat’s right edge to another beat, or add one here.
        </p>
      )}
      <ol className="choice-summary-list">
        {choices.map((c, i) => (
          <li key={`${c.id}-${i}`}>
            <span
              className="rating-dot"
              style={{ background: RATING_COLOURS[c.rating ?? 'none'] }}
              title={c.rating ? RATING_WORDS[c.rating] : 'Not rated'}
            />
            <button
              type="button"
              className="choice-summary"
              onClick={() =>
                store.getState().select({ beats: [], edge: { beat: beatId, choice: c.id } })
              }
            >
              {c.label || c.id}
            </button>
            <span className="row-actions">
              <button
                type="button"
                className="icon-button"
                aria-label={`Move choice ${c.id} up`}
                disabled={i === 0}
                onClick={() =>
                  dispatch({ type: 'moveChoice', beatId, choiceId: c.id, index: i - 1 })
                }
              >
                ↑
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`Move choice ${c.id} down`}
                disabled={i === choices.length - 1}
                onClick={() =>
                  dispatch({ type: 'moveChoice', beatId, choiceId: c.id, index: i + 1 })
                }
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      <Select
        ariaLabel="Add a choice leading to"
        value={undefined}
        empty="+ Add a choice leading to…"
        options={beatOptions(doc)}
        onChange={(to) => {
          if (!to) return;
          const id = freshChoiceId(doc, beatId);
          if (dispatch({ type: 'addChoice', beatId, choice: { id, label: 'New choice', to } }).ok) {
            store.getState().select({ beats: [], edge: { beat: beatId, choice: id } });
          }
        }}
      />
    </section>
  );
}

function OutcomeFields({ beatId, beat }: { beatId: string; beat: OutcomeBeat }) {
  const dispatch = useDispatch();
  const outcome = beat.outcome ?? {
    result: 'resolved',
    force: 'none',
    officerInjury: false,
    subjectInjury: false,
  };
  const set = (patch: Partial<typeof outcome>) =>
    dispatch({ type: 'setBeatField', beatId, field: 'outcome', value: { ...outcome, ...patch } });
  return (
    <section className="inspector-section" aria-labelledby="outcome-heading">
      <h3 id="outcome-heading">Outcome</h3>
      <div className="field-pair">
        <SelectField
          label="Result"
          value={outcome.result}
          options={RESULT_OPTIONS}
          onChange={(v) => v && set({ result: v as OutcomeResult })}
        />
        <SelectField
          label="Force used"
          value={outcome.force}
          options={FORCE_OPTIONS}
          onChange={(v) => v && set({ force: v as ForceLevel })}
        />
      </div>
      <CheckboxField
        label="Officer injured"
        checked={outcome.officerInjury}
        onChange={(v) => set({ officerInjury: v })}
      />
      <CheckboxField
        label="Subject injured"
        checked={outcome.subjectInjury}
        onChange={(v) => set({ subjectInjury: v })}
      />
    </section>
  );
}

export function BeatInspector({ beatId, beat }: { beatId: string; beat: Beat }) {
  const store = useEditorStore();
  const ui = useUiStore();
  const dispatch = useDispatch();
  const start = useEditor((s) => s.doc.start);
  const valid = useEditor((s) => isPlayable(s.validation));
  const isOutcome = beat.kind === 'outcome';
  const set = <K extends BeatField>(field: K, value: BeatFieldValues[K]) =>
    dispatch({ type: 'setBeatField', beatId, field, value } as Parameters<typeof dispatch>[0]);

  return (
    <div className="inspector-body" data-inspecting="beat">
      <header className="inspector-header">
        <div>
          <div className="eyebrow">{isOutcome ? 'Outcome beat' : 'Scene beat'}</div>
          <h2>{beat.title || 'Untitled'}</h2>
        </div>
        <div className="header-actions">
          {start === beatId ? (
            <span className="badge badge-start">Start</span>
          ) : (
            <button
              type="button"
              className="button small"
              onClick={() => dispatch({ type: 'setScenarioField', field: 'start', value: beatId })}
            >
              Make start
            </button>
          )}
          <button
            type="button"
            className="button small"
            disabled={!valid}
            title={valid ? 'Play the scenario from this beat' : 'Fix the errors to play'}
            onClick={() =>
              ui.getState().set({ preview: { stage: 'setup', start: { beat: beatId } } })
            }
          >
            ▶ Play from here
          </button>
        </div>
      </header>

      <section className="inspector-section">
        <IdField
          label="Beat id"
          value={beatId}
          hint="Renaming updates every choice that leads here."
          onCommit={(newId) => {
            const result = dispatch({ type: 'renameBeat', beatId, newId }, { quiet: true });
            if (result.ok) store.getState().select({ beats: [newId] });
            return result;
          }}
        />
        <TextField label="Title" value={beat.title ?? ''} onChange={(v) => set('title', v)} />
        <div className="field-pair">
          <SelectField
            label="Kind"
            value={isOutcome ? 'outcome' : 'scene'}
            options={[
              { value: 'scene', label: 'Scene' },
              { value: 'outcome', label: 'Outcome (ends the drill)' },
            ]}
            onChange={(k) =>
              k && dispatch({ type: 'setBeatKind', beatId, kind: k as 'scene' | 'outcome' })
            }
          />
          <SelectField
            label="CDM step"
            value={beat.cdm}
            empty="— none —"
            options={CDM_OPTIONS}
            onChange={(v) => set('cdm', v as CdmStep | undefined)}
          />
        </div>
        <TextAreaField
          label="Narrative"
          rows={5}
          value={beat.narrative ?? ''}
          hint="Plain text. A blank line starts a new paragraph."
          onChange={(v) => set('narrative', v === '' ? undefined : v)}
        />
      </section>

      {isOutcome ? (
        <OutcomeFields beatId={beatId} beat={beat} />
      ) : (
        <>
          <ChoiceList beatId={beatId} beat={beat} />
          <TimerFields beatId={beatId} beat={beat} />
        </>
      )}

      <section className="inspector-section">
        <LinesField lines={beat.lines ?? []} onChange={(v) => set('lines', v)} />
        <CuesField cues={beat.cues ?? []} onChange={(v) => set('cues', v)} />
        <MediaField media={beat.media ?? []} onChange={(v) => set('media', v)} />
      </section>

      <footer className="inspector-footer">
        <button type="button" className="button" onClick={() => duplicateSelection(store)}>
          Duplicate
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => ui.getState().set({ pendingDelete: [beatId] })}
        >
          Delete beat…
        </button>
      </footer>
    </div>
  );
}
