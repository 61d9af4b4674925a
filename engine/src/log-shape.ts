import { LOG_FORMAT, validateDecisionLogSchema } from '@defuse/schemas';
import { diagnostic } from './diagnostics';
import { formatCheck, schemaDiagnostic } from './schema-diagnostics';
import type { Diagnostic } from './types';

/** Schema diagnostics of a decision log object (empty when it conforms). */
export function checkLogShape(doc: unknown): Diagnostic[] {
  const format = formatCheck(doc, LOG_FORMAT, 'DF500', 'decision log');
  if (format) return [format];
  return validateDecisionLogSchema(doc).map((e) => {
    const { path, message } = schemaDiagnostic(e);
    return diagnostic('DF501', path, message);
  });
}
