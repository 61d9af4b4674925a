import { useId, useState, type DragEvent } from 'react';

interface Props {
  onFiles: (files: File[]) => void;
  busy: boolean;
}

/**
 * Where log files (and scenario files a log needs) come in: a file picker
 * that takes several at once, and the same area as a drop target.
 */
export function OpenFiles({ onFiles, busy }: Props) {
  const inputId = useId();
  const hintId = useId();
  const [over, setOver] = useState(false);

  function drop(event: DragEvent) {
    event.preventDefault();
    setOver(false);
    const files = [...event.dataTransfer.files];
    if (files.length > 0) onFiles(files);
  }

  return (
    <div
      className={`debrief-drop${over ? ' over' : ''}`}
      data-testid="debrief-drop"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
    >
      <input
        id={inputId}
        className="visually-hidden-file"
        type="file"
        multiple
        accept=".json,application/json"
        aria-describedby={hintId}
        disabled={busy}
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
      <label htmlFor={inputId} className="button secondary file-button">
        Open log files
      </label>
      <p id={hintId} className="hint">
        Or drop <code>*.log.json</code> files here, several at once. A scenario file a log needs can
        be opened the same way.
      </p>
    </div>
  );
}
