import { useEffect, useState } from 'react';
import type { Annotation, SelfAssessment } from '@defuse/schemas';
import type { DebriefNotes } from './debrief-store';
import type { NotesStore } from './notes-store';

/** The notes of the debrief on screen, and the ways to change them. */
export interface DebriefNotesState {
  /** Undefined while loading. */
  notes: DebriefNotes | undefined;
  /** The last change that went through, for the screen reader's status line. */
  status: string;
  error: string | undefined;
  addNote: (note: Annotation) => void;
  /** Undefined where the store cannot take notes back. */
  deleteNote: ((note: Annotation) => void) | undefined;
  saveReactions: (selfAssessment: SelfAssessment) => void;
}

/**
 * Loads one session's notes from its store and writes every change through
 * it; the screen shows a change once the store has it, so a note the hub
 * refused never looks saved.
 */
export function useDebriefNotes(store: NotesStore): DebriefNotesState {
  const [notes, setNotes] = useState<DebriefNotes>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    setNotes(undefined);
    store.load().then(
      (n) => live && setNotes(n),
      (e: unknown) => live && setError(`Could not read the notes: ${message(e)}`),
    );
    return () => {
      live = false;
    };
  }, [store]);

  function update(change: (n: DebriefNotes) => Promise<DebriefNotes>, done: string) {
    if (!notes) return;
    change(notes).then(
      (next) => {
        setNotes(next);
        setError(undefined);
        setStatus(done);
      },
      (e: unknown) => setError(`Could not save on ${store.place}: ${message(e)}`),
    );
  }

  const remove = store.deleteNote;
  return {
    notes,
    status,
    error,
    addNote: (note) => update((n) => store.addNote(n, note), `Note saved on event ${note.seq}.`),
    deleteNote: remove && ((note) => update((n) => remove(n, note), 'Note deleted.')),
    saveReactions: (sa) => update((n) => store.saveReactions(n, sa), 'Reactions saved.'),
  };
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
