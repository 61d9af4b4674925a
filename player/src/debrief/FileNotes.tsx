import type { Annotation, SelfAssessment } from '@defuse/schemas';

interface Props {
  fileName: string;
  annotations: Annotation[];
  selfAssessment?: SelfAssessment;
}

/**
 * Notes and reactions that came inside a log file. They are shown apart and
 * named by the file, because nothing proves who wrote them: they are outside
 * the hash chain, and anyone can put text in a file.
 */
export function FileNotes({ fileName, annotations, selfAssessment }: Props) {
  const reactions = selfAssessment?.wentWell || selfAssessment?.change;
  if (annotations.length === 0 && !reactions) return null;
  return (
    <section className="notice file-notes" aria-labelledby="file-notes-heading">
      <h2 id="file-notes-heading">Written in the file {fileName}</h2>
      <p className="hint">
        These came with the file, not from this device. Anyone could have written them.
      </p>
      {annotations.length > 0 && (
        <ul className="plain-list">
          {annotations.map((n, i) => (
            <li key={`${n.seq}-${i}`}>
              Event {n.seq}
              {n.author ? `, ${n.author}` : ''}: {n.text}
            </li>
          ))}
        </ul>
      )}
      {reactions && (
        <p>
          Trainee’s reactions in the file.
          {selfAssessment?.wentWell && ` Went well: ${selfAssessment.wentWell}`}
          {selfAssessment?.change && ` Would change: ${selfAssessment.change}`}
        </p>
      )}
    </section>
  );
}
