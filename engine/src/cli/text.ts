import type { Condition, Outcome } from '@defuse/schemas';

// C0 controls except tab and newline, DEL, C1 controls (ESC starts terminal escape sequences).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * Text from a scenario, a log or a file name, made safe to print on a
 * terminal: control characters (which could move the cursor, recolour or
 * retitle the terminal) become U+FFFD. Nothing else is touched.
 */
export function plain(text: string): string {
  return text.replace(CONTROL, '\uFFFD');
}

/**
 * A file name as the one-line diagnostics print it: `plain`, and a newline,
 * carriage return or tab in the name is written as `\n`, `\r`, `\t`, so a
 * name cannot split or forge a `file:pointer: severity code: message` line.
 */
export function fileName(name: string): string {
  return plain(name.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t'));
}

/** `plain`, on one line: runs of whitespace (newlines included) become one space. */
export function oneLine(text: string): string {
  return plain(text).replace(/\s+/g, ' ').trim();
}

/** Cuts text to `max` characters, ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : chars.slice(0, Math.max(1, max - 1)).join('') + '…';
}

/**
 * Word-wraps plain text to `width` columns. Blank lines separate paragraphs
 * (as in a beat's narrative); single newlines inside a paragraph are spaces.
 */
export function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  const paragraphs = plain(text)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
  paragraphs.forEach((paragraph, i) => {
    if (i > 0) lines.push('');
    let line = '';
    for (const word of paragraph.split(' ')) {
      if (line !== '' && indent.length + line.length + 1 + word.length > width) {
        lines.push(indent + line);
        line = word;
      } else {
        line = line === '' ? word : `${line} ${word}`;
      }
    }
    if (line !== '') lines.push(indent + line);
  });
  return lines;
}

/** A plain-text table: a header, a rule, and columns padded to their widest cell. */
export function table(headers: string[], rows: string[][]): string[] {
  const widths = headers.map((h, i) =>
    Math.max([...h].length, ...rows.map((r) => [...(r[i] ?? '')].length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c + ' '.repeat(widths[i]! - [...c].length)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Milliseconds as seconds with one decimal: `5.2 s`. */
export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Drill-clock milliseconds as `m:ss.s`. */
export function clockTime(ms: number): string {
  const minutes = Math.floor(ms / 60000);
  const rest = (ms - minutes * 60000) / 1000;
  return `${minutes}:${rest.toFixed(1).padStart(4, '0')}`;
}

/** An outcome in words: `resolved, force: none, no injuries`. */
export function outcomeText(outcome: Outcome): string {
  const injuries = [
    outcome.officerInjury ? 'officer injured' : '',
    outcome.subjectInjury ? 'subject injured' : '',
  ].filter(Boolean);
  return `${outcome.result}, force: ${outcome.force}, ${
    injuries.length ? injuries.join(', ') : 'no injuries'
  }`;
}

const OPERATORS: Record<string, string> = {
  eq: '=',
  ne: '≠',
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  in: 'in',
};

/** A condition as a short formula for graph labels: `agitation ≥ 9 and backup = true`. */
export function conditionText(cond: Condition): string {
  const c = cond as unknown as Record<string, unknown>;
  if (Array.isArray(c.all)) return (c.all as Condition[]).map(group).join(' and ');
  if (Array.isArray(c.any)) return (c.any as Condition[]).map(group).join(' or ');
  if (c.not !== undefined) return `not ${group(c.not as Condition)}`;
  if (typeof c.visited === 'string') return `visited ${c.visited}`;
  if (typeof c.chose === 'string') return `chose ${c.chose}`;
  if (typeof c.var === 'string') {
    for (const [op, symbol] of Object.entries(OPERATORS)) {
      if (op in c) return `${c.var} ${symbol} ${valueText(c[op])}`;
    }
  }
  return JSON.stringify(cond);
}

function group(cond: Condition): string {
  const text = conditionText(cond);
  const c = cond as unknown as Record<string, unknown>;
  return Array.isArray(c.all) || Array.isArray(c.any) ? `(${text})` : text;
}

function valueText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(valueText).join(', ')}]`;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** `1 error`, `2 warnings`. */
export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
