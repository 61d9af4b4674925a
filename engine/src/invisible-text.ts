import { diagnostic, pointer } from './diagnostics';
import type { Diagnostic } from './types';

/**
 * Characters that change how text is shown without being seen: direction
 * embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) make
 * ",tcaer ton od" display as "do not react,"; zero-width spaces, word joiners,
 * invisible operators, the byte-order mark and the Hangul fillers make
 * "Safe" and "Safe" + U+200B look the same. None has a use in a scenario.
 */
const HIDDEN =
  /[\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff\u180e\u115f\u1160\u3164\uffa0]/;

/**
 * Invisible characters that real text sometimes needs: the zero-width
 * non-joiner and joiner (Persian, Indic scripts, emoji sequences), the
 * direction marks (mixed Hebrew or Arabic and Latin) and the soft hyphen.
 * In an id they only deceive; in text they are worth a second look.
 */
const MARKS = /[\u200c-\u200f\u061c\u00ad]/;

/** Fields whose strings are text people read, where {@link MARKS} may be meant. */
const TEXT_FIELDS = new Set([
  'title',
  'summary',
  'objectives',
  'tags',
  'authors',
  'label',
  'narrative',
  'speaker',
  'text',
  'alt',
  'feedback',
]);

/** `U+200B` for each character of `set` in `text`. */
function codePoints(text: string, set: RegExp): string {
  const found = new Set<string>();
  for (const ch of text) {
    if (set.test(ch))
      found.add('U+' + ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));
  }
  return [...found].join(', ');
}

/**
 * Finds invisible and direction-changing characters in a scenario's ids,
 * names, values and text (DF322, an error), and joiners or direction marks
 * in its text (DF323, a warning). Field names starting with `x-` are the
 * tools' own and are skipped. Works on any JSON value; run it on a document
 * that matches the schema.
 */
export function checkInvisibleText(doc: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  const path: (string | number)[] = [];
  const visit = (value: unknown, text: boolean): void => {
    if (typeof value === 'string') {
      check(value, text, false);
    } else if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        visit(value[i], text);
        path.pop();
      }
    } else if (value !== null && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (key.startsWith('x-')) continue;
        path.push(key);
        check(key, false, true);
        visit((value as Record<string, unknown>)[key], TEXT_FIELDS.has(key));
        path.pop();
      }
    }
  };
  const check = (s: string, text: boolean, isKey: boolean): void => {
    // One test per string in the common case: nothing unusual in it at all.
    if (!HIDDEN.test(s) && !MARKS.test(s)) return;
    const at = pointer(...path);
    const what = isKey ? 'this name' : text ? 'this text' : 'this id or value';
    const hidden = codePoints(s, HIDDEN);
    if (hidden || !text) {
      const chars = hidden || codePoints(s, MARKS);
      out.push(
        diagnostic(
          'DF322',
          at,
          `${what} holds invisible or direction-changing characters (${chars}): ` +
            'it may not read as it is written; remove them',
        ),
      );
      return;
    }
    out.push(
      diagnostic(
        'DF323',
        at,
        `this text holds an invisible joiner or direction mark (${codePoints(s, MARKS)}); ` +
          'keep it only if the language needs it',
      ),
    );
  };
  visit(doc, false);
  return out;
}
