/**
 * Writes the malformed scenario corpus in `scenarios/` from the lobby
 * scenario (`lobby.scenario.json`): each file is that scenario with one
 * realistic mistake. The expectations live in `expected.json`, written by
 * hand; run `npx tsx tests/bad-input/make-scenarios.ts` after changing a case.
 */
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The documents are edited freely here: a mistake rarely fits the types.
type Doc = any;

interface Case {
  file: string;
  /** Edits a copy of the lobby scenario, written as pretty JSON. */
  edit?: (doc: Doc) => void;
  /** Edits the pretty JSON text of the lobby scenario instead. */
  text?: (text: string) => string;
  /** Raw bytes, for what is not text at all. */
  bytes?: () => Uint8Array;
}

const here = dirname(fileURLToPath(import.meta.url));
const baseText = readFileSync(join(here, 'lobby.scenario.json'), 'utf8');
const base = JSON.parse(baseText) as Doc;
const pretty = (doc: unknown) => JSON.stringify(doc, null, 2) + '\n';
const utf8 = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
/** Replaces exactly one occurrence, so a case cannot silently stop applying. */
const once = (text: string, find: string, replace: string) => {
  const i = text.indexOf(find);
  if (i < 0 || text.indexOf(find, i + 1) >= 0) throw new Error(`"${find}" is not unique`);
  return text.slice(0, i) + replace + text.slice(i + find.length);
};
const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

const cases: Case[] = [
  // Reading the file
  {
    file: 'invalid-utf8.scenario.json',
    bytes: () => {
      const [head, tail] = pretty(base).split('Shouting man');
      // "Shouting" typed in Latin-1: 0xE9 alone is not UTF-8.
      return concat(utf8(head!), new Uint8Array([0x53, 0x68, 0xe9]), utf8('man' + tail!));
    },
  },
  {
    file: 'binary-png.scenario.json',
    bytes: () =>
      new Uint8Array([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06, 0x00, 0x00, 0x00, 0x5c,
        0x72, 0xa8, 0x66,
      ]),
  },
  {
    // Saved as UTF-16 by an old editor, without a byte order mark: valid UTF-8 (NUL bytes), not JSON.
    file: 'utf16-without-bom.scenario.json',
    bytes: () => {
      const text = pretty(base);
      const out = new Uint8Array(text.length * 2);
      for (let i = 0; i < text.length; i++) out[i * 2] = text.charCodeAt(i);
      return out;
    },
  },
  {
    file: 'too-large.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.narrative = 'A man shouts at the front desk. '.repeat(170_000);
    },
  },
  {
    file: 'nesting-65.scenario.json',
    edit: (doc) => {
      doc['x-layout'] = JSON.parse(nested(64));
    },
  },
  {
    file: 'duplicate-key-title.scenario.json',
    text: (t) => once(t, '"title": "Talk",', '"title": "Talk",\n      "title": "Talk to him",'),
  },
  {
    // Two beats pasted with the same id: JSON.parse would silently keep the second.
    file: 'duplicate-beat-id.scenario.json',
    text: (t) =>
      once(
        t,
        '    "calm": {',
        '    "grab": {\n      "title": "Second grab",\n      "choices": []\n    },\n    "calm": {',
      ),
  },
  {
    file: 'trailing-comma.scenario.json',
    text: (t) => once(t, '"initial": "close"\n', '"initial": "close",\n'),
  },
  {
    file: 'comments.scenario.json',
    text: (t) => once(t, '  "start": "arrive",', '  // where the drill begins\n  "start": "arrive",'),
  },
  { file: 'empty.scenario.json', text: () => '' },
  { file: 'whitespace-only.scenario.json', text: () => '\n  \n\t\n' },
  { file: 'top-level-array.scenario.json', text: () => '[\n' + pretty(base).trimEnd() + '\n]\n' },
  { file: 'top-level-null.scenario.json', text: () => 'null\n' },
  { file: 'unclosed-string.scenario.json', text: (t) => once(t, '"Talk",', '"Talk,') },
  { file: 'single-quotes.scenario.json', text: (t) => once(t, '"start": "arrive"', "'start': 'arrive'") },
  // Schema
  {
    file: 'format-version-2.scenario.json',
    edit: (doc) => {
      doc.format = 'defuse/scenario@2';
    },
  },
  {
    file: 'format-missing.scenario.json',
    edit: (doc) => {
      delete doc.format;
    },
  },
  {
    // "lable" instead of "label": an unknown field, and the label it meant is missing.
    file: 'typo-lable.scenario.json',
    text: (t) => once(t, '"label": "Walk straight up to him"', '"lable": "Walk straight up to him"'),
  },
  {
    file: 'typo-narative.scenario.json',
    text: (t) => once(t, '"narrative": "A man', '"narative": "A man'),
  },
  {
    file: 'missing-start.scenario.json',
    edit: (doc) => {
      delete doc.start;
    },
  },
  {
    file: 'missing-choice-id.scenario.json',
    edit: (doc) => {
      delete doc.beats.grab.choices[0].id;
    },
  },
  {
    file: 'missing-outcome.scenario.json',
    edit: (doc) => {
      delete doc.beats.hurt.outcome;
    },
  },
  {
    file: 'missing-beat-title.scenario.json',
    edit: (doc) => {
      delete doc.beats.grab.title;
    },
  },
  {
    file: 'wrong-type-time-limit.scenario.json',
    edit: (doc) => {
      doc.beats.talk.timeLimitSec = '10';
    },
  },
  {
    file: 'wrong-type-choices-object.scenario.json',
    edit: (doc) => {
      doc.beats.grab.choices = doc.beats.grab.choices[0];
    },
  },
  {
    file: 'wrong-type-variable-initial.scenario.json',
    edit: (doc) => {
      doc.variables.agitation.initial = 'high';
    },
  },
  {
    file: 'wrong-type-injury.scenario.json',
    edit: (doc) => {
      doc.beats.hurt.outcome.subjectInjury = 'yes';
    },
  },
  {
    file: 'bad-slug-scenario-id.scenario.json',
    edit: (doc) => {
      doc.id = 'Lobby Test';
    },
  },
  {
    file: 'bad-slug-beat-id.scenario.json',
    text: (t) =>
      t.replace('"start": "arrive"', '"start": "Arrive"').replace('"arrive": {', '"Arrive": {'),
  },
  {
    file: 'bad-slug-choice-id.scenario.json',
    edit: (doc) => {
      doc.beats.grab.choices[0].id = 'take_cover';
    },
  },
  {
    file: 'bad-version.scenario.json',
    edit: (doc) => {
      doc.version = 'v1';
    },
  },
  {
    file: 'unknown-rating.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[1].rating = 'bad';
    },
  },
  {
    file: 'unknown-technique.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[1].technique = 'yelling';
    },
  },
  {
    file: 'two-destinations.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[0].chance = [{ weight: 1, to: 'talk' }];
    },
  },
  {
    file: 'no-destination.scenario.json',
    edit: (doc) => {
      delete doc.beats.grab.choices[0].to;
    },
  },
  {
    file: 'condition-no-operator.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[1].when = { var: 'backup', is: true };
    },
  },
  {
    file: 'condition-two-operators.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[1].branches[0].when = { var: 'agitation', gte: 9, lt: 11 };
    },
  },
  {
    file: 'effect-malformed.scenario.json',
    edit: (doc) => {
      doc.beats.grab.choices[0].effects = [{ change: 'position', to: 'cover' }];
    },
  },
  // Meaning: destinations
  {
    file: 'unknown-to.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[0].to = 'talks';
    },
  },
  {
    file: 'unknown-to-in-branches.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[1].branches[1].to = 'tlak';
    },
  },
  {
    file: 'unknown-to-in-chance.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[0].chance[1].to = 'grabbed';
    },
  },
  {
    file: 'unknown-to-in-instructor.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[1].instructor[0].to = 'calm-down';
    },
  },
  {
    file: 'unknown-to-in-timeout.scenario.json',
    edit: (doc) => {
      doc.beats.talk.onTimeout.to = 'struggle';
    },
  },
  {
    file: 'start-missing.scenario.json',
    edit: (doc) => {
      doc.start = 'arrival';
    },
  },
  {
    file: 'duplicate-choice-id.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[1].id = 'gap';
    },
  },
  {
    file: 'branches-no-final.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[1].branches[1].when = { var: 'agitation', lt: 9 };
    },
  },
  {
    file: 'branch-never-taken.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[1].branches = [
        { to: 'talk' },
        { when: { var: 'agitation', gte: 9 }, to: 'grab' },
        { to: 'talk' },
      ];
    },
  },
  // Meaning: variables in conditions and effects
  {
    file: 'condition-unknown-variable.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[1].when = { var: 'back-up', eq: true };
    },
  },
  {
    file: 'condition-unknown-variable-nested.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[1].when = {
        all: [{ var: 'backup', eq: true }, { not: { var: 'distance', eq: 'gap' } }],
      };
    },
  },
  {
    file: 'condition-unknown-variable-prototype.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[1].when = { var: 'constructor', eq: 'gap' };
    },
  },
  {
    file: 'condition-compare-boolean.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[1].when = { var: 'backup', gt: 0 };
    },
  },
  {
    file: 'condition-wrong-type.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[1].branches[0].when = { var: 'agitation', eq: 'high' };
    },
  },
  {
    file: 'condition-enum-value.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[1].when = { var: 'position', in: ['gap', 'far'] };
    },
  },
  {
    file: 'condition-unknown-beat.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[1].when = { visited: 'backup-arrives' };
    },
  },
  {
    file: 'condition-unknown-choice.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[1].when = { chose: 'call-backup' };
    },
  },
  {
    file: 'effect-unknown-variable.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[1].effects = [{ add: 'anger', by: 3 }];
    },
  },
  {
    file: 'effect-unknown-variable-in-timeout.scenario.json',
    edit: (doc) => {
      doc.beats.talk.onTimeout.effects = [{ add: 'stress', by: 2 }];
    },
  },
  {
    file: 'effect-unknown-variable-prototype.scenario.json',
    edit: (doc) => {
      doc.beats.grab.choices[0].effects = [{ set: 'toString', to: 'cover' }];
    },
  },
  {
    file: 'effect-add-to-boolean.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[0].effects[1] = { add: 'backup', by: 1 };
    },
  },
  {
    file: 'effect-wrong-type.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[0].effects[2] = { set: 'agitation', to: 'lower' };
    },
  },
  {
    file: 'effect-above-max.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[1].effects = [{ set: 'agitation', to: 11 }];
    },
  },
  {
    file: 'effect-add-overshoots.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[0].effects[0] = { add: 'rapport', by: 30 };
    },
  },
  {
    file: 'effect-enum-value.scenario.json',
    edit: (doc) => {
      doc.beats.grab.choices[0].effects = [{ set: 'position', to: 'behind-pillar' }];
    },
  },
  {
    file: 'variable-min-above-max.scenario.json',
    edit: (doc) => {
      doc.variables.rapport = { type: 'number', initial: 0, min: 10, max: 0 };
    },
  },
  {
    file: 'variable-initial-outside.scenario.json',
    edit: (doc) => {
      doc.variables.agitation.initial = 12;
    },
  },
  {
    file: 'variable-enum-initial.scenario.json',
    edit: (doc) => {
      doc.variables.position.initial = 'far';
    },
  },
  // Meaning: beats
  {
    file: 'timer-without-ontimeout.scenario.json',
    edit: (doc) => {
      delete doc.beats.talk.onTimeout;
    },
  },
  {
    file: 'outcome-with-choices.scenario.json',
    edit: (doc) => {
      doc.beats.calm.choices = [{ id: 'again', label: 'Start again', to: 'arrive' }];
    },
  },
  {
    file: 'outcome-with-timer.scenario.json',
    edit: (doc) => {
      doc.beats.hurt.timeLimitSec = 5;
    },
  },
  {
    file: 'scene-without-way-out.scenario.json',
    edit: (doc) => {
      doc.beats.grab.choices = [];
    },
  },
  {
    file: 'scene-without-choices-field.scenario.json',
    edit: (doc) => {
      delete doc.beats.grab.choices;
    },
  },
  {
    file: 'acts-on-unshown-cue.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[0].actsOn = ['scissors'];
    },
  },
  {
    file: 'duplicate-cue-id.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.cues.push({ id: 'scissors', kind: 'environment', text: 'A second pair' });
    },
  },
  {
    file: 'weight-zero.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[0].chance[1].weight = 0;
    },
  },
  {
    file: 'weight-negative-instructor.scenario.json',
    edit: (doc) => {
      doc.beats.talk.choices[1].instructor[1].weight = -1;
    },
  },
  // Analysis
  {
    file: 'trap-beat.scenario.json',
    edit: (doc) => {
      doc.beats.grab.choices[0].to = 'grab';
    },
  },
  {
    file: 'trap-cycle.scenario.json',
    edit: (doc) => {
      doc.beats.grab.choices[0].to = 'hold';
      doc.beats.hold = {
        title: 'Holding',
        choices: [{ id: 'wait', label: 'Keep holding', to: 'grab' }],
      };
    },
  },
  // Valid: text is text, extensions are welcome, the limits are inclusive
  {
    file: 'html-in-text.scenario.json',
    edit: (doc) => {
      doc.title = '<script>alert("title")</script>';
      doc.beats.arrive.narrative = '<img src=x onerror="alert(1)"> A man shouts.';
      doc.beats.arrive.cues[0].text = '</textarea><iframe src="javascript:alert(2)">';
      doc.beats.arrive.choices[0].label = '<b onclick="steal()">Keep your distance</b>';
      doc.beats.arrive.choices[0].feedback = '${process.exit(1)} {{constructor.constructor}}';
      doc.beats.talk.lines = [{ speaker: '<em>subject</em>', text: '&lt;Get away&gt; &amp;' }];
    },
  },
  {
    file: 'extension-fields.scenario.json',
    edit: (doc) => {
      doc['x-editor'] = { zoom: 1.5 };
      doc.beats.arrive['x-position'] = { x: 10, y: 20 };
      doc.beats.arrive.choices[0]['x-note'] = 'Ask the union rep about this one';
    },
  },
  {
    file: 'nesting-64.scenario.json',
    edit: (doc) => {
      doc['x-layout'] = JSON.parse(nested(63));
    },
  },
  // A valid scenario always runs: numbers, timers, weights and text are bounded
  {
    file: 'add-by-huge.scenario.json',
    edit: (doc) => {
      // A variable with no range, and a step so large that two laps reach Infinity.
      doc.variables.rapport = { type: 'number', initial: 0 };
      doc.beats.talk.choices[0].effects[0].by = 1e308;
    },
  },
  {
    file: 'time-limit-huge.scenario.json',
    edit: (doc) => {
      doc.beats.talk.timeLimitSec = 1e308;
    },
  },
  {
    file: 'chance-weights-overflow.scenario.json',
    edit: (doc) => {
      // Each weight is finite; their sum is not.
      doc.beats.talk.choices[0].chance[0].weight = Number.MAX_VALUE;
      doc.beats.talk.choices[0].chance[1].weight = Number.MAX_VALUE;
    },
  },
  {
    file: 'title-too-long.scenario.json',
    edit: (doc) => {
      doc.title = 'Shouting man '.repeat(1000);
    },
  },
  {
    file: 'label-too-long.scenario.json',
    edit: (doc) => {
      doc.beats.arrive.choices[0].label = 'Keep your distance. '.repeat(20);
    },
  },
  {
    file: 'feedback-too-long.scenario.json',
    edit: (doc) => {
      doc.beats.talk.onTimeout.feedback = 'Silence lets it grow. '.repeat(200);
    },
  },
  {
    file: 'bidi-override-label.scenario.json',
    edit: (doc) => {
      // Shows as "do not react," while the file says the opposite order.
      doc.beats.arrive.choices[1].label = '\u202e,tcaer ton od';
    },
  },
  {
    file: 'zero-width-label.scenario.json',
    edit: (doc) => {
      // Looks exactly like the preferred choice above it, and is rated poor.
      doc.beats.arrive.choices[1].label = doc.beats.arrive.choices[0].label + '\u200b';
    },
  },
  {
    file: 'zero-width-variable-name.scenario.json',
    edit: (doc) => {
      doc.variables['backup\u200d'] = { type: 'boolean', initial: true };
    },
  },
  {
    file: 'joiner-in-feedback.scenario.json',
    edit: (doc) => {
      // A zero-width joiner may be meant (some scripts and emoji need it): a warning.
      doc.beats.arrive.choices[0].feedback = 'Distance buys\u200d time.';
    },
  },
  {
    file: 'timed-cycle.scenario.json',
    edit: (doc) => {
      // Two timed beats with nothing to choose hand the drill to each other forever.
      doc.beats.grab.choices.push({ id: 'wait', label: 'Wait and watch', to: 'standoff' });
      doc.beats.standoff = {
        title: 'Standoff',
        timeLimitSec: 1,
        onTimeout: { to: 'silence' },
      };
      doc.beats.silence = {
        title: 'Silence',
        timeLimitSec: 1,
        onTimeout: {
          chance: [
            { weight: 9, to: 'standoff' },
            { weight: 1, to: 'hurt' },
          ],
        },
      };
    },
  },
  {
    file: 'utf8-bom.scenario.json',
    bytes: () => concat(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(pretty(base))),
  },
];

const out = join(here, 'scenarios');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const c of cases) {
  let data: string | Uint8Array;
  if (c.bytes) data = c.bytes();
  else if (c.text) data = c.text(pretty(base));
  else {
    const doc = structuredClone(base);
    c.edit!(doc);
    data = pretty(doc);
  }
  writeFileSync(join(out, c.file), data);
}
console.log(`wrote ${readdirSync(out).length} scenario files to ${out}`);
