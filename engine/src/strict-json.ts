import { visit, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { diagnostic, pointer } from './diagnostics';
import type { Diagnostic } from './types';

/** Largest document accepted, in bytes of UTF-8. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** Deepest nesting of objects and arrays accepted. */
export const MAX_NESTING = 64;

export interface StrictParseResult {
  value?: unknown;
  diagnostics: Diagnostic[];
  /** Finds the line and column of a JSON pointer in the text (computed on demand). */
  locate: (path: string) => { line: number; column: number } | undefined;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Parses JSON strictly: valid UTF-8, at most 5 MB, nesting at most 64 deep,
 * no duplicate keys, no comments or trailing commas. Never throws.
 */
export function parseStrictJson(input: string | Uint8Array): StrictParseResult {
  const none = () => undefined;
  let text: string;
  if (typeof input === 'string') {
    text = input;
  } else {
    if (input.byteLength > MAX_DOCUMENT_BYTES) return tooLarge(input.byteLength);
    try {
      text = utf8.decode(input);
    } catch {
      return {
        diagnostics: [diagnostic('DF100', '', 'the file is not valid UTF-8 text')],
        locate: none,
      };
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // Strings are at most 3 bytes per UTF-16 unit; only measure when it could matter.
  if (text.length * 3 > MAX_DOCUMENT_BYTES) {
    const bytes = new TextEncoder().encode(text).byteLength;
    if (bytes > MAX_DOCUMENT_BYTES) return tooLarge(bytes);
  }
  if (text.trim() === '') {
    return { diagnostics: [diagnostic('DF105', '', 'the file is empty')], locate: none };
  }
  const depth = nestingDepth(text);
  if (depth.max > MAX_NESTING) {
    const { line, column } = lineColumn(text, depth.offset);
    return {
      diagnostics: [
        {
          ...diagnostic('DF102', '', `objects and arrays are nested deeper than ${MAX_NESTING}`),
          line,
          column,
        },
      ],
      locate: none,
    };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { diagnostics: [syntaxDiagnostic(text, error)], locate: none };
  }
  const diagnostics = duplicateKeys(text);
  // Escaped lone surrogates parse, but cannot be hashed as RFC 8785 text.
  if (/\\u[dD][89a-fA-F]/.test(text)) {
    const bad = loneSurrogate(value, '');
    if (bad !== undefined) {
      diagnostics.push(
        diagnostic('DF100', bad, 'the text contains a lone surrogate (broken UTF-16)'),
      );
    }
  }
  return {
    value: diagnostics.length ? undefined : value,
    diagnostics,
    locate: (path) => locatePointer(text, path),
  };
}

function tooLarge(bytes: number): StrictParseResult {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  return {
    diagnostics: [
      diagnostic(
        'DF101',
        '',
        `the file is ${mb(bytes)} MB; the largest accepted is ${mb(MAX_DOCUMENT_BYTES)} MB`,
      ),
    ],
    locate: () => undefined,
  };
}

/** Deepest nesting outside strings, and where it first went past the limit. */
function nestingDepth(text: string): { max: number; offset: number } {
  let depth = 0;
  let max = 0;
  let offset = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > max) {
        max = depth;
        if (depth === MAX_NESTING + 1) offset = i;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return { max, offset };
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

const SYNTAX_WORDS: Record<string, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'malformed number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':'",
  CommaExpected: "expected ',' or the end of the object or array",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected content after the end of the document',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a string is not closed',
  UnexpectedEndOfNumber: 'malformed number',
  InvalidUnicode: 'malformed \\u escape',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'control character inside a string',
};

/** Turns a JSON.parse failure into a located diagnostic using jsonc-parser's scanner. */
function syntaxDiagnostic(text: string, error: unknown): Diagnostic {
  const errors: ParseError[] = [];
  visit(
    text,
    {
      onError: (code, offset, length) => errors.push({ error: code, offset, length }),
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );
  const first = errors[0];
  if (first) {
    const { line, column } = lineColumn(text, first.offset);
    const word = SYNTAX_WORDS[printParseErrorCode(first.error)] ?? 'syntax error';
    return { ...diagnostic('DF103', '', `not valid JSON: ${word}`), line, column };
  }
  // jsonc-parser accepts a few things JSON does not (for example a trailing comma).
  const raw = error instanceof Error ? error.message : String(error);
  const match = /position (\d+)/.exec(raw);
  const where = match ? lineColumn(text, Number(match[1])) : undefined;
  return {
    ...diagnostic('DF103', '', `not valid JSON: ${raw.replace(/^JSON\.parse: /, '')}`),
    ...where,
  };
}

/** Every key that appears twice in one object, with the pointer of the second. */
function duplicateKeys(text: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const stack: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => {
      stack.push(new Set());
    },
    onObjectEnd: () => {
      stack.pop();
    },
    onObjectProperty: (name, _offset, _length, startLine, startCharacter, pathSupplier) => {
      const keys = stack[stack.length - 1];
      if (!keys) return;
      if (keys.has(name)) {
        const at = pointer(...pathSupplier(), name);
        found.push({
          ...diagnostic('DF104', at, `the key "${name}" appears twice in the same object`),
          line: startLine + 1,
          column: startCharacter + 1,
        });
      }
      keys.add(name);
    },
  });
  return found;
}

/**
 * Line and column of the property a JSON pointer names; for an array element,
 * of the nearest property that holds it.
 */
function locatePointer(text: string, path: string): { line: number; column: number } | undefined {
  const wanted = new Set<string>();
  for (let p = path; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) wanted.add(p);
  let best: { line: number; column: number; length: number } | undefined;
  visit(text, {
    onObjectProperty: (name, _offset, _length, startLine, startCharacter, pathSupplier) => {
      const at = pointer(...pathSupplier(), name);
      if (wanted.has(at) && (!best || at.length > best.length)) {
        best = { line: startLine + 1, column: startCharacter + 1, length: at.length };
      }
    },
  });
  return best && { line: best.line, column: best.column };
}

/** Pointer of the first string (or key) that is not well-formed UTF-16. */
function loneSurrogate(value: unknown, at: string): string | undefined {
  if (typeof value === 'string') return value.isWellFormed() ? undefined : at;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const bad = loneSurrogate(value[i], `${at}/${i}`);
      if (bad !== undefined) return bad;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const here = at + pointer(k);
      if (!k.isWellFormed()) return here;
      const bad = loneSurrogate(v, here);
      if (bad !== undefined) return bad;
    }
  }
  return undefined;
}
