import { useId, useState } from 'react';
import type { Scenario } from '@defuse/schemas';
import { describeDiagnostic, type PlainDiagnostic } from '../scenarios/describe-diagnostic';
import { saveImportedScenario } from '../storage/scenarios';
import { describeStorageError } from '../storage/logs';

export interface ImportScenarioProps {
  onImported: () => void;
}

type Result =
  | { kind: 'idle' }
  | { kind: 'busy'; fileName: string }
  | { kind: 'refused'; fileName: string; problems: PlainDiagnostic[] }
  | { kind: 'imported'; fileName: string; scenario: Scenario; warnings: PlainDiagnostic[] }
  | { kind: 'failed'; fileName: string; message: string };

/** Largest file accepted, far above any real scenario. */
const MAX_BYTES = 5 * 1024 * 1024;

/**
 * Imports a scenario from a file. The engine checks it; a refused file is
 * reported in plain words (which beat, what is wrong) and nothing stored
 * changes. An accepted one is stored on this device and listed.
 */
export function ImportScenario({ onImported }: ImportScenarioProps) {
  const inputId = useId();
  const hintId = useId();
  const [result, setResult] = useState<Result>({ kind: 'idle' });

  async function importFile(file: File) {
    setResult({ kind: 'busy', fileName: file.name });
    if (file.size > MAX_BYTES) {
      setResult({
        kind: 'failed',
        fileName: file.name,
        message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; scenarios are at most 5 MB.`,
      });
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readBytes(file);
    } catch (error) {
      setResult({
        kind: 'failed',
        fileName: file.name,
        message: `The file could not be read (${error instanceof Error ? error.message : String(error)}).`,
      });
      return;
    }
    const { parseScenario, scenarioDigest } = await import('./import-check');
    const parsed = parseScenario(bytes);
    const plain = parsed.diagnostics.map(describeDiagnostic);
    if (!parsed.scenario) {
      setResult({
        kind: 'refused',
        fileName: file.name,
        problems: plain.filter((d) => d.severity === 'error'),
      });
      return;
    }
    try {
      await saveImportedScenario(parsed.scenario, scenarioDigest(parsed.scenario), file.name);
    } catch (error) {
      setResult({
        kind: 'failed',
        fileName: file.name,
        message: `The scenario is valid but could not be stored on this device: ${describeStorageError(error)}.`,
      });
      return;
    }
    setResult({
      kind: 'imported',
      fileName: file.name,
      scenario: parsed.scenario,
      warnings: plain.filter((d) => d.severity === 'warning'),
    });
    onImported();
  }

  return (
    <div className="import">
      <input
        id={inputId}
        className="visually-hidden-file"
        type="file"
        accept=".json,application/json"
        aria-describedby={hintId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <label htmlFor={inputId} className="button secondary file-button">
        Import a scenario file…
      </label>
      <p id={hintId} className="hint">
        A <code>.scenario.json</code> file from the editor. It is checked before anything is stored.
      </p>
      <div aria-live="polite">
        {result.kind === 'busy' && <p className="hint">Checking {result.fileName}…</p>}
        {result.kind === 'imported' && (
          <div className="notice success" role="status">
            <p>
              Imported “{result.scenario.title}” (version {result.scenario.version}) from{' '}
              {result.fileName}.
            </p>
            {result.warnings.length > 0 && (
              <ProblemList title="Worth a look" items={result.warnings} />
            )}
          </div>
        )}
      </div>
      {result.kind === 'refused' && (
        <div className="notice error" role="alert">
          <p>
            <strong>{result.fileName} was not imported.</strong> Nothing on this device was changed.
            The file has{' '}
            {result.problems.length === 1 ? 'one problem' : `${result.problems.length} problems`}:
          </p>
          <ProblemList items={result.problems} />
        </div>
      )}
      {result.kind === 'failed' && (
        <div className="notice error" role="alert">
          <p>
            <strong>{result.fileName} was not imported.</strong> {result.message}
          </p>
        </div>
      )}
    </div>
  );
}

/** The file's bytes (FileReader where Blob.arrayBuffer is missing, as on older tablets). */
function readBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') {
    return file.arrayBuffer().then((buffer) => new Uint8Array(buffer));
  }
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable file'));
    reader.readAsArrayBuffer(file);
  });
}

function ProblemList({ items, title }: { items: PlainDiagnostic[]; title?: string }) {
  const shown = items.slice(0, 20);
  return (
    <>
      {title && <p className="problem-title">{title}</p>}
      <ul className="problems">
        {shown.map((d, i) => (
          <li key={i}>
            <span className="where">{d.where}:</span> <span className="what">{d.what}</span>{' '}
            <span className="code">({d.code})</span>
          </li>
        ))}
      </ul>
      {items.length > shown.length && (
        <p className="hint">…and {items.length - shown.length} more.</p>
      )}
    </>
  );
}
