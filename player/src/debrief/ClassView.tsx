import { useMemo, useState } from 'react';
import { classStats, type BeatStats, type ExcludedLog, type Spread } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import { downloadText, xapiFileName, xapiFileText } from './download';
import { RATING_LABELS, cdmLabel, outcomeLabel, percent, seconds } from './format';

interface Props {
  scenario: Scenario;
  logs: DecisionLog[];
  onBack: () => void;
  /**
   * Set when every log in `logs` was verified against `scenario` moments ago
   * (the hub's logs are, as they arrive): they are not checked twice, and
   * these, which failed, are listed as left out.
   */
  checked?: { excluded: ExcludedLog[] };
}

/**
 * How a class did on one scenario: outcome counts, per beat how many took
 * each choice and how long they took to decide, the beats where most chose a
 * poor or unsafe option, and the cues most often missed. Logs of another
 * version, or that do not verify, are left out and listed.
 */
export function ClassView({ scenario, logs, onBack, checked }: Props) {
  const stats = useMemo(() => {
    const found = classStats(scenario, logs, { verify: !checked });
    return checked ? { ...found, excluded: [...checked.excluded, ...found.excluded] } : found;
  }, [scenario, logs, checked]);
  const [ratingsShown, setRatingsShown] = useState(false);
  const [error, setError] = useState<string>();
  // The engine decides which logs count (one per session); export exactly those.
  const verified = stats.counted.map((i) => logs[i]!);
  const visited = stats.beats.filter((b) => b.runs > 0);
  const maxMs = Math.max(1, ...visited.map((b) => b.decisionTime?.max ?? 0));
  const trouble = new Set(stats.troubleBeats);
  const maxOutcome = Math.max(1, ...stats.outcomes.map((o) => o.runs));

  function exportXapi() {
    try {
      downloadText(xapiFileName(scenario, verified), xapiFileText(scenario, verified));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }

  return (
    <div className="class-view" data-testid="class-view">
      <div className="debrief-header">
        <button type="button" className="link-button back-link" onClick={onBack}>
          ← All logs
        </button>
        <div className="debrief-title">
          <p className="eyebrow">Class view</p>
          <h1>{scenario.title}</h1>
          <p className="debrief-meta">
            v{scenario.version} · {stats.runs} {stats.runs === 1 ? 'run' : 'runs'} counted ·{' '}
            {stats.completed} finished
            {stats.duplicates.length > 0
              ? ` · ${stats.duplicates.length} given twice, counted once`
              : ''}
            {stats.excluded.length > 0 ? ` · ${stats.excluded.length} left out` : ''}
          </p>
        </div>
      </div>
      <div className="debrief-toolbar">
        <button
          type="button"
          className={`button compact ${ratingsShown ? 'primary' : 'secondary'}`}
          aria-pressed={ratingsShown}
          onClick={() => setRatingsShown((s) => !s)}
        >
          {ratingsShown ? 'Hide ratings' : 'Show ratings'}
        </button>
        <button
          type="button"
          className="button secondary compact"
          disabled={verified.length === 0}
          onClick={exportXapi}
        >
          Export xAPI
        </button>
      </div>
      {error && (
        <div className="notice error" role="alert">
          <p>{error}</p>
        </div>
      )}

      <section aria-labelledby="class-outcomes">
        <h2 id="class-outcomes">Outcomes</h2>
        <ul className="bars outcome-bars">
          {stats.outcomes
            .filter((o) => o.runs > 0)
            .map((o) => (
              <li key={o.beat} data-outcome-beat={o.beat} data-runs={o.runs}>
                <span className="bar-label">
                  {o.title}
                  <span className="hint block">{outcomeLabel(o.outcome)}</span>
                </span>
                <span className="bar-track" aria-hidden="true">
                  <span
                    className={`bar result-${o.outcome.result}`}
                    style={{ width: `${(o.runs / maxOutcome) * 100}%` }}
                  />
                </span>
                <span className="bar-value">
                  {o.runs} ({percent(o.share)})
                </span>
              </li>
            ))}
          {stats.runs > stats.completed && (
            <li data-outcome-beat="" data-runs={stats.runs - stats.completed}>
              <span className="bar-label">Not finished</span>
              <span className="bar-track" aria-hidden="true">
                <span
                  className="bar unfinished"
                  style={{ width: `${((stats.runs - stats.completed) / maxOutcome) * 100}%` }}
                />
              </span>
              <span className="bar-value">{stats.runs - stats.completed}</span>
            </li>
          )}
        </ul>
        {stats.runs === 0 && <p className="debrief-muted">No run could be counted.</p>}
      </section>

      {stats.runs > 0 && (
        <div className="class-pair">
          <section aria-labelledby="class-trouble">
            <h2 id="class-trouble">Where most chose a poor or unsafe option</h2>
            {stats.troubleBeats.length === 0 ? (
              <p className="debrief-muted">No beat: most trainees chose well everywhere.</p>
            ) : (
              <ul className="plain-list">
                {stats.troubleBeats.map((id) => {
                  const b = stats.beats.find((x) => x.beat === id)!;
                  return (
                    <li key={id}>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          document.getElementById(`class-beat-${id}`)?.scrollIntoView()
                        }
                      >
                        {b.title}
                      </button>{' '}
                      — {percent(b.poorOrUnsafeShare)} of {b.runs}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <section aria-labelledby="class-cues">
            <h2 id="class-cues">Cues most often missed</h2>
            {stats.missedCues.length === 0 ? (
              <p className="debrief-muted">No cue was missed.</p>
            ) : (
              <ul className="plain-list">
                {stats.missedCues.slice(0, 6).map((c) => (
                  <li key={c.cue.id} data-cue-id={c.cue.id}>
                    {c.cue.text} — missed by {c.missed} of {c.shown} ({percent(c.share)})
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="class-slow">
            <h2 id="class-slow">Longest to decide</h2>
            <ul className="plain-list">
              {stats.slowestBeats.slice(0, 3).map((id) => {
                const b = stats.beats.find((x) => x.beat === id)!;
                return (
                  <li key={id}>
                    {b.title} — median {seconds(b.decisionTime?.median)}
                  </li>
                );
              })}
            </ul>
          </section>
        </div>
      )}

      <section aria-labelledby="class-beats">
        <h2 id="class-beats">Beat by beat</h2>
        <p className="debrief-muted">
          Share of the trainees who reached each beat that took each choice; decision time as the
          median, the middle half (box) and the range (whiskers).
        </p>
        <div className="class-beats">
          {visited.map((b) => (
            <BeatCard
              key={b.beat}
              beat={b}
              maxMs={maxMs}
              trouble={trouble.has(b.beat)}
              ratingsShown={ratingsShown}
            />
          ))}
        </div>
      </section>

      {stats.excluded.length > 0 && (
        <section aria-labelledby="class-excluded">
          <h2 id="class-excluded">Left out</h2>
          <ul className="plain-list">
            {stats.excluded.map((e, i) => (
              <li key={`${e.sessionId}-${e.index ?? i}`} data-session-id={e.sessionId}>
                Trainee {e.trainee}: {e.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function BeatCard({
  beat,
  maxMs,
  trouble,
  ratingsShown,
}: {
  beat: BeatStats;
  maxMs: number;
  trouble: boolean;
  ratingsShown: boolean;
}) {
  return (
    <article
      className={`class-beat${trouble ? ' trouble' : ''}`}
      id={`class-beat-${beat.beat}`}
      data-beat-id={beat.beat}
    >
      <header>
        <h3>{beat.title}</h3>
        <p className="hint">
          {cdmLabel(beat.cdm)} · {beat.runs} {beat.runs === 1 ? 'trainee' : 'trainees'}
          {trouble && <span className="trouble-flag"> · most chose poor or unsafe</span>}
        </p>
      </header>
      <ul className="bars">
        {beat.choices.map((c) => (
          <li
            key={c.choice}
            data-choice-id={c.choice}
            data-share={c.share.toFixed(4)}
            data-runs={c.runs}
          >
            <span className="bar-label">
              {c.label}
              {ratingsShown && c.rating && (
                <span className={`chip rating rating-${c.rating}`}>{RATING_LABELS[c.rating]}</span>
              )}
            </span>
            <span className="bar-track" aria-hidden="true">
              <span className="bar" style={{ width: `${c.share * 100}%` }} />
            </span>
            <span className="bar-value">
              {percent(c.share)} <span className="hint">({c.runs})</span>
            </span>
          </li>
        ))}
      </ul>
      {beat.decisionTime && <TimeSpread spread={beat.decisionTime} maxMs={maxMs} />}
    </article>
  );
}

function TimeSpread({ spread, maxMs }: { spread: Spread; maxMs: number }) {
  const x = (ms: number) => 4 + (ms / maxMs) * 292;
  return (
    <div className="time-spread">
      <svg
        viewBox="0 0 300 22"
        role="img"
        aria-label={`Decision time: median ${seconds(spread.median)}`}
      >
        <line className="whisker" x1={x(spread.min)} x2={x(spread.max)} y1={11} y2={11} />
        <line className="whisker" x1={x(spread.min)} x2={x(spread.min)} y1={6} y2={16} />
        <line className="whisker" x1={x(spread.max)} x2={x(spread.max)} y1={6} y2={16} />
        <rect
          className="box"
          x={x(spread.q1)}
          y={4}
          width={Math.max(2, x(spread.q3) - x(spread.q1))}
          height={14}
        />
        <line className="median" x1={x(spread.median)} x2={x(spread.median)} y1={3} y2={19} />
      </svg>
      <p className="hint">
        Decision time: median {seconds(spread.median)}, middle half {seconds(spread.q1)}–
        {seconds(spread.q3)}, range {seconds(spread.min)}–{seconds(spread.max)} ({spread.count})
      </p>
    </div>
  );
}
