/**
 * Where a debrief keeps the instructor's notes and the trainee's reactions.
 * A log on this tablet or from a file keeps both on this device; a log on the
 * class hub keeps its notes on the hub (so every instructor sees them) and
 * the reactions on this device, because the hub has no place for them.
 */
import type { Annotation, SelfAssessment } from '@defuse/schemas';
import { loadNotes, saveNotes, type DebriefNotes, type NotesOwner } from './debrief-store';
import { postNote } from './hub-logs';

/** The debrief's notes of one session, read and written in one place. */
export interface NotesStore {
  load(): Promise<DebriefNotes>;
  /** Resolves with the notes as stored (the hub adds who wrote a note and when). */
  addNote(current: DebriefNotes, note: Annotation): Promise<DebriefNotes>;
  /** Absent where notes cannot be taken back (the hub keeps them). */
  deleteNote?: (current: DebriefNotes, note: Annotation) => Promise<DebriefNotes>;
  saveReactions(current: DebriefNotes, selfAssessment: SelfAssessment): Promise<DebriefNotes>;
  /** Where the notes go, for messages: "this device", "the hub". */
  place: string;
  /** Who writes the notes when the store knows it (the signed-in instructor). */
  author?: string;
}

function byEvent(annotations: Annotation[]): Annotation[] {
  return [...annotations].sort((a, b) => a.seq - b.seq);
}

/** Notes and reactions of one log kept on this device (IndexedDB), as they were before the hub. */
export function localNotesStore(owner: NotesOwner): NotesStore {
  const put = async (next: DebriefNotes) => {
    await saveNotes(next);
    return next;
  };
  return {
    place: 'this device',
    load: () => loadNotes(owner),
    addNote: (n, note) => put({ ...n, annotations: byEvent([...n.annotations, note]) }),
    deleteNote: (n, note) => put({ ...n, annotations: n.annotations.filter((a) => a !== note) }),
    saveReactions: (n, selfAssessment) => put({ ...n, selfAssessment, reactionsDone: true }),
  };
}

/**
 * Notes on the hub, starting from those the hub sent with the log; the
 * reactions stay on this device, under the log's identity like a local log's.
 */
export function hubNotesStore(
  owner: NotesOwner,
  hubNotes: Annotation[],
  author: string | undefined,
): NotesStore {
  return {
    place: 'the hub',
    ...(author ? { author } : {}),
    async load() {
      const local = await loadNotes(owner);
      return { ...local, annotations: byEvent(hubNotes) };
    },
    async addNote(n, note) {
      const saved = await postNote(owner.sessionId, note.seq, note.text);
      return { ...n, annotations: byEvent([...n.annotations, saved]) };
    },
    async saveReactions(n, selfAssessment) {
      // Only the reactions are written here: this device may hold its own notes on the session.
      const local = await loadNotes(owner);
      await saveNotes({ ...local, selfAssessment, reactionsDone: true });
      return { ...n, selfAssessment, reactionsDone: true };
    },
  };
}
