import { useCallback, useEffect, useRef, useState } from 'react';
import { DrillBusyError, type DrillSnapshot, type DrillState } from '@defuse/engine';
import { isOutcomeBeat, type Scenario } from '@defuse/schemas';
import { saveAwaiting, saveHeartbeat } from '../storage/heartbeat';
import { timerAnnouncement } from './announcements';
import { feedbackFor, type DecisionFeedback } from './feedback';
import type { ActiveDrill } from './session';

/** Everything the drill screen shows and the actions it offers. */
export interface DrillView {
  snapshot: DrillSnapshot;
  /** Number of log events recorded so far (the `seq` of the last one). */
  seq: number;
  /** A decision is being recorded; the controls wait. */
  busy: boolean;
  /** Training mode: the author's feedback on the last decision, shown before going on. */
  feedback?: DecisionFeedback;
  /** Time left on the running clock, updated a few times a second. */
  remainingMs?: number;
  /** The beat's full time limit, for the ring. */
  limitMs?: number;
  /** While an instructor branch waits: what the trainee did that led to it. */
  awaitingAfter?: string;
  /** The latest sentence for the screen reader's live region. */
  announcement: string;
  error?: string;
  choose: (choiceId: string) => void;
  pick: (index: number) => void;
  pause: () => void;
  unpause: () => void;
  continueAfterFeedback: () => void;
}

const TICK_MS = 200;

/** What led to an instructor branch that already waits (a resumed drill). */
function forkDescription(scenario: Scenario, state: DrillState): string | undefined {
  if (state.fork === undefined) return undefined;
  if (state.fork === '@timeout') return 'The clock ran out.';
  const beat = scenario.beats[state.beat];
  const choice =
    beat && !isOutcomeBeat(beat) ? beat.choices?.find((c) => c.id === state.fork) : undefined;
  return `The trainee chose: ${choice?.label ?? state.fork}`;
}
const HEARTBEAT_MS = 500;

/**
 * Runs one drill for the screen. Decisions go to the engine's drill, which
 * records them (the IndexedDB write is its `onEvent` hook) before it moves on;
 * only then does the screen change. The clock runs here: when a running timer
 * reaches zero the drill is told to expire.
 */
export function useDrillController(active: ActiveDrill): DrillView {
  const { drill, scenario, mode, sessionId } = active;
  const [snapshot, setSnapshot] = useState<DrillSnapshot>(() => drill.snapshot());
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<DecisionFeedback>();
  const [remainingMs, setRemainingMs] = useState<number | undefined>(snapshot.remainingMs);
  const [announcement, setAnnouncement] = useState('');
  const [error, setError] = useState<string>();
  const [seq, setSeq] = useState(() => drill.log().events.length);
  const [awaitingAfter, setAwaitingAfter] = useState<string | undefined>(() =>
    forkDescription(scenario, drill.state()),
  );
  const busyRef = useRef(false);
  const awaitingStored = useRef((snapshot.instructorOptions?.length ?? 0) > 0);
  const pausedForFeedback = useRef(false);

  const run = useCallback(
    async (action: () => Promise<DrillSnapshot>, leadsFrom?: string, leaving?: string) => {
      if (busyRef.current) return;
      busyRef.current = true;
      setBusy(true);
      setError(undefined);
      const before = drill.log().events.length;
      try {
        let next = await action();
        const fresh = drill.log().events.slice(before);
        const note = mode === 'training' ? feedbackFor(scenario, fresh) : undefined;
        if (note && !next.done && !next.paused) {
          // Reading the feedback is not deciding: stop the clock until Continue.
          next = await drill.pause();
          pausedForFeedback.current = true;
        }
        if (note) setFeedback(note);
        if (next.instructorOptions?.length) {
          if (leadsFrom !== undefined) setAwaitingAfter(leadsFrom);
          // Logged only with the pick: keep it so a reload does not lose it.
          if (leaving !== undefined) await saveAwaiting(sessionId, leaving);
        } else {
          setAwaitingAfter(undefined);
          if (awaitingStored.current) await saveAwaiting(sessionId, undefined);
        }
        awaitingStored.current = (next.instructorOptions?.length ?? 0) > 0;
        setSnapshot(next);
        setRemainingMs(next.remainingMs);
      } catch (e) {
        if (!(e instanceof DrillBusyError)) {
          setError(e instanceof Error ? e.message : String(e));
          setSnapshot(drill.snapshot());
        }
      } finally {
        setSeq(drill.log().events.length);
        busyRef.current = false;
        setBusy(false);
      }
    },
    [drill, scenario, mode, sessionId],
  );

  const beat = scenario.beats[snapshot.beat];
  const limitMs =
    beat && !isOutcomeBeat(beat) && beat.timeLimitSec !== undefined
      ? beat.timeLimitSec * 1000
      : undefined;
  const clockRuns =
    snapshot.deadline !== undefined && !snapshot.paused && !snapshot.done && !feedback;

  // The countdown: tick, announce at a few moments, and expire at zero.
  const lastRemaining = useRef<number | undefined>(undefined);
  useEffect(() => {
    lastRemaining.current = undefined;
  }, [snapshot.beat, snapshot.deadline]);
  useEffect(() => {
    if (!clockRuns || snapshot.deadline === undefined || limitMs === undefined) return;
    const deadline = snapshot.deadline;
    const tick = () => {
      const left = Math.max(0, deadline - drill.elapsed());
      setRemainingMs(left);
      const said = timerAnnouncement(limitMs, lastRemaining.current, left);
      if (said) setAnnouncement(said);
      lastRemaining.current = left;
      if (left <= 0) void run(() => drill.expire(), 'The clock ran out.', '@timeout');
    };
    tick();
    const timer = setInterval(tick, TICK_MS);
    return () => clearInterval(timer);
  }, [clockRuns, snapshot.deadline, limitMs, drill, run]);

  // Heartbeat: how far the drill clock got, so a crash resumes with the right time left.
  useEffect(() => {
    if (snapshot.done) return;
    const beatNow = () => void saveHeartbeat(sessionId, drill.elapsed()).catch(() => undefined);
    const timer = setInterval(beatNow, HEARTBEAT_MS);
    const onHide = () => beatNow();
    window.addEventListener('pagehide', onHide);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', onHide);
      document.removeEventListener('visibilitychange', onHide);
    };
  }, [snapshot.done, sessionId, drill]);

  const choices = snapshot.choices;
  const choose = useCallback(
    (choiceId: string) => {
      const label = choices.find((c) => c.id === choiceId)?.label;
      void run(() => drill.choose(choiceId), label && `The trainee chose: ${label}`, choiceId);
    },
    [choices, drill, run],
  );

  const continueAfterFeedback = useCallback(() => {
    if (!pausedForFeedback.current) {
      setFeedback(undefined);
      return;
    }
    void run(async () => {
      const next = await drill.unpause();
      pausedForFeedback.current = false;
      setFeedback(undefined);
      return next;
    });
  }, [drill, run]);

  return {
    snapshot,
    seq,
    busy,
    feedback,
    remainingMs: snapshot.deadline !== undefined ? remainingMs : undefined,
    limitMs,
    awaitingAfter,
    announcement,
    error,
    choose,
    pick: (index) => void run(() => drill.pick(index)),
    pause: () => void run(() => drill.pause()),
    unpause: () => {
      pausedForFeedback.current = false;
      void run(() => drill.unpause());
    },
    continueAfterFeedback,
  };
}
