/**
 * Play the scenario without leaving the editor: from the start, or from a
 * chosen beat with chosen variable values. The drill runs on the engine and
 * is shown with the player's own drill components; nothing is recorded.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { DrillBusyError, startDrill, type Drill, type DrillSnapshot } from '@defuse/engine';
import { BeatView, ChoiceList, CountdownRing } from '@defuse/player';
import type { Choice, Scenario, SceneBeat, Vars, VarValue } from '@defuse/schemas';
import { isPlayable } from '../model/validation';
import { useEditor, useEditorStore } from '../store/context';
import { useUi, useUiStore } from '../store/ui-context';
import type { PreviewStart } from '../store/ui-store';
import { Dialog } from '../components/Dialog';
import { beatOptions, ValueInput } from '../inspector/ConditionEditor';
import { Select } from '../inspector/fields';
import { RATING_WORDS, RESULT_WORDS, FORCE_WORDS } from '../words';

const TICK_MS = 200;

function Setup({
  scenario,
  start,
  onStart,
}: {
  scenario: Scenario;
  start: PreviewStart;
  onStart: (start: PreviewStart, instructor: boolean) => void;
}) {
  const [from, setFrom] = useState<string | undefined>(start.beat);
  const [vars, setVars] = useState<Vars>(() => {
    const initial: Vars = {};
    for (const [name, v] of Object.entries(scenario.variables ?? {})) initial[name] = v.initial;
    return { ...initial, ...start.vars };
  });
  const [instructor, setInstructor] = useState(false);
  const variables = Object.entries(scenario.variables ?? {});

  return (
    <form
      className="preview-setup"
      onSubmit={(e) => {
        e.preventDefault();
        onStart(from ? { beat: from, vars } : {}, instructor);
      }}
    >
      <fieldset className="field">
        <legend>Start from</legend>
        <label className="chip-check block">
          <input type="radio" name="from" checked={!from} onChange={() => setFrom(undefined)} />
          The scenario’s start ({scenario.start})
        </label>
        <label className="chip-check block">
          <input
            type="radio"
            name="from"
            checked={!!from}
            onChange={() => setFrom(start.beat ?? scenario.start)}
          />
          A beat of my choice, with these variable values
        </label>
        {from && (
          <Select
            ariaLabel="Start beat"
            value={from}
            options={beatOptions(scenario)}
            onChange={(b) => b && setFrom(b)}
          />
        )}
      </fieldset>
      {from && variables.length > 0 && (
        <fieldset className="field preview-vars">
          <legend>Variable values at that beat</legend>
          {variables.map(([name, v]) => (
            <div className="preview-var" key={name}>
              <span>{v.label ?? name}</span>
              <ValueInput
                variable={v}
                value={vars[name]}
                label={`Value of ${name}`}
                onChange={(value: VarValue) => setVars({ ...vars, [name]: value })}
              />
            </div>
          ))}
        </fieldset>
      )}
      <label className="chip-check block">
        <input
          type="checkbox"
          checked={instructor}
          onChange={(e) => setInstructor(e.target.checked)}
        />
        I pick the subject’s reactions as the instructor (otherwise they are drawn by weight)
      </label>
      <div className="dialog-actions">
        <button type="submit" className="button primary" data-autofocus>
          ▶ Start
        </button>
      </div>
    </form>
  );
}

function lastChoice(scenario: Scenario, drill: Drill): Choice | undefined {
  const event = [...drill.log().events].reverse().find((e) => e.type === 'choice');
  if (!event?.choice) return undefined;
  const beat = scenario.beats[event.beat] as SceneBeat | undefined;
  return beat?.choices?.find((c) => c.id === event.choice);
}

function Running({
  scenario,
  drill,
  onRestart,
}: {
  scenario: Scenario;
  drill: Drill;
  onRestart: () => void;
}) {
  const [snap, setSnap] = useState<DrillSnapshot>(() => drill.snapshot());
  const [error, setError] = useState<string>();
  const busy = useRef(false);
  const beat = scenario.beats[snap.beat];

  const act = useCallback(async (action: () => Promise<DrillSnapshot>) => {
    if (busy.current) return;
    busy.current = true;
    try {
      setSnap(await action());
      setError(undefined);
    } catch (e) {
      if (!(e instanceof DrillBusyError)) setError(e instanceof Error ? e.message : String(e));
    } finally {
      busy.current = false;
    }
  }, []);

  // The clock: refresh the ring, and let the timer run out into onTimeout.
  const timed = snap.remainingMs !== undefined && !snap.done;
  useEffect(() => {
    if (!timed) return;
    const id = window.setInterval(() => {
      const now = drill.snapshot();
      if ((now.remainingMs ?? 1) <= 0) void act(() => drill.expire());
      else setSnap(now);
    }, TICK_MS);
    return () => window.clearInterval(id);
  }, [snap.beat, timed, drill, act]);

  const last = lastChoice(scenario, drill);
  const limitMs =
    beat && beat.kind !== 'outcome' && beat.timeLimitSec ? beat.timeLimitSec * 1000 : undefined;
  const path = drill
    .log()
    .events.filter((e) => e.type === 'start' || e.type === 'choice' || e.type === 'timeout')
    .map((e) => (e.type === 'start' ? e.beat : (e.to ?? e.beat)));

  return (
    <div className="preview-run">
      <div className="preview-stage">
        {snap.done && snap.outcome ? (
          <section className="preview-outcome" data-outcome={snap.outcome.result}>
            <p className="eyebrow">Outcome</p>
            <h2>{beat?.title}</h2>
            {beat?.narrative && <p>{beat.narrative}</p>}
            <p className="outcome-line">
              {RESULT_WORDS[snap.outcome.result]} · {FORCE_WORDS[snap.outcome.force]}
              {snap.outcome.officerInjury ? ' · officer injured' : ''}
              {snap.outcome.subjectInjury ? ' · subject injured' : ''}
            </p>
          </section>
        ) : beat ? (
          <>
            {limitMs !== undefined && snap.remainingMs !== undefined && (
              <div className="preview-clock">
                <CountdownRing
                  remainingMs={snap.remainingMs}
                  limitMs={limitMs}
                  paused={snap.paused}
                />
              </div>
            )}
            <BeatView beatId={snap.beat} beat={beat} seq={drill.log().events.length} />
            {snap.instructorOptions && snap.instructorOptions.length > 0 ? (
              <section className="preview-instructor" aria-label="Instructor">
                <h3>Instructor: pick the subject’s reaction</h3>
                {snap.instructorOptions.map((o) => (
                  <button
                    key={o.index}
                    type="button"
                    className="button"
                    onClick={() => void act(() => drill.pick(o.index))}
                  >
                    {o.label}
                  </button>
                ))}
              </section>
            ) : (
              <section className="preview-choices" aria-label="Choices">
                <h3>What do you do?</h3>
                <ChoiceList
                  choices={snap.choices}
                  disabled={false}
                  onChoose={(id) => void act(() => drill.choose(id))}
                />
                {snap.choices.length === 0 && (
                  <p className="muted">No choice is offered here now; wait for the timer.</p>
                )}
              </section>
            )}
          </>
        ) : null}
        {error && (
          <p className="refusal" role="alert">
            {error}
          </p>
        )}
      </div>
      <aside className="preview-side" aria-label="Drill state">
        <h3>Variables</h3>
        <dl className="preview-state">
          {Object.entries(snap.vars).map(([k, v]) => (
            <div key={k}>
              <dt>{scenario.variables?.[k]?.label ?? k}</dt>
              <dd>{String(v)}</dd>
            </div>
          ))}
        </dl>
        {last && (
          <>
            <h3>Last choice</h3>
            <p className="preview-last">
              <strong>{last.label}</strong>
              {last.rating && (
                <span className={`rating-tag rating-${last.rating}`}>
                  {RATING_WORDS[last.rating]}
                </span>
              )}
            </p>
            {last.feedback && <p className="muted">{last.feedback}</p>}
          </>
        )}
        <h3>Path</h3>
        <ol className="preview-path">
          {path.map((b, i) => (
            <li key={i}>{scenario.beats[b]?.title ?? b}</li>
          ))}
        </ol>
        <button type="button" className="button block" onClick={onRestart}>
          Restart
        </button>
      </aside>
    </div>
  );
}

/** The preview dialog; shown while the UI store has a preview. */
export default function Preview() {
  const ui = useUiStore();
  const store = useEditorStore();
  const preview = useUi((s) => s.preview);
  const scenario = useEditor((s) => (isPlayable(s.validation) ? s.validation.scenario : undefined));
  const [drill, setDrill] = useState<Drill>();
  const [error, setError] = useState<string>();
  if (!preview) return null;
  const close = () => {
    setDrill(undefined);
    ui.getState().set({ preview: undefined });
  };

  const begin = async (start: PreviewStart, instructor: boolean) => {
    if (!scenario) return;
    try {
      const d = await startDrill(scenario, {
        instructor: instructor ? 'present' : 'solo',
        ...(start.beat
          ? { from: { beat: start.beat, ...(start.vars ? { vars: start.vars } : {}) } }
          : {}),
      });
      setDrill(d);
      setError(undefined);
      ui.getState().set({ preview: { stage: 'running', start } });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Dialog
      title={`Preview: ${store.getState().doc.title}`}
      onClose={close}
      className="preview-dialog"
    >
      {!scenario ? (
        <p className="refusal">The scenario has errors. Fix them to play it.</p>
      ) : preview.stage === 'setup' || !drill ? (
        <>
          <Setup scenario={scenario} start={preview.start} onStart={(s, i) => void begin(s, i)} />
          {error && (
            <p className="refusal" role="alert">
              {error}
            </p>
          )}
        </>
      ) : (
        <Running
          key={drill.log().sessionId}
          scenario={scenario}
          drill={drill}
          onRestart={() => {
            setDrill(undefined);
            ui.getState().set({ preview: { stage: 'setup', start: preview.start } });
          }}
        />
      )}
      <button
        type="button"
        className="dialog-close icon-button"
        aria-label="Close preview"
        onClick={close}
      >
        ×
      </button>
    </Dialog>
  );
}
