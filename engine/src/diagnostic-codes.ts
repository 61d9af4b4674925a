import type { Severity } from './types';

/**
 * Every diagnostic code the engine emits, with its default severity and a
 * title. Codes are stable: documents, tests and people look them up.
 */
export const DIAGNOSTIC_CODES = {
  // Reading the file
  DF100: { severity: 'error', title: 'File is not valid UTF-8' },
  DF101: { severity: 'error', title: 'File is too large' },
  DF102: { severity: 'error', title: 'Nesting is too deep' },
  DF103: { severity: 'error', title: 'Not valid JSON' },
  DF104: { severity: 'error', title: 'Duplicate key' },
  DF105: { severity: 'error', title: 'Empty file' },
  // Schema
  DF200: { severity: 'error', title: 'Unknown format version' },
  DF201: { severity: 'error', title: 'Does not match the schema' },
  DF202: { severity: 'error', title: 'Unknown field' },
  DF203: { severity: 'error', title: 'Missing field' },
  DF204: { severity: 'error', title: 'Wrong type' },
  DF205: { severity: 'error', title: 'Value not allowed' },
  DF206: { severity: 'error', title: 'Not exactly one destination' },
  DF207: { severity: 'error', title: 'Malformed condition' },
  // Meaning
  DF301: { severity: 'error', title: 'Destination beat does not exist' },
  DF302: { severity: 'error', title: 'Start beat does not exist' },
  DF303: { severity: 'error', title: 'Choice id used twice in a beat' },
  DF304: { severity: 'error', title: 'Branches need a final entry without a condition' },
  DF305: { severity: 'warning', title: 'Branch entry can never be taken' },
  DF306: { severity: 'error', title: 'Condition names an unknown variable' },
  DF307: { severity: 'error', title: 'Condition does not fit the variable type' },
  DF308: { severity: 'error', title: 'Effect names an unknown variable' },
  DF309: { severity: 'error', title: 'Effect does not fit the variable type' },
  DF310: { severity: 'error', title: 'Effect value outside the variable range' },
  DF311: { severity: 'error', title: 'Value is not one of the enum values' },
  DF312: { severity: 'error', title: 'Timer without onTimeout' },
  DF313: { severity: 'warning', title: 'onTimeout without a timer' },
  DF314: { severity: 'error', title: 'Outcome beat with choices or a timer' },
  DF315: { severity: 'error', title: 'Scene beat with no way out' },
  DF316: { severity: 'error', title: 'actsOn names a cue the beat does not show' },
  DF317: { severity: 'error', title: 'Weight is not positive' },
  DF318: { severity: 'error', title: 'Variable definition is inconsistent' },
  DF319: { severity: 'error', title: 'Cue id used twice in a beat' },
  DF320: { severity: 'error', title: 'Condition names an unknown beat or choice' },
  DF321: { severity: 'error', title: 'Scene beat without a title' },
  DF322: { severity: 'error', title: 'Invisible or direction-changing character' },
  DF323: { severity: 'warning', title: 'Invisible joiner or direction mark in text' },
  // Analysis
  DF401: { severity: 'warning', title: 'Beat cannot be reached' },
  DF402: { severity: 'error', title: 'No outcome can be reached from this beat' },
  DF403: { severity: 'warning', title: 'Every choice is conditional and there is no timer' },
  DF404: { severity: 'warning', title: 'Image without alt text' },
  DF405: { severity: 'warning', title: 'Outcome is never reached' },
  DF406: { severity: 'error', title: 'Timed beats loop with nothing to choose' },
  // Decision logs
  DF500: { severity: 'error', title: 'Unknown log format version' },
  DF501: { severity: 'error', title: 'Log does not match the schema' },
  DF502: { severity: 'error', title: 'Log was recorded against another scenario version' },
  DF503: { severity: 'error', title: 'Hash chain broken' },
  DF504: { severity: 'error', title: 'Events out of sequence' },
  DF505: { severity: 'error', title: 'Event time goes backwards' },
  DF506: { severity: 'error', title: 'Replay does not reproduce the log' },
  DF507: { severity: 'error', title: 'Log names a beat or choice the scenario does not have' },
  DF508: { severity: 'error', title: 'Log belongs to another scenario' },
  DF509: { severity: 'error', title: 'Log structure is wrong' },
  DF510: { severity: 'error', title: 'Log header was changed after the drill' },
  DF511: { severity: 'error', title: 'Signature does not match' },
  DF512: { severity: 'error', title: 'Events after the last signature are unsigned' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;
