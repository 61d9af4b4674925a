import { createContext, useContext, useId, useState } from 'react';
import type { Annotation } from '@defuse/schemas';

const AUTHOR_KEY = 'defuse-debrief-author';

function rememberedAuthor(): string {
  try {
    return localStorage.getItem(AUTHOR_KEY) ?? '';
  } catch {
    return '';
  }
}

/**
 * The signed-in instructor whose name goes with every note, where the notes'
 * store knows it (the hub records who wrote each note): the editor then does
 * not ask for a name.
 */
export const NoteAuthor = createContext<string | undefined>(undefined);

interface EditorProps {
  seq: number;
  /** What the note is about, for the label ("Note on event 3: Talk"). */
  about: string;
  onSave: (annotation: Annotation) => void;
  onCancel: () => void;
}

/** Writes one instructor note on one event of the log. */
export function NoteEditor({ seq, about, onSave, onCancel }: EditorProps) {
  const textId = useId();
  const authorId = useId();
  const [text, setText] = useState('');
  const [author, setAuthor] = useState(rememberedAuthor);
  const signedIn = useContext(NoteAuthor);

  function save() {
    const trimmed = text.trim();
    if (!trimmed) return;
    if (signedIn) return onSave({ seq, text: trimmed, author: signedIn });
    const name = author.trim();
    try {
      localStorage.setItem(AUTHOR_KEY, name);
    } catch {
      // Private mode: the name is simply not remembered.
    }
    onSave({ seq, text: trimmed, ...(name ? { author: name } : {}), at: new Date().toISOString() });
  }

  return (
    <form
      className="note-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label htmlFor={textId}>Note on {about}</label>
      <textarea
        id={textId}
        value={text}
        rows={3}
        autoFocus
        onChange={(e) => setText(e.currentTarget.value)}
      />
      <div className="note-editor-row">
        {signedIn ? (
          <span className="hint">Signed in as {signedIn}</span>
        ) : (
          <>
            <label htmlFor={authorId}>Your name</label>
            <input
              id={authorId}
              type="text"
              value={author}
              autoComplete="name"
              onChange={(e) => setAuthor(e.currentTarget.value)}
            />
          </>
        )}
        <button type="submit" className="button primary compact" disabled={!text.trim()}>
          Save note
        </button>
        <button type="button" className="button secondary compact" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

interface ListProps {
  notes: Annotation[];
  onDelete?: (note: Annotation) => void;
}

/** The instructor's notes on one event. */
export function NoteList({ notes, onDelete }: ListProps) {
  if (notes.length === 0) return null;
  return (
    <ul className="note-list">
      {notes.map((note, i) => (
        <li key={`${note.seq}-${i}`} className="note">
          <span className="note-label">
            Instructor note{note.author ? `, ${note.author}` : ''}:
          </span>{' '}
          <span className="note-text">{note.text}</span>
          {onDelete && (
            <button
              type="button"
              className="link-button"
              aria-label={`Delete the note “${note.text.slice(0, 40)}”`}
              onClick={() => onDelete(note)}
            >
              Delete
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
