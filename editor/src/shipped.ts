/**
 * The scenarios that ship with Defuse (`scenarios/*.scenario.json`), offered
 * in the Library panel. Each file is its own chunk, fetched when the panel
 * first lists them, so the editor's startup code does not carry them.
 */

/** One shipped scenario as the Library lists it. */
export interface ShippedScenario {
  /** File name, e.g. `library-agitated-patron.scenario.json`. */
  file: string;
  title: string;
  /** `x-callType`, when the file has one. */
  callType?: string;
  beats: number;
  /** The file's text, opened through the same checks as an imported file. */
  text: string;
}

const FILES = import.meta.glob<string>('../../scenarios/*.scenario.json', {
  query: '?raw',
  import: 'default',
});

function fileName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function summarise(file: string, text: string): ShippedScenario {
  let doc: { title?: unknown; 'x-callType'?: unknown; beats?: unknown } = {};
  try {
    doc = JSON.parse(text) as typeof doc;
  } catch {
    // A broken file is still listed; opening it reports why.
  }
  const beats = doc.beats && typeof doc.beats === 'object' ? Object.keys(doc.beats).length : 0;
  return {
    file,
    title: typeof doc.title === 'string' && doc.title ? doc.title : file,
    ...(typeof doc['x-callType'] === 'string' ? { callType: doc['x-callType'] } : {}),
    beats,
    text,
  };
}

let loading: Promise<ShippedScenario[]> | undefined;

/** The shipped scenarios, sorted by title. Fetched once. */
export function loadShippedScenarios(): Promise<ShippedScenario[]> {
  loading ??= Promise.all(
    Object.entries(FILES).map(async ([path, load]) => summarise(fileName(path), await load())),
  ).then((list) => list.sort((a, b) => a.title.localeCompare(b.title)));
  return loading;
}
