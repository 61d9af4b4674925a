import { chainHead, logIdentity, parseLog, parseScenario, scenarioDigest } from '@defuse/engine';
import type { Annotation, DecisionLog, Scenario } from '@defuse/schemas';
import { loadCatalogue } from '../scenarios/catalogue';
import { listLogs, loadLog, loadSession } from '../storage/logs';
import { saveImportedScenario } from '../storage/scenarios';
import { describeDiagnostic } from '../scenarios/describe-diagnostic';
import {
  listOpenedFiles,
  removeOpenedFile,
  saveOpenedFile,
  type DebriefNotes,
  type NotesOwner,
} from './debrief-store';
import { devicePublicKey } from '../storage/device-key';
import { checkIntegrity, THIS_TABLET, type Integrity, type ScenarioShelf } from './integrity';

/** A log the debrief can open: one of this device's drills, a file, or a log on the class hub. */
export interface DebriefLog {
  /** Stable key for routes and lists. */
  key: string;
  source: 'device' | 'file' | 'hub';
  fileName?: string;
  log: DecisionLog;
  integrity: Integrity;
  /** Another, different log (another chain head) has the same session id. */
  conflict?: boolean;
}

/** Whose notes a debrief shows: this log's, by its identity. */
export function notesOwner(entry: DebriefLog): NotesOwner {
  return {
    sessionId: entry.log.sessionId,
    logId: logIdentity(entry.log),
    ownDrill: entry.source === 'device',
  };
}

/**
 * Marks every log whose session id is shared by a different log. Both stay
 * listed: which one is genuine is for the instructor to find out, not for
 * the list to decide by replacing one with the other.
 */
export function markConflicts(logs: DebriefLog[]): DebriefLog[] {
  const heads = new Map<string, Set<string>>();
  for (const { log } of logs) {
    const set = heads.get(log.sessionId) ?? new Set<string>();
    set.add(chainHead(log));
    heads.set(log.sessionId, set);
  }
  return logs.map((l) =>
    (heads.get(l.log.sessionId)?.size ?? 0) > 1 ? { ...l, conflict: true } : l,
  );
}

export interface DebriefLibrary {
  logs: DebriefLog[];
  shelf: ScenarioShelf;
}

/** A route-safe key: `d.<session>` for this device, `f.<session>.<fingerprint>` for files. */
function deviceKey(sessionId: string): string {
  return `d.${sessionId}`;
}

/** FNV-1a of the events as written, so two different copies of one session get two keys. */
function fingerprint(log: DecisionLog): string {
  const text = JSON.stringify(log.events);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

function fileKey(log: DecisionLog): string {
  return `f.${log.sessionId}.${fingerprint(log)}`;
}

/**
 * Everything the debrief lists: this device's drills (with the scenario copy
 * each was recorded with), log files opened here before, and every scenario
 * text the device has (bundled, imported, and those copies).
 */
export async function loadLibrary(): Promise<DebriefLibrary> {
  const shelf: ScenarioShelf = new Map();
  const catalogue = await loadCatalogue();
  for (const entry of [...catalogue.bundled, ...catalogue.imported]) {
    shelf.set(entry.digest, entry.scenario);
  }
  const device: { log: DecisionLog }[] = [];
  for (const summary of await listLogs()) {
    const [log, session] = await Promise.all([
      loadLog(summary.sessionId),
      loadSession(summary.sessionId),
    ]);
    if (!log) continue;
    if (session?.scenario) {
      const digest = scenarioDigest(session.scenario);
      if (!shelf.has(digest)) shelf.set(digest, session.scenario);
    }
    device.push({ log });
  }
  const files = await listOpenedFiles();
  // A local log is vouched for by this device's own key; a file signed by any other key is not.
  const own = await devicePublicKey();
  const trust = own ? [{ publicKey: own, kind: 'device' as const, name: THIS_TABLET }] : [];
  const logs: DebriefLog[] = [
    ...device.map(({ log }) => ({
      key: deviceKey(log.sessionId),
      source: 'device' as const,
      log,
      integrity: checkIntegrity(log, shelf, trust),
    })),
    ...files.map((f) => ({
      key: f.key,
      source: 'file' as const,
      fileName: f.fileName,
      log: f.log,
      integrity: checkIntegrity(f.log, shelf, trust),
    })),
  ];
  return { logs: markConflicts(logs), shelf };
}

/** Largest file accepted, as for scenarios; a log of a long drill is a few hundred KB. */
const MAX_BYTES = 5 * 1024 * 1024;

/** The outcome of opening one file. */
export type OpenResult =
  | {
      kind: 'log';
      fileName: string;
      key: string;
      /** A different log with the same session id was already here; both are kept. */
      conflict: boolean;
    }
  | { kind: 'scenario'; fileName: string; title: string; version: string }
  | { kind: 'error'; fileName: string; message: string };

/**
 * Opens dropped or picked files: decision logs join the debrief list (the
 * notes and reactions in a file stay with that file and are shown as the
 * file's, never added to another log's), scenario files join the
 * device's imported scenarios so logs recorded with them can be debriefed.
 * A file that is neither is refused with the reason; nothing is changed.
 */
export async function openFiles(files: readonly File[]): Promise<OpenResult[]> {
  const results: OpenResult[] = [];
  for (const file of files) {
    if (file.size > MAX_BYTES) {
      results.push({ kind: 'error', fileName: file.name, message: 'larger than 5 MB' });
      continue;
    }
    const bytes = await readBytes(file);
    results.push(await openBytes(file.name, bytes));
  }
  return results;
}

/** A file's bytes; `FileReader` where `Blob.arrayBuffer` is missing (older tablets). */
function readBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') {
    return file.arrayBuffer().then((b) => new Uint8Array(b));
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}

async function openBytes(fileName: string, bytes: Uint8Array): Promise<OpenResult> {
  let format: unknown;
  try {
    format = (JSON.parse(new TextDecoder().decode(bytes)) as { format?: unknown }).format;
  } catch {
    format = undefined;
  }
  if (typeof format === 'string' && format.startsWith('defuse/scenario')) {
    const { scenario, diagnostics } = parseScenario(bytes);
    if (!scenario) {
      const first = diagnostics[0];
      const plain = first ? describeDiagnostic(first) : undefined;
      return {
        kind: 'error',
        fileName,
        message: `not a valid scenario${plain ? `: ${plainText(plain)}` : ''}`,
      };
    }
    await saveImportedScenario(scenario, scenarioDigest(scenario), fileName);
    return { kind: 'scenario', fileName, title: scenario.title, version: scenario.version };
  }
  const { log, diagnostics } = parseLog(bytes);
  if (!log) {
    const first = diagnostics[0];
    const where = first?.line !== undefined ? ` (line ${first.line})` : '';
    return {
      kind: 'error',
      fileName,
      message: first
        ? `not a decision log: ${first.message}${where}`
        : 'not a decision log or a scenario file',
    };
  }
  const key = fileKey(log);
  const conflict = await differentLogHere(log);
  await saveOpenedFile({ key, fileName, openedAt: Date.now(), log });
  return { kind: 'log', fileName, key, conflict };
}

/** Whether this device already lists another log under the session id of `log`. */
async function differentLogHere(log: DecisionLog): Promise<boolean> {
  const head = chainHead(log);
  const device = await loadLog(log.sessionId);
  if (device && chainHead(device) !== head) return true;
  const files = await listOpenedFiles();
  return files.some((f) => f.log.sessionId === log.sessionId && chainHead(f.log) !== head);
}

function plainText(d: ReturnType<typeof describeDiagnostic>): string {
  return `${d.where}: ${d.what}`;
}

/** Takes an opened file off the debrief list (the file itself is untouched). */
export async function closeFile(key: string): Promise<void> {
  await removeOpenedFile(key);
}

/**
 * The log as it is exported from the debrief: the recorded events exactly as
 * they are, with the instructor's notes and the trainee's reactions beside
 * them. Both are outside the hash chain, so the log still verifies. Notes a
 * file came with stay in it, after them the ones written here.
 */
export function logWithNotes(log: DecisionLog, notes: DebriefNotes): DecisionLog {
  const out: DecisionLog = { ...log };
  const carried = log.annotations ?? [];
  const same = (a: Annotation, b: Annotation) =>
    a.seq === b.seq && a.text === b.text && (a.author ?? '') === (b.author ?? '');
  const added = notes.annotations.filter((a) => !carried.some((b) => same(a, b)));
  const annotations = [...carried, ...added].sort((a, b) => a.seq - b.seq);
  if (annotations.length > 0) out.annotations = annotations;
  else delete out.annotations;
  if (notes.selfAssessment && (notes.selfAssessment.wentWell || notes.selfAssessment.change)) {
    out.selfAssessment = notes.selfAssessment;
  }
  return out;
}

/** Scenario text recorded for a log, when the device has it. */
export function scenarioOf(log: DecisionLog, shelf: ScenarioShelf): Scenario | undefined {
  return shelf.get(log.scenario.digest);
}
