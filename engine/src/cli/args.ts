import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './command';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` `parseArgs`, strict, with its complaints turned into
 * `UsageError`s worded for people ("unknown option --sed").
 */
export function parseCommandArgs<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(usageMessage(error));
  }
}

function usageMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /'([^']+)'/.exec(message)?.[1];
    return name ? `unknown option ${name}` : 'unknown option';
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // Node writes "Option '-n, --runs <value>' argument missing": name the long form.
    const name = /--[\w-]+/.exec(message)?.[0] ?? /-\w/.exec(message)?.[0] ?? 'this option';
    if (message.includes('does not take')) return `option ${name} does not take a value`;
    if (message.includes('ambiguous')) {
      return `option ${name} needs a value (for one that starts with "-", write ${name}=<value>)`;
    }
    return `option ${name} needs a value`;
  }
  // Node's wording names the option already; drop its hint about "--".
  return message.split('. To specify')[0]!.replace(/\.$/, '');
}

/** Exactly `count` positional arguments (named in the message), or a usage error. */
export function expectPositionals(positionals: string[], names: string[]): void {
  if (positionals.length < names.length) {
    throw new UsageError(`missing ${names.slice(positionals.length).join(' and ')}`);
  }
  if (positionals.length > names.length) {
    const extra = positionals.slice(names.length);
    throw new UsageError(`unexpected argument${extra.length > 1 ? 's' : ''}: ${extra.join(' ')}`);
  }
}

/** A whole number in [min, max] from an option's text, or a usage error naming the option. */
export function integerOption(
  name: string,
  text: string | undefined,
  range: { min: number; max: number },
): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim();
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new UsageError(
      `--${name} must be a whole number from ${range.min} to ${range.max}, not "${text}"`,
    );
  }
  return value;
}

/** Seeds are unsigned 32-bit integers, as the decision log stores them. */
export function seedOption(text: string | undefined): number | undefined {
  return integerOption('seed', text, { min: 0, max: 0xffffffff });
}

/** One of a fixed set of words, or a usage error listing them. */
export function choiceOption<T extends string>(
  name: string,
  text: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (text === undefined) return undefined;
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, not "${text}"`);
}
