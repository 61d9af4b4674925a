/**
 * What came of publishing, as values the dialog shows: the hub's answer
 * (or the editor's own refusal) sorted into the cases an instructor acts
 * on differently. Framework-free, so the rules are tested without a screen.
 */
import type { Diagnostic } from '@defuse/engine';
import { HubError } from '@defuse/player';

/** One publish result that needs the instructor's attention. */
export type PublishOutcome =
  /** The scenario has errors: the editor did not send it. */
  | { kind: 'has-errors'; errors: number }
  /** 409: this id and version are on the hub with another text. */
  | { kind: 'version-taken'; message: string; version: string }
  /** 422: the hub's checks refused it. */
  | { kind: 'refused'; message: string; diagnostics: Diagnostic[] }
  /** 413: larger than the hub takes. */
  | { kind: 'too-large'; bytes: number }
  /** No answer at all. */
  | { kind: 'unreachable' }
  /** Any other answer, with the hub's own message. */
  | { kind: 'failed'; message: string };

const SEVERITIES = new Set<string>(['error', 'warning', 'info']);

/**
 * The diagnostics of a 422 body, keeping only well-formed entries: the body
 * comes over the network, and a malformed entry must not break the list.
 */
export function hubDiagnostics(body: Record<string, unknown>): Diagnostic[] {
  const list = Array.isArray(body.diagnostics) ? (body.diagnostics as unknown[]) : [];
  const out: Diagnostic[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const d = item as Record<string, unknown>;
    if (typeof d.code !== 'string' || typeof d.message !== 'string') continue;
    const severity =
      typeof d.severity === 'string' && SEVERITIES.has(d.severity) ? d.severity : 'error';
    out.push({
      code: d.code,
      severity: severity as Diagnostic['severity'],
      message: d.message,
      path: typeof d.path === 'string' ? d.path : '',
      ...(typeof d.beat === 'string' ? { beat: d.beat } : {}),
    } as Diagnostic);
  }
  return out;
}

/** The outcome of a failed publish request, for the dialog. */
export function outcomeOfError(error: HubError, version: string, bytes: number): PublishOutcome {
  if (error.unreachable) return { kind: 'unreachable' };
  switch (error.status) {
    case 409:
      return { kind: 'version-taken', message: error.message, version };
    case 422:
      return { kind: 'refused', message: error.message, diagnostics: hubDiagnostics(error.body) };
    case 413:
      return { kind: 'too-large', bytes };
    default:
      return { kind: 'failed', message: error.message };
  }
}

const PLAIN_VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

/**
 * The next patch version ("1.2.3" → "1.2.4"), or undefined for a version
 * with a pre-release or build part, where "the next one" is the author's
 * call, not the editor's.
 */
export function nextPatchVersion(version: string): string | undefined {
  const m = PLAIN_VERSION.exec(version);
  if (!m) return undefined;
  return `${m[1]}.${m[2]}.${Number(m[3]) + 1}`;
}

/** A size in words: "6.2 MB". */
export function sizeWords(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / (1024 * 1024)).toFixed(1)} MB`
    : `${Math.ceil(bytes / 1024)} KB`;
}
