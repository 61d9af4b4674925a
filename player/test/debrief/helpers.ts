import { IDBFactory } from 'fake-indexeddb';
import { startDrill, validateScenario } from '@defuse/engine';
import type { DecisionLog, Scenario } from '@defuse/schemas';
import library from '../../../scenarios/library-agitated-patron.scenario.json';
import { closeDefuseDb } from '../../src/storage/db';
import { createRecorder } from '../../src/storage/logs';
import { closeDebriefDb } from '../../src/debrief/debrief-store';

/** The bundled library scenario, validated. */
export function libraryScenario(): Scenario {
  const { scenario, diagnostics } = validateScenario(structuredClone(library));
  if (!scenario) throw new Error(`library scenario invalid: ${diagnostics[0]?.message}`);
  return scenario;
}

/** A trainee who keeps distance, talks, and recognises the crisis. */
export const CAREFUL: Record<string, string> = {
  dispatch: 'query-dispatch',
  'dispatch-update': 'request-cover',
  arrival: 'hold-at-table',
  'clear-area': 'move-children',
  'first-words': 'introduce',
  listening: 'label-fear',
  voices: 'recognise-crisis',
  stairway: 'offer-caseworker',
  manager: 'explain-powers',
  'the-ask': 'invite-walk',
  lobby: 'call-caseworker',
  'sits-down': 'sit-and-wait',
};

/** A trainee who rushes in and goes hands-on. */
export const RUSHED: Record<string, string> = {
  dispatch: 'rush-in',
  arrival: 'walk-up',
  'too-close': 'grab-arm',
  scuffle: 'take-down',
};

/**
 * Plays a drill by a policy (beat to choice id; the first offered choice
 * elsewhere), `thinkMs` per decision on a manual clock. With `store`, every
 * event goes through the player's recorder into this device's IndexedDB.
 */
export async function playDrill(
  scenario: Scenario,
  policy: Record<string, string>,
  options: { trainee?: string; seed?: number; thinkMs?: number; store?: boolean } = {},
): Promise<DecisionLog> {
  let now = 0;
  const drill = await startDrill(scenario, {
    seed: options.seed ?? 7,
    clock: () => now,
    trainee: { id: options.trainee ?? 'T-100' },
    startedAt: '2026-11-22T14:03:00.000Z',
    ...(options.store ? { onEvent: createRecorder(scenario, 'solo') } : {}),
  });
  for (let i = 0; i < 40 && !drill.snapshot().done; i++) {
    const snap = drill.snapshot();
    now += options.thinkMs ?? 3000;
    const wanted = policy[snap.beat];
    const choice = snap.choices.find((c) => c.id === wanted) ?? snap.choices[0];
    if (!choice) throw new Error(`no choice at ${snap.beat}`);
    await drill.choose(choice.id);
  }
  return drill.log();
}

/** A log as a picked or dropped file. */
export function logFile(log: DecisionLog, name = `${log.trainee.id}.log.json`): File {
  return new File([JSON.stringify(log, null, 2)], name, { type: 'application/json' });
}

/** Fresh, empty databases for the next test. */
export async function resetStorage(): Promise<void> {
  await closeDefuseDb();
  await closeDebriefDb();
  globalThis.indexedDB = new IDBFactory();
}

function readText(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(blob);
  });
}

/** Captures what the page offers for download (the text of each file). */
export function captureDownloads(): {
  files: { name: string; text: Promise<string> }[];
  restore: () => void;
} {
  const files: { name: string; text: Promise<string> }[] = [];
  const blobs = new Map<string, Blob>();
  const originalCreate = URL.createObjectURL;
  const originalRevoke = URL.revokeObjectURL;
  const originalClick = HTMLAnchorElement.prototype.click;
  let n = 0;
  URL.createObjectURL = (blob: Blob) => {
    const url = `blob:test/${n++}`;
    blobs.set(url, blob);
    return url;
  };
  URL.revokeObjectURL = () => undefined;
  HTMLAnchorElement.prototype.click = function click(this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob) files.push({ name: this.download, text: readText(blob) });
  };
  return {
    files,
    restore() {
      URL.createObjectURL = originalCreate;
      URL.revokeObjectURL = originalRevoke;
      HTMLAnchorElement.prototype.click = originalClick;
    },
  };
}
