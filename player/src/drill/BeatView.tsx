import { useEffect, useRef } from 'react';
import type { Beat } from '@defuse/schemas';
import { humanize } from '../ui/format';

export interface BeatViewProps {
  beatId: string;
  beat: Beat;
  /** `seq` of the last recorded event: changes with every decision, even back to the same beat. */
  seq?: number;
}

/** Splits narrative text into paragraphs at blank lines. Text only, never markup. */
export function paragraphs(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

const CUE_LABELS: Record<string, string> = {
  'crisis-sign': 'Crisis sign',
  threat: 'Threat',
  environment: 'Surroundings',
  bystander: 'Bystanders',
};

/**
 * One beat: its title, the narrative, what people say, and what the officer
 * can see. Everything from the scenario is rendered as text nodes.
 */
export function BeatView({ beatId, beat, seq }: BeatViewProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // A new beat takes focus so a screen reader reads it from the top.
  useEffect(() => {
    headingRef.current?.focus({ preventScroll: false });
  }, [beatId]);

  return (
    <article
      className="beat"
      data-beat-id={beatId}
      data-seq={seq}
      aria-labelledby={`beat-title-${beatId}`}
    >
      <h2 id={`beat-title-${beatId}`} ref={headingRef} tabIndex={-1}>
        {beat.title}
      </h2>
      {paragraphs(beat.narrative).map((p, i) => (
        <p key={i} className="narrative">
          {p}
        </p>
      ))}
      {beat.lines && beat.lines.length > 0 && (
        <div className="lines">
          {beat.lines.map((line, i) => (
            <figure
              key={i}
              className={`line speaker-${line.speaker === 'subject' ? 'subject' : 'other'}`}
            >
              <figcaption>{line.speaker === 'subject' ? 'Subject' : line.speaker}</figcaption>
              <blockquote>{line.text}</blockquote>
            </figure>
          ))}
        </div>
      )}
      {beat.media && beat.media.length > 0 && (
        <ul className="media-notes">
          {beat.media.map((m, i) => (
            <li key={i}>
              {humanize(m.type)}: {m.alt ?? m.src}
            </li>
          ))}
        </ul>
      )}
      {beat.cues && beat.cues.length > 0 && (
        <section className="cues" aria-labelledby={`cues-${beatId}`}>
          <h3 id={`cues-${beatId}`}>What you can see</h3>
          <ul>
            {beat.cues.map((cue) => (
              <li key={cue.id} className={`cue cue-${cue.kind}`}>
                <span className="cue-kind">{CUE_LABELS[cue.kind] ?? humanize(cue.kind)}</span>
                <span className="cue-text">{cue.text}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
