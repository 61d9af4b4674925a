import bundledIndex from 'virtual:defuse-scenario-index';

/**
 * The scenario library shipped with the app: every `scenarios/*.scenario.json`
 * of the repository, each in its own chunk so a drill loads only its own.
 */
const modules = import.meta.glob<unknown>('../../../scenarios/*.scenario.json', {
  import: 'default',
});

/** A bundled scenario file before validation. */
export interface BundledFile {
  fileName: string;
  load: () => Promise<unknown>;
}

/** The bundled scenario files, sorted by file name. */
export function bundledFiles(): BundledFile[] {
  return Object.entries(modules)
    .map(([path, load]) => ({ fileName: path.slice(path.lastIndexOf('/') + 1), load }))
    .sort((a, b) => a.fileName.localeCompare(b.fileName));
}

/** Loads one bundled scenario document (not yet validated). */
export function loadBundledFile(fileName: string): Promise<unknown> {
  const file = bundledFiles().find((f) => f.fileName === fileName);
  if (!file) return Promise.reject(new Error(`${fileName} is not part of this build`));
  return file.load();
}

/** Title, summary, call type and length of each bundled scenario, read at build time. */
export { bundledIndex };
