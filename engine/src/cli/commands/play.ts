import { isOutcomeBeat, type Scenario, type SceneBeat } from '@defuse/schemas';
import { startDrill, type Drill } from '../../drill';
import type { DrillSnapshot } from '../../types';
import { choiceOption, expectPositionals, parseCommandArgs, seedOption } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { loadScenario, refuseOutputOverInput } from '../files';
import { logFileWriter, LogWriteError } from '../log-file';
import { Prompter, type Answer } from '../prompter';
import { oneLine, outcomeText, wrap } from '../text';

/** Exit status after Ctrl-C, as shells expect (128 + SIGINT). */
const EXIT_INTERRUPTED = 130;

interface PlayOptions {
  mode: 'training' | 'assessment';
  instructor: boolean;
  out?: string;
}

/** What the trainee (or instructor) asked for. */
type Move =
  | { kind: 'choose'; id: string }
  | { kind: 'pick'; index: number }
  | { kind: 'timeout' }
  | { kind: 'pause' }
  | { kind: 'stop'; why: 'quit' | 'end' | 'interrupt' };

/** Draws a drill on a line-based terminal and reads its decisions. */
class TerminalDrill {
  private readonly width: number;

  constructor(
    private readonly io: CliIo,
    private readonly prompter: Prompter,
    private readonly drill: Drill,
    private readonly options: PlayOptions,
  ) {
    const columns = (io.stdout as { columns?: number } | undefined)?.columns;
    this.width = Math.min(100, Math.max(40, io.tty && columns ? columns - 1 : 80));
  }

  private get scenario(): Scenario {
    return this.drill.scenario;
  }

  showHeader(): void {
    const s = this.scenario;
    const log = this.drill.log();
    this.io.out(oneLine(s.title));
    if (s.summary) for (const line of wrap(s.summary, this.width)) this.io.out(line);
    this.io.out(
      `${this.options.mode} mode, seed ${log.seed}, trainee ${oneLine(log.trainee.id)}` +
        (this.options.instructor ? ', instructor present' : ''),
    );
    this.io.out(
      'Type the number of a choice and press Enter; q stops the drill' +
        (this.options.instructor ? '; p pauses the clock (instructor).' : '.'),
    );
  }

  showBeat(snap: DrillSnapshot): void {
    const beat = this.scenario.beats[snap.beat] as SceneBeat;
    const title = oneLine(beat.title);
    this.io.out('');
    this.io.out(`== ${title} ${'='.repeat(Math.max(3, this.width - title.length - 4))}`);
    if (beat.narrative) for (const line of wrap(beat.narrative, this.width)) this.io.out(line);
    if (beat.lines?.length) {
      this.io.out('');
      for (const l of beat.lines) {
        this.hanging('  ', '    ', `${oneLine(l.speaker)}: "${oneLine(l.text)}"`);
      }
    }
    if (beat.cues?.length) {
      this.io.out('');
      this.io.out('You notice:');
      for (const c of beat.cues) this.hanging('  * ', '    ', oneLine(c.text));
    }
    if (snap.choices.length) {
      this.io.out('');
      snap.choices.forEach((c, i) => this.numbered(i + 1, c.label));
    } else {
      this.io.out('');
      this.io.out('No choice is open to you here.');
    }
    if (snap.remainingMs !== undefined) {
      this.io.out(`Time limit: ${Math.ceil(snap.remainingMs / 1000)} s.`);
    }
  }

  /** Prints wrapped text whose first line starts with `first` and the rest with `rest`. */
  private hanging(first: string, rest: string, text: string): void {
    wrap(text, this.width - first.length).forEach((line, i) =>
      this.io.out((i === 0 ? first : rest) + line),
    );
  }

  /** One numbered option, its label wrapped under itself. */
  private numbered(n: number, label: string): void {
    const first = `  ${n}. `;
    this.hanging(first, ' '.repeat(first.length), oneLine(label));
  }

  /** Reads the trainee's choice; asks again on a wrong answer, the clock still running. */
  async readChoice(snap: DrillSnapshot): Promise<Move> {
    const n = snap.choices.length;
    const countdown =
      snap.remainingMs !== undefined
        ? { remainingMs: () => this.drill.snapshot().remainingMs ?? 0 }
        : undefined;
    if (n === 0 && countdown) {
      const answer = await this.prompter.wait('Wait', countdown);
      return answer.kind === 'interrupt' ? { kind: 'stop', why: 'interrupt' } : { kind: 'timeout' };
    }
    const prompt = n > 1 ? `Your choice [1-${n}]` : 'Your choice [1]';
    for (;;) {
      const answer = await this.prompter.ask(prompt, countdown);
      const move = this.interpret(answer, n);
      if (move === 'again') {
        this.io.out(`Type a number from 1 to ${n}, or q to stop.`);
        continue;
      }
      if (move.kind === 'pick') return { kind: 'choose', id: snap.choices[move.index]!.id };
      return move;
    }
  }

  /** Reads the instructor's pick of what the subject does. */
  async readPick(options: { index: number; label: string }[]): Promise<Move> {
    this.io.out('');
    this.io.out('INSTRUCTOR: what does the subject do? (trainee, look away)');
    options.forEach((o, i) => this.numbered(i + 1, o.label));
    for (;;) {
      const answer = await this.prompter.ask(`INSTRUCTOR pick [1-${options.length}]`);
      const move = this.interpret(answer, options.length, false);
      if (move === 'again') {
        this.io.out(`INSTRUCTOR: type a number from 1 to ${options.length}.`);
        continue;
      }
      return move;
    }
  }

  private interpret(answer: Answer, n: number, canPause = true): Move | 'again' {
    if (answer.kind === 'timeout') return { kind: 'timeout' };
    if (answer.kind === 'end') return { kind: 'stop', why: 'end' };
    if (answer.kind === 'interrupt') return { kind: 'stop', why: 'interrupt' };
    const text = answer.text.trim().toLowerCase();
    if (text === 'q' || text === 'quit') return { kind: 'stop', why: 'quit' };
    if (text === 'p' && canPause && this.options.instructor) return { kind: 'pause' };
    const number = /^\d+$/.test(text) ? Number(text) : NaN;
    if (number >= 1 && number <= n) return { kind: 'pick', index: number - 1 };
    return 'again';
  }

  /** The instructor stopped the clock; any line starts it again. */
  async waitWhilePaused(): Promise<void> {
    this.io.out('PAUSED (instructor): the clock is stopped.');
    await this.prompter.ask('Press Enter to go on');
  }

  /** Training mode: the author's feedback on the decision just made. */
  showFeedback(beatId: string, choiceId: string | undefined): void {
    if (this.options.mode !== 'training') return;
    const beat = this.scenario.beats[beatId];
    if (!beat || isOutcomeBeat(beat)) return;
    if (choiceId === undefined) {
      if (beat.onTimeout?.feedback) this.say('Feedback', beat.onTimeout.feedback);
      return;
    }
    const choice = beat.choices?.find((c) => c.id === choiceId);
    if (!choice) return;
    const tags = [choice.rating, choice.technique].filter(Boolean).join(', ');
    if (choice.feedback) this.say(tags ? `Feedback (${tags})` : 'Feedback', choice.feedback);
    else if (tags) this.say('Rated', tags);
  }

  private say(label: string, text: string): void {
    for (const line of wrap(`${label}: ${oneLine(text)}`, this.width, '  ')) this.io.out(line);
  }

  showOutcome(snap: DrillSnapshot): void {
    const beat = this.scenario.beats[snap.beat];
    if (!beat || !isOutcomeBeat(beat)) return;
    const title = `OUTCOME: ${oneLine(beat.title)}`;
    this.io.out('');
    this.io.out(`== ${title} ${'='.repeat(Math.max(3, this.width - title.length - 4))}`);
    if (beat.narrative) for (const line of wrap(beat.narrative, this.width)) this.io.out(line);
    this.io.out(`Result: ${outcomeText(beat.outcome)}`);
    const decisions = this.drill
      .log()
      .events.filter((e) => e.type === 'choice' || e.type === 'timeout').length;
    this.io.out(`Decisions: ${decisions}, time ${(snap.elapsedMs / 1000).toFixed(1)} s.`);
  }
}

/** Plays the drill to its end; resolves to the exit status. */
async function playDrill(term: TerminalDrill, drill: Drill, io: CliIo, out?: string) {
  term.showHeader();
  for (;;) {
    const snap = drill.snapshot();
    if (snap.done) {
      term.showOutcome(snap);
      if (out !== undefined) io.out(`Log written to ${oneLine(out)}`);
      return EXIT_OK;
    }
    let move: Move;
    if (snap.instructorOptions) {
      move = await term.readPick(snap.instructorOptions);
    } else {
      term.showBeat(snap);
      if (!snap.choices.length && snap.remainingMs === undefined) {
        io.err('No choice is available here and there is no timer: the drill cannot go on.');
        return EXIT_FAILED;
      }
      move = await term.readChoice(snap);
    }
    switch (move.kind) {
      case 'choose':
        await drill.choose(move.id);
        term.showFeedback(snap.beat, move.id);
        break;
      case 'pick': {
        const label = snap.instructorOptions?.[move.index]?.label ?? '';
        await drill.pick(move.index);
        io.out(`INSTRUCTOR chose: ${oneLine(label)}`);
        break;
      }
      case 'timeout':
        await drill.expire();
        io.out('Time is up.');
        term.showFeedback(snap.beat, undefined);
        break;
      case 'pause':
        await drill.pause();
        await term.waitWhilePaused();
        await drill.unpause();
        break;
      case 'stop': {
        const where = `the drill stopped at "${drill.snapshot().beat}" before an outcome`;
        const kept = out !== undefined ? `; the log so far is in ${oneLine(out)}` : '';
        if (move.why === 'end') io.err(`defuse play: the input ended; ${where}${kept}`);
        else io.out(`Stopped: ${where}${kept}.`);
        return move.why === 'interrupt' ? EXIT_INTERRUPTED : EXIT_FAILED;
      }
    }
  }
}

/** `defuse play`: an interactive drill in the terminal. */
export const playCommand: Command = {
  name: 'play',
  summary: 'Play a drill in the terminal, timers included',
  usage: `defuse play <file> [--seed N] [--trainee ID] [--mode training|assessment] [--instructor] [--out log.json]

Plays a scenario as a drill: each beat's title, narrative, what people say,
the cues, and numbered choices. Type a number and press Enter. A beat with a
time limit counts down; when it runs out, the timer decides. Works at a
terminal and with answers piped in (one per line).

Options:
  --seed N       seed of the chance draws (0 to 4294967295; random if absent)
  --trainee ID   trainee id recorded in the log (default "anonymous")
  --mode M       training (default: feedback after each choice) or assessment
  --instructor   an instructor is present: picks the subject's reaction at
                 instructor branches (marked INSTRUCTOR) and may pause the
                 clock with p; without it those branches are drawn by weight
  --out FILE     write the decision log there after every event (a crash
                 loses nothing)

Exit status: 0 when the drill reached an outcome, 1 when it stopped before
(q, end of input) or the log could not be written, 130 after Ctrl-C.`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      seed: { type: 'string' },
      trainee: { type: 'string' },
      mode: { type: 'string' },
      instructor: { type: 'boolean' },
      out: { type: 'string', short: 'o' },
    });
    expectPositionals(positionals, ['scenario file']);
    const seed = seedOption(values.seed);
    const mode = choiceOption('mode', values.mode, ['training', 'assessment'] as const);
    if (values.trainee !== undefined && values.trainee.trim() === '') {
      throw new UsageError('--trainee needs a non-empty id');
    }
    if (!io.stdin) throw new UsageError('play needs input to read answers from');
    if (values.out !== undefined) refuseOutputOverInput(io, values.out, positionals);
    const scenario = loadScenario(io, positionals[0]!);
    if (!scenario) return EXIT_FAILED;

    const options: PlayOptions = {
      mode: mode ?? 'training',
      instructor: values.instructor ?? false,
      ...(values.out !== undefined ? { out: values.out } : {}),
    };
    const prompter = new Prompter(io);
    try {
      const drill = await startDrill(scenario, {
        ...(seed !== undefined ? { seed } : {}),
        ...(values.trainee !== undefined ? { trainee: { id: values.trainee } } : {}),
        mode: options.mode,
        instructor: options.instructor ? 'present' : 'solo',
        ...(values.out !== undefined ? { onEvent: logFileWriter(io, values.out) } : {}),
      });
      return await playDrill(
        new TerminalDrill(io, prompter, drill, options),
        drill,
        io,
        values.out,
      );
    } catch (error) {
      if (error instanceof LogWriteError) {
        io.err(`defuse play: ${error.message}; the drill stopped`);
        return EXIT_FAILED;
      }
      throw error;
    } finally {
      prompter.close();
    }
  },
};
