/**
 * The lists a beat shows the trainee: what people say (lines), what the
 * officer can see (cues) and media with their alt text.
 */
import { CUE_KINDS, type Cue, type Line, type Media } from '@defuse/schemas';
import { humanize } from '../words';
import { Select } from './fields';

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="icon-button" aria-label={label} onClick={onClick}>
      ×
    </button>
  );
}

function without<T>(list: readonly T[], i: number): T[] | undefined {
  const next = list.filter((_, j) => j !== i);
  return next.length ? next : undefined;
}

export function LinesField({
  lines,
  onChange,
}: {
  lines: readonly Line[];
  onChange: (lines: Line[] | undefined) => void;
}) {
  const set = (i: number, line: Line) => onChange(lines.map((l, j) => (j === i ? line : l)));
  return (
    <fieldset className="field field-list">
      <legend>Lines</legend>
      {lines.map((line, i) => (
        <div className="list-card" key={i}>
          <div className="list-row">
            <input
              type="text"
              className="speaker-input"
              aria-label={`Speaker of line ${i + 1}`}
              placeholder="subject"
              value={line.speaker}
              onChange={(e) => set(i, { ...line, speaker: e.target.value })}
            />
            <RemoveButton
              label={`Remove line ${i + 1}`}
              onClick={() => onChange(without(lines, i))}
            />
          </div>
          <textarea
            rows={2}
            aria-label={`Text of line ${i + 1}`}
            value={line.text}
            onChange={(e) => set(i, { ...line, text: e.target.value })}
          />
        </div>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => onChange([...lines, { speaker: 'subject', text: '' }])}
      >
        + Add a line
      </button>
    </fieldset>
  );
}

const CUE_OPTIONS = CUE_KINDS.map((k) => ({ value: k, label: humanize(k) }));

export function CuesField({
  cues,
  onChange,
}: {
  cues: readonly Cue[];
  onChange: (cues: Cue[] | undefined) => void;
}) {
  const set = (i: number, cue: Cue) => onChange(cues.map((c, j) => (j === i ? cue : c)));
  return (
    <fieldset className="field field-list">
      <legend>Cues the officer can see</legend>
      {cues.map((cue, i) => (
        <div className="list-card" key={i}>
          <div className="list-row">
            <input
              type="text"
              className="cue-id-input"
              aria-label={`Id of cue ${i + 1}`}
              value={cue.id}
              spellCheck={false}
              onChange={(e) => set(i, { ...cue, id: e.target.value })}
            />
            <Select
              ariaLabel={`Kind of cue ${i + 1}`}
              value={cue.kind}
              options={CUE_OPTIONS}
              onChange={(k) => k && set(i, { ...cue, kind: k as Cue['kind'] })}
            />
            <RemoveButton
              label={`Remove cue ${i + 1}`}
              onClick={() => onChange(without(cues, i))}
            />
          </div>
          <textarea
            rows={2}
            aria-label={`Text of cue ${i + 1}`}
            value={cue.text}
            onChange={(e) => set(i, { ...cue, text: e.target.value })}
          />
        </div>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => {
          let n = cues.length + 1;
          while (cues.some((c) => c.id === `cue-${n}`)) n++;
          onChange([...cues, { id: `cue-${n}`, kind: 'environment', text: '' }]);
        }}
      >
        + Add a cue
      </button>
    </fieldset>
  );
}

const MEDIA_TYPES = [
  { value: 'image', label: 'Image' },
  { value: 'audio', label: 'Audio' },
  { value: 'video', label: 'Video' },
];

export function MediaField({
  media,
  onChange,
}: {
  media: readonly Media[];
  onChange: (media: Media[] | undefined) => void;
}) {
  const set = (i: number, m: Media) => onChange(media.map((x, j) => (j === i ? m : x)));
  return (
    <fieldset className="field field-list">
      <legend>Media</legend>
      {media.map((m, i) => (
        <div className="list-card" key={i}>
          <div className="list-row">
            <Select
              ariaLabel={`Type of media ${i + 1}`}
              value={m.type}
              options={MEDIA_TYPES}
              onChange={(t) => t && set(i, { ...m, type: t as Media['type'] })}
            />
            <input
              type="text"
              aria-label={`File of media ${i + 1}`}
              placeholder="library-desk.jpg"
              value={m.src}
              onChange={(e) => set(i, { ...m, src: e.target.value })}
            />
            <RemoveButton
              label={`Remove media ${i + 1}`}
              onClick={() => onChange(without(media, i))}
            />
          </div>
          <input
            type="text"
            aria-label={`Alt text of media ${i + 1}`}
            placeholder="What it shows, for people who cannot see it"
            value={m.alt ?? ''}
            onChange={(e) => {
              const { alt: _alt, ...rest } = m;
              set(i, e.target.value ? { ...rest, alt: e.target.value } : rest);
            }}
          />
        </div>
      ))}
      <button
        type="button"
        className="link-button"
        onClick={() => onChange([...media, { type: 'image', src: '', alt: '' }])}
      >
        + Add media
      </button>
    </fieldset>
  );
}
