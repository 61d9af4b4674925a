import { DIAGNOSTIC_CODES, type DiagnosticCode } from './diagnostic-codes';
import type { Diagnostic, Severity } from './types';

/** Builds a diagnostic, taking the severity from the code's registry entry. */
export function diagnostic(
  code: DiagnosticCode,
  path: string,
  message: string,
  extra: { beat?: string; severity?: Severity } = {},
): Diagnostic {
  const d: Diagnostic = {
    code,
    severity: extra.severity ?? DIAGNOSTIC_CODES[code].severity,
    message,
    path,
  };
  const beat = extra.beat ?? beatOfPointer(path);
  if (beat !== undefined) d.beat = beat;
  return d;
}

/** Escapes one reference token of a JSON pointer (RFC 6901). */
export function escapePointerToken(token: string | number): string {
  const t = String(token);
  // Almost no token needs escaping; skip the two replaces on the hot path.
  if (!t.includes('~') && !t.includes('/')) return t;
  return t.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Joins reference tokens into a JSON pointer. */
export function pointer(...tokens: (string | number)[]): string {
  return tokens.map((t) => '/' + escapePointerToken(t)).join('');
}

/** Splits a JSON pointer into its unescaped tokens. */
export function pointerTokens(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The beat a pointer into a scenario falls inside, if any. */
export function beatOfPointer(path: string): string | undefined {
  const tokens = pointerTokens(path);
  return tokens[0] === 'beats' && tokens.length > 1 ? tokens[1] : undefined;
}

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Formats one diagnostic the way the command line prints it:
 * `file:pointer: severity code: message`.
 */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  const where = d.path === '' ? file : `${file}:${d.path}`;
  const line = d.line !== undefined ? ` (line ${d.line}, column ${d.column ?? 1})` : '';
  return `${where}: ${d.severity} ${d.code}: ${d.message}${line}`;
}
