import { isOutcomeBeat, type LogEvent, type Scenario } from '@defuse/schemas';
import { startDrill, type Drill } from '../../drill';
import { DecisionError } from '../../step';
import { choiceOption, expectPositionals, parseCommandArgs, seedOption } from '../args';
import { EXIT_FAILED, EXIT_OK, UsageError, type CliIo, type Command } from '../command';
import { loadScenario, refuseOutputOverInput } from '../files';
import { logFileWriter, LogWriteError } from '../log-file';
import { publicKeyOf, signHash } from '../device-key';
import { loadOrCreateKeyFile } from '../key-file';
import { keyId } from '../../signatures';
import { fileName, oneLine, outcomeText } from '../text';

/** One step of a `--choose` script. */
export type ScriptStep =
  | { kind: 'choose'; choice: string; token: string }
  | { kind: 'timeout'; token: string }
  | { kind: 'pick'; option: number; token: string };

/** Reads a `--choose` script: choice ids, `@timeout`, `@pick:N` (N counted from 1). */
export function parseScript(text: string): ScriptStep[] {
  const tokens = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tokens.length === 0) throw new UsageError('--choose needs at least one choice id');
  return tokens.map((token) => {
    if (token === '@timeout') return { kind: 'timeout', token };
    const pick = /^@pick:(\d+)$/.exec(token);
    if (pick) {
      const option = Number(pick[1]);
      if (option < 1) throw new UsageError(`${token}: instructor options are counted from 1`);
      return { kind: 'pick', option, token };
    }
    if (token.startsWith('@')) {
      throw new UsageError(`unknown script token "${token}" (use @timeout or @pick:N)`);
    }
    return { kind: 'choose', choice: token, token };
  });
}

/** A step of the script the drill could not take; the message names the step. */
class ScriptError extends Error {
  override name = 'ScriptError';
}

/** One recorded decision as a line: `2. talk: label -> calm (drawn by chance)`. */
export function decisionLine(n: number, e: LogEvent, scenario: Scenario): string {
  const what = e.type === 'timeout' ? '@timeout' : (e.choice ?? '');
  let how = '';
  if (e.by === 'chance') how = ' (drawn by chance)';
  if (e.by === 'instructor' && e.option !== undefined) {
    const beat = scenario.beats[e.beat];
    const dest =
      beat && !isOutcomeBeat(beat)
        ? e.type === 'timeout'
          ? beat.onTimeout
          : beat.choices?.find((c) => c.id === e.choice)
        : undefined;
    const label = dest?.instructor?.[e.option]?.label;
    how = ` (instructor option ${e.option + 1}${label ? `: ${oneLine(label)}` : ''})`;
  }
  return `${n}. ${e.beat}: ${what} -> ${e.to ?? '?'}${how}`;
}

/** The choices offered now, for error messages. */
function offered(drill: Drill): string {
  const ids = drill.snapshot().choices.map((c) => c.id);
  const timer = drill.snapshot().deadline !== undefined ? ['@timeout'] : [];
  const all = [...ids, ...timer];
  return all.length ? `available: ${all.join(', ')}` : 'nothing is available';
}

/** Takes one script step on the drill, or throws a `ScriptError` saying why it cannot. */
async function take(drill: Drill, step: ScriptStep, advance: (ms: number) => void): Promise<void> {
  const snap = drill.snapshot();
  const options = snap.instructorOptions;
  if (step.kind === 'pick') {
    if (!options) throw new ScriptError('no instructor branch is waiting for a pick here');
    if (step.option > options.length) {
      throw new ScriptError(
        `there are only ${options.length} instructor options: ` +
          options.map((o) => `${o.index + 1} = ${oneLine(o.label)}`).join(', '),
      );
    }
    await drill.pick(step.option - 1);
    return;
  }
  if (options) {
    throw new ScriptError(
      `the instructor branch at "${snap.beat}" is waiting for a pick; put @pick:N here (` +
        options.map((o) => `${o.index + 1} = ${oneLine(o.label)}`).join(', ') +
        ')',
    );
  }
  if (step.kind === 'timeout') {
    if (snap.remainingMs === undefined) {
      throw new ScriptError(`beat "${snap.beat}" has no timer; ${offered(drill)}`);
    }
    // The timer runs out at its deadline, so the log times it there.
    advance(snap.remainingMs);
    await drill.expire();
    return;
  }
  const beat = drill.scenario.beats[snap.beat];
  const exists = beat && !isOutcomeBeat(beat) && beat.choices?.some((c) => c.id === step.choice);
  if (!exists) {
    throw new ScriptError(`beat "${snap.beat}" has no choice "${step.choice}"; ${offered(drill)}`);
  }
  if (!snap.choices.some((c) => c.id === step.choice)) {
    throw new ScriptError(
      `the choice "${step.choice}" is not available now (its "when" does not hold); ${offered(drill)}`,
    );
  }
  await drill.choose(step.choice);
}

/** `defuse run`: a drill played from a script, for scripts and tests. */
export const runCommand: Command = {
  name: 'run',
  summary: 'Run a drill from a script of choices (for scripts and tests)',
  usage: `defuse run <file> --choose id,id,... [--seed N] [--trainee ID] [--mode M] [--out log.json] [--key FILE]

Plays a drill without asking: each script step is a choice id of the current
beat, @timeout (the running timer expires at its deadline), or @pick:N (the
instructor takes option N of a waiting instructor branch, counted from 1 as
"play" numbers them). When the script holds a @pick, the instructor is present
and every instructor branch waits for its @pick; otherwise they are drawn by
weight. Prints each decision, the path and the outcome.

Options:
  --choose LIST      the script, comma-separated (required)
  --seed N           seed of the chance draws (0 to 4294967295; random if absent)
  --trainee ID       trainee id recorded in the log (default "anonymous")
  --mode M           training (default) or assessment
  --out FILE         write the decision log there, after every event
  --key FILE         sign every event with the private key in FILE (a JWK),
                     creating a new key there (mode 0600) when it is missing;
                     the log's header carries its public key
  --allow-partial    a script that stops before an outcome is not an error

Exit status: 0 when the drill reached an outcome, 1 when a step could not be
taken (the message names it), the drill ended before the script, or the script
ended before the drill (unless --allow-partial).

Example:
  defuse run scenarios/library-agitated-patron.scenario.json --seed 7 \\
    --choose query-dispatch,hold-at-table,@timeout --allow-partial`,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, {
      choose: { type: 'string', short: 'c' },
      seed: { type: 'string' },
      trainee: { type: 'string' },
      mode: { type: 'string' },
      out: { type: 'string', short: 'o' },
      key: { type: 'string' },
      'allow-partial': { type: 'boolean' },
    });
    expectPositionals(positionals, ['scenario file']);
    if (values.choose === undefined) throw new UsageError('missing --choose id,id,...');
    const script = parseScript(values.choose);
    const seed = seedOption(values.seed);
    const mode = choiceOption('mode', values.mode, ['training', 'assessment'] as const);
    if (values.trainee !== undefined && values.trainee.trim() === '') {
      throw new UsageError('--trainee needs a non-empty id');
    }
    if (values.out !== undefined) {
      const inputs = values.key !== undefined ? [...positionals, values.key] : positionals;
      refuseOutputOverInput(io, values.out, inputs);
    }
    const scenario = loadScenario(io, positionals[0]!);
    if (!scenario) return EXIT_FAILED;
    let signing = {};
    if (values.key !== undefined) {
      const found = loadOrCreateKeyFile(io, values.key);
      if ('problem' in found) {
        io.err(`defuse run: ${fileName(values.key)}: ${found.problem}`);
        return EXIT_FAILED;
      }
      const { key } = found;
      // On stderr: stdout is the drill, which scripts read line by line.
      if (found.created) io.err(`defuse run: created a new device key in ${fileName(values.key)}`);
      io.err(`defuse run: signing with key ${keyId(key)}`);
      signing = { deviceKey: publicKeyOf(key), sign: (hash: string) => signHash(key, hash) };
    }

    // Real time, except that an expired timer moves the clock to its deadline.
    const base = io.clock ?? (() => performance.now());
    const origin = base();
    let skipped = 0;
    const clock = () => base() - origin + skipped;

    let drill: Drill;
    try {
      drill = await startDrill(scenario, {
        ...(seed !== undefined ? { seed } : {}),
        ...(values.trainee !== undefined ? { trainee: { id: values.trainee } } : {}),
        ...(mode ? { mode } : {}),
        clock,
        ...signing,
        instructor: script.some((s) => s.kind === 'pick') ? 'present' : 'solo',
        ...(values.out !== undefined ? { onEvent: logFileWriter(io, values.out) } : {}),
      });
    } catch (error) {
      if (error instanceof LogWriteError) {
        io.err(`defuse run: ${error.message}`);
        return EXIT_FAILED;
      }
      throw error;
    }
    io.out(
      `${oneLine(scenario.title)} (${scenario.id} ${scenario.version}), seed ${drill.log().seed}`,
    );

    let printed = 0;
    const printNew = () => {
      const events = drill.log().events;
      for (const e of events.slice(printed)) {
        printed++;
        if (e.type === 'choice' || e.type === 'timeout') {
          const n = events.slice(0, printed).filter((x) => x.type !== 'start').length;
          io.out(decisionLine(n, e, scenario));
        }
      }
    };

    for (const [i, step] of script.entries()) {
      const where = `step ${i + 1} (${oneLine(step.token)})`;
      const snap = drill.snapshot();
      if (snap.done) {
        printNew();
        io.err(
          `defuse run: ${where}: the drill already ended at "${snap.beat}"; ` +
            `${script.length - i} script step(s) left over`,
        );
        return EXIT_FAILED;
      }
      try {
        await take(drill, step, (ms) => void (skipped += ms));
      } catch (error) {
        printNew();
        if (error instanceof ScriptError || error instanceof DecisionError) {
          io.err(`defuse run: ${where}: ${oneLine(error.message)}`);
          return EXIT_FAILED;
        }
        if (error instanceof LogWriteError) {
          io.err(`defuse run: ${where}: ${error.message}`);
          return EXIT_FAILED;
        }
        throw error;
      }
      printNew();
    }

    const log = drill.log();
    const path = [
      log.events[0]!.beat,
      ...log.events.filter((e) => e.to !== undefined).map((e) => e.to!),
    ];
    io.out(`Path: ${path.join(' → ')}`);
    const snap = drill.snapshot();
    const beat = scenario.beats[snap.beat];
    if (snap.done && beat && isOutcomeBeat(beat)) {
      io.out(`Outcome: ${snap.beat} "${oneLine(beat.title)}": ${outcomeText(beat.outcome)}`);
    } else {
      const waiting = snap.instructorOptions ? ' (an instructor branch waits for @pick:N)' : '';
      io.out(`Outcome: none yet: the drill is at "${snap.beat}"${waiting}`);
    }
    if (values.out !== undefined) io.out(`Log written to ${fileName(values.out)}`);
    if (!snap.done && !values['allow-partial']) {
      io.err(
        `defuse run: the script ended before the drill did; ${offered(drill)} ` +
          '(--allow-partial accepts this)',
      );
      return EXIT_FAILED;
    }
    return EXIT_OK;
  },
};
