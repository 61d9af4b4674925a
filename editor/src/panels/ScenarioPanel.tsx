/**
 * The scenario's own fields: id, version, title, summary, objectives,
 * tags, authors, duration and start beat, with the engine's counts.
 */
import { useDispatch, useEditor } from '../store/context';
import type { ScenarioField, ScenarioFieldValues } from '../model/commands';
import {
  NumberField,
  SelectField,
  StringListField,
  TextAreaField,
  TextField,
} from '../inspector/fields';
import { beatOptions } from '../inspector/ConditionEditor';

export function ScenarioPanel() {
  const dispatch = useDispatch();
  const doc = useEditor((s) => s.doc);
  const analysis = useEditor((s) => s.validation.analysis);
  const set = <K extends ScenarioField>(field: K, value: ScenarioFieldValues[K]) =>
    dispatch({ type: 'setScenarioField', field, value } as Parameters<typeof dispatch>[0]);

  return (
    <div className="panel-body" data-panel="scenario">
      <TextField label="Title" value={doc.title ?? ''} onChange={(v) => set('title', v)} />
      <div className="field-pair">
        <TextField
          label="Id"
          value={doc.id ?? ''}
          hint="Lower case, digits and dashes."
          onChange={(v) => set('id', v)}
        />
        <TextField
          label="Version"
          value={doc.version ?? ''}
          hint="Logs pin it."
          onChange={(v) => set('version', v)}
        />
      </div>
      <TextAreaField
        label="Summary"
        rows={3}
        value={doc.summary ?? ''}
        onChange={(v) => set('summary', v === '' ? undefined : v)}
      />
      <SelectField
        label="Start beat"
        value={doc.start || undefined}
        options={beatOptions(doc)}
        onChange={(v) => v && set('start', v)}
      />
      <NumberField
        label="Estimated minutes"
        value={doc.estimatedMinutes}
        min={1}
        onChange={(v) => set('estimatedMinutes', v)}
      />
      <StringListField
        label="Objectives"
        addLabel="Add an objective"
        values={doc.objectives ?? []}
        onChange={(v) => set('objectives', v)}
      />
      <StringListField
        label="Tags"
        addLabel="Add a tag"
        values={doc.tags ?? []}
        onChange={(v) => set('tags', v)}
      />
      <StringListField
        label="Authors"
        addLabel="Add an author"
        values={doc.authors ?? []}
        onChange={(v) => set('authors', v)}
      />
      {analysis && (
        <dl className="stats">
          <div>
            <dt>Beats</dt>
            <dd>{analysis.counts.beats}</dd>
          </div>
          <div>
            <dt>Outcomes</dt>
            <dd>{analysis.counts.outcomes}</dd>
          </div>
          <div>
            <dt>Choices</dt>
            <dd>{analysis.counts.choices}</dd>
          </div>
          <div>
            <dt>Paths</dt>
            <dd>
              {analysis.counts.paths.toLocaleString('en', { notation: 'compact' })}
              {analysis.counts.pathsCapped ? '+' : ''}
            </dd>
          </div>
        </dl>
      )}
    </div>
  );
}
