import { createInterface, type Interface } from 'node:readline';
import type { CliIo } from './command';

/** What came back from a question. */
export type Answer =
  | { kind: 'line'; text: string }
  /** The time limit ran out before an answer. */
  | { kind: 'timeout' }
  /** The input ended (end of a pipe, Ctrl-D). */
  | { kind: 'end' }
  /** Ctrl-C at the terminal. */
  | { kind: 'interrupt' };

/** A running countdown a question shows and gives up at. */
export interface Countdown {
  /** Milliseconds left now. */
  remainingMs(): number;
}

/**
 * Line input for `play`, at a terminal or from a pipe, that never blocks a
 * timer: a question with a countdown resolves with `timeout` when the time
 * runs out, whatever is half-typed. At a terminal the prompt redraws in place
 * with the seconds left, and lines typed while no question is open are
 * dropped (so a double Enter cannot answer the next beat unseen). From a
 * pipe, lines are answers in order and each is echoed after its prompt.
 */
export class Prompter {
  private readonly rl: Interface;
  private readonly queue: Answer[] = [];
  private waiter: ((answer: Answer) => void) | undefined;
  private ended = false;
  private readonly tty: boolean;

  constructor(private readonly io: CliIo) {
    if (!io.stdin) throw new Error('no input to read answers from');
    this.tty = Boolean(io.tty && io.stdout);
    this.rl = createInterface({
      input: io.stdin,
      ...(this.tty ? { output: io.stdout } : {}),
      terminal: this.tty,
    });
    this.rl.on('line', (text) => this.deliver({ kind: 'line', text }));
    this.rl.on('close', () => {
      this.ended = true;
      this.deliver({ kind: 'end' });
    });
    this.rl.on('SIGINT', () => this.deliver({ kind: 'interrupt' }));
  }

  private deliver(answer: Answer): void {
    if (this.waiter) this.waiter(answer);
    else if (answer.kind !== 'line' || !this.tty) this.queue.push(answer);
  }

  /**
   * Asks one question. With a countdown, resolves `timeout` when it reaches
   * zero; the end of the input then does not cut the wait short (piped
   * answers may run out while a timer is still running).
   */
  ask(prompt: string, countdown?: Countdown): Promise<Answer> {
    return this.question(prompt, countdown, true);
  }

  /**
   * Shows a prompt and waits for the countdown to run out (or Ctrl-C) without
   * taking an answer: piped answers stay queued for the next question.
   */
  wait(prompt: string, countdown: Countdown): Promise<Answer> {
    return this.question(prompt, countdown, false);
  }

  private question(prompt: string, countdown: Countdown | undefined, takesLines: boolean) {
    return new Promise<Answer>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      let ticker: ReturnType<typeof setInterval> | undefined;
      let shown = -1;
      const text = () => {
        if (!countdown) return prompt;
        shown = Math.ceil(Math.max(0, countdown.remainingMs()) / 1000);
        return `${prompt} (${shown} s left)`;
      };
      const finish = (answer: Answer) => {
        clearTimeout(timer);
        clearInterval(ticker);
        this.waiter = undefined;
        if (answer.kind === 'timeout' && this.tty) this.abandonLine();
        if ((answer.kind === 'interrupt' || answer.kind === 'end') && this.tty) {
          this.io.stdout?.write('\n');
        }
        if (answer.kind === 'line' && !this.tty) this.io.out(`> ${answer.text}`);
        resolve(answer);
      };
      const take = (answer: Answer) => {
        if (answer.kind === 'end' && countdown) return; // wait for the timer
        if (answer.kind === 'line' && !takesLines) {
          if (!this.tty) this.queue.push(answer);
          return;
        }
        finish(answer);
      };

      if (this.tty) {
        this.rl.setPrompt(`${text()} > `);
        this.rl.prompt();
      } else {
        this.io.out(`${text()}:`);
      }
      const next = takesLines ? 0 : this.queue.findIndex((a) => a.kind === 'interrupt');
      const queued =
        next >= 0 && next < this.queue.length
          ? this.queue.splice(next, 1)[0]
          : this.ended
            ? ({ kind: 'end' } as const)
            : undefined;
      if (queued && !(queued.kind === 'end' && countdown)) {
        finish(queued);
        return;
      }
      this.waiter = take;
      if (countdown) {
        timer = setTimeout(() => finish({ kind: 'timeout' }), Math.max(0, countdown.remainingMs()));
        if (this.tty) {
          ticker = setInterval(() => {
            const before = shown;
            const next = text();
            if (shown !== before) {
              this.rl.setPrompt(`${next} > `);
              this.rl.prompt(true);
            }
          }, 200);
        }
      }
    });
  }

  /** Drops what was half-typed when the time ran out, and moves to a fresh line. */
  private abandonLine(): void {
    this.rl.write(null, { ctrl: true, name: 'e' });
    this.rl.write(null, { ctrl: true, name: 'u' });
    this.io.stdout?.write('\n');
  }

  /** Lets go of the input (the program can then exit). */
  close(): void {
    this.waiter = undefined;
    this.rl.close();
  }
}
