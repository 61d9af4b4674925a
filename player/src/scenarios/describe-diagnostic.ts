import type { Diagnostic } from '@defuse/engine';

const SINGULAR: Record<string, string> = {
  beats: 'beat',
  choices: 'choice',
  lines: 'line',
  cues: 'cue',
  media: 'media item',
  effects: 'effect',
  branches: 'branch',
  chance: 'chance option',
  instructor: 'instructor option',
  objectives: 'objective',
  tags: 'tag',
  authors: 'author',
  values: 'value',
  actsOn: 'acted-on cue',
  all: 'condition',
  any: 'condition',
};

/** A diagnostic put for people: where it is, and what is wrong. */
export interface PlainDiagnostic {
  severity: Diagnostic['severity'];
  where: string;
  what: string;
  code: string;
}

function unescape(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** "choice 3 › field “to”" from the tokens that follow a beat id. */
function describeTokens(tokens: string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const next = tokens[i + 1];
    if (next !== undefined && /^\d+$/.test(next) && SINGULAR[token]) {
      parts.push(`${SINGULAR[token]} ${Number(next) + 1}`);
      i++;
    } else if (token === 'variables' && next !== undefined) {
      parts.push(`variable “${next}”`);
      i++;
    } else {
      parts.push(`“${token}”`);
    }
  }
  return parts.join(' › ');
}

/**
 * Describes a diagnostic in plain words, e.g. where: "Beat “dispatch”, choice 2 › “to”",
 * what: the engine's message. The JSON pointer is kept out of the sentence.
 */
export function describeDiagnostic(d: Diagnostic): PlainDiagnostic {
  const tokens = d.path === '' ? [] : d.path.slice(1).split('/').map(unescape);
  let where: string;
  if (tokens[0] === 'beats' && tokens[1] !== undefined) {
    const beat = d.beat ?? tokens[1];
    const rest = describeTokens(tokens.slice(2));
    where = rest ? `Beat “${beat}”, ${rest}` : `Beat “${beat}”`;
  } else if (d.beat) {
    where = `Beat “${d.beat}”`;
  } else if (tokens.length > 0) {
    const rest = describeTokens(tokens);
    where = rest.charAt(0).toUpperCase() + rest.slice(1);
  } else {
    where = 'The file as a whole';
  }
  if (d.line !== undefined)
    where += ` (line ${d.line}${d.column !== undefined ? `, column ${d.column}` : ''})`;
  return { severity: d.severity, where, what: d.message, code: d.code };
}
