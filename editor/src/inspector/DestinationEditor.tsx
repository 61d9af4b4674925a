/**
 * Where a choice (or a timer) leads: one beat, branches by condition, a
 * weighted chance draw, or the instructor's pick. Switching form keeps the
 * beats already chosen.
 */
import type { Destination, Scenario } from '@defuse/schemas';
import { useEditor } from '../store/context';
import { forkKindOf } from '../canvas/graph';
import { destinationTargets } from '../model/references';
import { beatOptions, ConditionEditor } from './ConditionEditor';
import { NumberInput, Select } from './fields';
import { newCondition } from './condition-forms';

type Form = 'to' | 'branches' | 'chance' | 'instructor';

const FORM_OPTIONS = [
  { value: 'to', label: 'Go to one beat' },
  { value: 'branches', label: 'Branch by condition' },
  { value: 'chance', label: 'Chance draw (weighted)' },
  { value: 'instructor', label: 'Instructor picks (drawn when solo)' },
];

function targetsOf(destination: Destination): string[] {
  return destinationTargets(destination).map((t) => t.target);
}

/** The same beats in another destination form. */
export function convertDestination(
  destination: Destination,
  form: Form,
  doc: Scenario,
): Destination {
  const targets = targetsOf(destination);
  const first = targets[0] ?? Object.keys(doc.beats)[0] ?? '';
  const pair = targets.length >= 2 ? targets : [first, first];
  switch (form) {
    case 'to':
      return { to: first };
    case 'branches':
      return {
        branches: pair.map((to, i) =>
          i < pair.length - 1 ? { when: newCondition('var', doc), to } : { to },
        ),
      };
    case 'chance':
      return { chance: pair.map((to) => ({ weight: 1, to })) };
    case 'instructor':
      return {
        instructor: pair.map((to, i) => ({ label: `Reaction ${i + 1}`, to, weight: 1 })),
      };
  }
}

function percent(weights: number[], i: number): string {
  const total = weights.reduce((s, w) => s + (w > 0 ? w : 0), 0);
  const w = weights[i] ?? 0;
  return total > 0 && w > 0 ? `${Math.round((100 * w) / total)}%` : '—';
}

export function DestinationEditor({
  destination,
  onChange,
  legend = 'Leads to',
}: {
  destination: Destination;
  onChange: (d: Destination) => void;
  legend?: string;
}) {
  const doc = useEditor((s) => s.doc);
  const beats = beatOptions(doc);
  const form: Form = forkKindOf(destination) ?? 'to';
  const beatSelect = (value: string, label: string, set: (to: string) => void) => (
    <Select
      ariaLabel={label}
      value={value || undefined}
      options={beats}
      onChange={(v) => v && set(v)}
    />
  );

  return (
    <fieldset className="field destination-field" data-destination-form={form}>
      <legend>{legend}</legend>
      <Select
        ariaLabel="Destination form"
        value={form}
        options={FORM_OPTIONS}
        onChange={(f) =>
          f && f !== form && onChange(convertDestination(destination, f as Form, doc))
        }
      />
      {form === 'to' &&
        beatSelect(destination.to ?? '', 'Destination beat', (to) => onChange({ to }))}

      {form === 'branches' &&
        destination.branches!.map((branch, i, list) => {
          const last = i === list.length - 1;
          const set = (next: typeof branch) =>
            onChange({ branches: list.map((b, j) => (j === i ? next : b)) });
          return (
            <div className="dest-entry" key={i}>
              <div className="dest-entry-head">
                <span className="dest-entry-title">{last ? 'Otherwise' : `If (${i + 1})`}</span>
                {!last && list.length > 2 && (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove branch ${i + 1}`}
                    onClick={() => onChange({ branches: list.filter((_, j) => j !== i) })}
                  >
                    ×
                  </button>
                )}
              </div>
              {!last && branch.when && (
                <ConditionEditor cond={branch.when} onChange={(when) => set({ ...branch, when })} />
              )}
              {beatSelect(branch.to, `Branch ${i + 1} beat`, (to) => set({ ...branch, to }))}
            </div>
          );
        })}
      {form === 'branches' && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            const list = destination.branches!;
            const fallback = list[list.length - 1]!;
            onChange({
              branches: [
                ...list.slice(0, -1),
                { when: newCondition('var', doc), to: fallback.to },
                fallback,
              ],
            });
          }}
        >
          + Add a branch
        </button>
      )}

      {form === 'chance' &&
        destination.chance!.map((option, i, list) => (
          <div className="dest-entry dest-entry-inline" key={i}>
            <NumberInput
              ariaLabel={`Weight ${i + 1}`}
              value={option.weight}
              onChange={(w) =>
                onChange({ chance: list.map((o, j) => (j === i ? { ...o, weight: w ?? 0 } : o)) })
              }
            />
            <span className="dest-percent">
              {percent(
                list.map((o) => o.weight),
                i,
              )}
            </span>
            {beatSelect(option.to, `Chance ${i + 1} beat`, (to) =>
              onChange({ chance: list.map((o, j) => (j === i ? { ...o, to } : o)) }),
            )}
            {list.length > 1 && (
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove chance ${i + 1}`}
                onClick={() => onChange({ chance: list.filter((_, j) => j !== i) })}
              >
                ×
              </button>
            )}
          </div>
        ))}
      {form === 'chance' && (
        <button
          type="button"
          className="link-button"
          onClick={() =>
            onChange({
              chance: [...destination.chance!, { weight: 1, to: destination.chance![0]?.to ?? '' }],
            })
          }
        >
          + Add an option
        </button>
      )}

      {form === 'instructor' &&
        destination.instructor!.map((option, i, list) => {
          const set = (next: typeof option) =>
            onChange({ instructor: list.map((o, j) => (j === i ? next : o)) });
          return (
            <div className="dest-entry" key={i}>
              <div className="dest-entry-head">
                <input
                  type="text"
                  aria-label={`Reaction ${i + 1} label`}
                  value={option.label}
                  onChange={(e) => set({ ...option, label: e.target.value })}
                />
                {list.length > 1 && (
                  <button
                    type="button"
                    className="icon-button"
                    aria-label={`Remove reaction ${i + 1}`}
                    onClick={() => onChange({ instructor: list.filter((_, j) => j !== i) })}
                  >
                    ×
                  </button>
                )}
              </div>
              <div className="dest-entry-inline">
                <NumberInput
                  ariaLabel={`Reaction ${i + 1} weight`}
                  value={option.weight}
                  onChange={(w) => set({ ...option, weight: w ?? 0 })}
                />
                <span className="dest-percent">
                  {percent(
                    list.map((o) => o.weight),
                    i,
                  )}
                </span>
                {beatSelect(option.to, `Reaction ${i + 1} beat`, (to) => set({ ...option, to }))}
              </div>
            </div>
          );
        })}
      {form === 'instructor' && (
        <button
          type="button"
          className="link-button"
          onClick={() =>
            onChange({
              instructor: [
                ...destination.instructor!,
                {
                  label: `Reaction ${destination.instructor!.length + 1}`,
                  to: destination.instructor![0]?.to ?? '',
                  weight: 1,
                },
              ],
            })
          }
        >
          + Add a reaction
        </button>
      )}
    </fieldset>
  );
}
