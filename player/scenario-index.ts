import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/** What the home screen lists for a bundled scenario, read at build time. */
export interface ScenarioIndexEntry {
  fileName: string;
  id: string;
  version: string;
  title: string;
  summary?: string;
  estimatedMinutes?: number;
  callType?: string;
  tags?: string[];
}

const ID = 'virtual:defuse-scenario-index';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/** The listing fields of one scenario file; undefined when it is not even JSON. */
export function indexEntry(fileName: string, source: string): ScenarioIndexEntry | undefined {
  let doc: Record<string, unknown>;
  try {
    doc = JSON.parse(source) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (doc === null || typeof doc !== 'object') return undefined;
  const tags = Array.isArray(doc.tags) ? doc.tags.filter((t) => typeof t === 'string') : undefined;
  const entry: ScenarioIndexEntry = {
    fileName,
    id: text(doc.id) ?? fileName.replace(/\.scenario\.json$/, ''),
    version: text(doc.version) ?? '',
    title: text(doc.title) ?? fileName,
  };
  const summary = text(doc.summary);
  if (summary) entry.summary = summary;
  if (typeof doc.estimatedMinutes === 'number') entry.estimatedMinutes = doc.estimatedMinutes;
  const callType = text(doc['x-callType']) ?? text(doc['x-call-type']);
  if (callType) entry.callType = callType;
  if (tags?.length) entry.tags = tags as string[];
  return entry;
}

/**
 * `virtual:defuse-scenario-index`: the title, summary, call type and length of
 * each `scenarios/*.scenario.json`, so the home screen lists the library
 * without loading every scenario. The engine still validates a scenario
 * before a drill runs it.
 */
export function scenarioIndex(dir: string): Plugin {
  return {
    name: 'defuse-scenario-index',
    resolveId(source) {
      return source === ID ? `\0${ID}` : undefined;
    },
    load(id) {
      if (id !== `\0${ID}`) return undefined;
      const entries: ScenarioIndexEntry[] = [];
      for (const fileName of readdirSync(dir)
        .filter((f) => f.endsWith('.scenario.json'))
        .sort()) {
        const file = join(dir, fileName);
        this.addWatchFile(file);
        const entry = indexEntry(fileName, readFileSync(file, 'utf8'));
        entries.push(entry ?? { fileName, id: fileName, version: '', title: fileName });
      }
      return `export default ${JSON.stringify(entries)};`;
    },
  };
}
