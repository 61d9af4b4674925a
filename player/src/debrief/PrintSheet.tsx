import { createPortal } from 'react-dom';
import { cueLedger, type Replay } from '@defuse/engine';
import type { Annotation, DecisionLog, Scenario, SelfAssessment } from '@defuse/schemas';
import {
  RATING_LABELS,
  cdmLabel,
  clockTime,
  outcomeLabel,
  seconds,
  techniqueLabel,
  when,
} from './format';
import { integrityLabel, type Integrity } from './integrity';
import { chosenByLabel } from './steps';
import { outsideTurns } from './SummaryTab';

interface Props {
  log: DecisionLog;
  scenario: Scenario;
  replay: Replay;
  integrity: Integrity;
  notes: Annotation[];
  selfAssessment?: SelfAssessment;
  /** Notes that came inside the log file: printed apart, never as the instructor's. */
  fromFile?: { fileName: string; annotations: Annotation[] };
  ratingsShown: boolean;
}

/**
 * One clean page for the browser's print to PDF. It lives outside the app
 * (a portal on the body) so the print style sheet can show it alone; on
 * screen it is never displayed.
 */
export function PrintSheet(props: Props) {
  return createPortal(
    <div className="debrief-print-root" aria-hidden="true">
      <PrintContent {...props} />
    </div>,
    document.body,
  );
}

function PrintContent({
  log,
  scenario,
  replay,
  integrity,
  notes,
  selfAssessment,
  fromFile,
  ratingsShown,
}: Props) {
  const decisions = replay.timeline.filter((e) => e.type === 'choice' || e.type === 'timeout');
  const missed = cueLedger(scenario, replay.timeline).filter((c) => c.status === 'missed');
  const turns = outsideTurns(replay.timeline);
  const endBeat = replay.outcome ? scenario.beats[replay.path[replay.path.length - 1]!] : undefined;
  return (
    <article className="print-sheet">
      <header>
        <h1>Debrief: {scenario.title}</h1>
        <p>
          Trainee {log.trainee.name ?? log.trainee.id} · {when(log.startedAt)} · {log.mode} ·
          scenario v{scenario.version} · log {integrityLabel(integrity).toLowerCase()}
        </p>
      </header>
      <p>
        <strong>Outcome:</strong>{' '}
        {replay.outcome
          ? `${endBeat?.title ?? ''} — ${outcomeLabel(replay.outcome)}`
          : 'not finished'}
        {turns.length > 0 &&
          ` (reaction chosen by ${turns.map((t) => (t.chosenBy === 'chance' ? 'chance' : 'the instructor')).join(', ')} at ${turns.map((t) => `“${t.beatTitle}”`).join(', ')})`}
      </p>
      {(selfAssessment?.wentWell || selfAssessment?.change) && (
        <p>
          <strong>Trainee’s reactions.</strong>
          {selfAssessment.wentWell && ` Went well: ${selfAssessment.wentWell}`}
          {selfAssessment.change && ` Would change: ${selfAssessment.change}`}
        </p>
      )}
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Time</th>
            <th>Beat</th>
            <th>Decision</th>
            <th>Took</th>
            <th>CDM</th>
            <th>Technique</th>
            <th>Chosen by</th>
            {ratingsShown && <th>Rating</th>}
          </tr>
        </thead>
        <tbody>
          {decisions.map((e, i) => (
            <tr key={e.seq}>
              <td>{i + 1}</td>
              <td>{clockTime(e.at)}</td>
              <td>{e.beatTitle}</td>
              <td>{e.choiceLabel ?? 'Time ran out'}</td>
              <td>{seconds(e.latencyMs)}</td>
              <td>{cdmLabel(e.cdm)}</td>
              <td>{techniqueLabel(e.technique)}</td>
              <td>{chosenByLabel(e)}</td>
              {ratingsShown && <td>{e.rating ? RATING_LABELS[e.rating] : '–'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {missed.length > 0 && (
        <p>
          <strong>Cues missed:</strong> {missed.map((c) => c.cue.text).join('; ')}.
        </p>
      )}
      {notes.length > 0 && (
        <>
          <h2>Instructor notes</h2>
          <ul>
            {notes.map((n, i) => (
              <li key={i}>
                Event {n.seq}
                {n.author ? ` (${n.author})` : ''}: {n.text}
              </li>
            ))}
          </ul>
        </>
      )}
      {fromFile && fromFile.annotations.length > 0 && (
        <>
          <h2>Written in the file {fromFile.fileName} (not by this instructor)</h2>
          <ul>
            {fromFile.annotations.map((n, i) => (
              <li key={i}>
                Event {n.seq}
                {n.author ? ` (${n.author})` : ''}: {n.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
