/**
 * Where in the editor a diagnostic's JSON pointer leads: a beat, a choice,
 * a beat's timer, a variable, or the scenario itself. Clicking a diagnostic
 * selects that place.
 */
import type { Diagnostic } from '@defuse/engine';
import type { Scenario } from '@defuse/schemas';

export type Place =
  | { kind: 'beat'; beat: string }
  | { kind: 'choice'; beat: string; choice: string; index: number }
  | { kind: 'timeout'; beat: string }
  | { kind: 'variable'; name: string }
  | { kind: 'scenario'; field?: string };

/** The unescaped reference tokens of a JSON pointer (RFC 6901). */
export function pointerTokens(path: string): string[] {
  if (path === '' || !path.startsWith('/')) return [];
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The place a diagnostic concerns, as precisely as the document allows. */
export function placeOf(d: Pick<Diagnostic, 'path' | 'beat'>, doc: Scenario): Place {
  const tokens = pointerTokens(d.path);
  if (tokens[0] === 'variables' && tokens[1] !== undefined) {
    return { kind: 'variable', name: tokens[1] };
  }
  const beatId = tokens[0] === 'beats' && tokens[1] !== undefined ? tokens[1] : d.beat;
  const beat = beatId !== undefined ? doc.beats?.[beatId] : undefined;
  if (beatId === undefined || !beat) {
    return tokens[0] === 'start' && d.beat === undefined
      ? { kind: 'scenario', field: 'start' }
      : {
          kind: 'scenario',
          ...(tokens[0] !== undefined && tokens[0] !== 'beats' ? { field: tokens[0] } : {}),
        };
  }
  if (tokens[0] === 'beats' && tokens[2] === 'choices' && tokens[3] !== undefined) {
    const index = Number(tokens[3]);
    const choice = beat.kind !== 'outcome' ? beat.choices?.[index] : undefined;
    if (choice && typeof choice.id === 'string') {
      return { kind: 'choice', beat: beatId, choice: choice.id, index };
    }
  }
  if (tokens[0] === 'beats' && (tokens[2] === 'onTimeout' || tokens[2] === 'timeLimitSec')) {
    return { kind: 'timeout', beat: beatId };
  }
  return { kind: 'beat', beat: beatId };
}
