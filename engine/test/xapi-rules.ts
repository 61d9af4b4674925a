/**
 * The xAPI 1.0.3 statement rules a learning record store enforces on a
 * statement it receives (Data section 2.4), written out so tests can check
 * every exported statement. Returns the broken rules as readable strings;
 * an empty list means the statement is valid.
 */

const STATEMENT_KEYS = [
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments',
];
const AGENT_KEYS = ['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account'];
const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'];
const ACTIVITY_KEYS = ['objectType', 'id', 'definition'];
const DEFINITION_KEYS = [
  'name',
  'description',
  'type',
  'moreInfo',
  'extensions',
  'interactionType',
  'correctResponsesPattern',
  'choices',
  'scale',
  'source',
  'target',
  'steps',
];
const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
];
/** Which interaction component lists each interaction type may carry. */
const COMPONENTS: Record<string, string[]> = {
  choice: ['choices'],
  sequencing: ['choices'],
  likert: ['scale'],
  matching: ['source', 'target'],
  performance: ['steps'],
};
const RESULT_KEYS = ['score', 'success', 'completion', 'response', 'duration', 'extensions'];
const CONTEXT_KEYS = [
  'registration',
  'instructor',
  'team',
  'contextActivities',
  'revision',
  'platform',
  'language',
  'statement',
  'extensions',
];
const CONTEXT_ACTIVITY_KEYS = ['parent', 'grouping', 'category', 'other'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const LANGUAGE_TAG = /^[a-zA-Z]{2,8}(-[a-zA-Z0-9]{1,8})*$/;
const MAILTO = /^mailto:[^\s@]+@[^\s@]+$/;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An absolute IRI: a scheme, a colon, and no white space. */
export function isIri(value: unknown): boolean {
  if (typeof value !== 'string' || /\s/.test(value)) return false;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export function isIsoDuration(value: unknown): boolean {
  return typeof value === 'string' && DURATION.test(value);
}

export function isIsoTimestamp(value: unknown): boolean {
  return (
    typeof value === 'string' &&
    TIMESTAMP.test(value) &&
    !value.endsWith('-00:00') &&
    !Number.isNaN(Date.parse(value))
  );
}

export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}

/** Checks one statement; returns what is wrong, where. */
export function xapiProblems(statement: unknown): string[] {
  const problems: string[] = [];
  const fail = (where: string, why: string) => problems.push(`${where}: ${why}`);

  const onlyKeys = (where: string, value: Json, allowed: string[]) => {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) fail(where, `unknown property "${key}"`);
    }
  };
  const languageMap = (where: string, value: unknown) => {
    if (!isObject(value)) return fail(where, 'must be a language map');
    if (Object.keys(value).length === 0) fail(where, 'language map is empty');
    for (const [tag, text] of Object.entries(value)) {
      if (!LANGUAGE_TAG.test(tag)) fail(where, `"${tag}" is not an RFC 5646 language tag`);
      if (typeof text !== 'string') fail(`${where}.${tag}`, 'must be a string');
    }
  };
  const extensions = (where: string, value: unknown) => {
    if (!isObject(value)) return fail(where, 'must be an object');
    for (const key of Object.keys(value)) {
      if (!isIri(key)) fail(where, `extension key "${key}" is not an IRI`);
    }
  };
  const agent = (where: string, value: unknown) => {
    if (!isObject(value)) return fail(where, 'must be an object');
    onlyKeys(where, value, AGENT_KEYS);
    if (value.objectType !== undefined && value.objectType !== 'Agent') {
      fail(where, 'objectType must be "Agent"');
    }
    if (value.name !== undefined && typeof value.name !== 'string')
      fail(where, 'name must be text');
    const ifis = IFI_KEYS.filter((k) => value[k] !== undefined);
    if (ifis.length !== 1) fail(where, `needs exactly one identifier, has ${ifis.length}`);
    if (value.mbox !== undefined && !(typeof value.mbox === 'string' && MAILTO.test(value.mbox))) {
      fail(`${where}.mbox`, 'must be a mailto: IRI');
    }
    if (value.openid !== undefined && !isIri(value.openid)) fail(`${where}.openid`, 'not an IRI');
    if (value.account !== undefined) {
      const account = value.account;
      if (!isObject(account)) return fail(`${where}.account`, 'must be an object');
      onlyKeys(`${where}.account`, account, ['homePage', 'name']);
      if (!isIri(account.homePage)) fail(`${where}.account.homePage`, 'must be an IRL');
      if (typeof account.name !== 'string' || account.name === '') {
        fail(`${where}.account.name`, 'must be non-empty text');
      }
    }
  };
  const activity = (where: string, value: unknown) => {
    if (!isObject(value)) return fail(where, 'must be an object');
    onlyKeys(where, value, ACTIVITY_KEYS);
    if (value.objectType !== undefined && value.objectType !== 'Activity') {
      fail(where, 'objectType must be "Activity"');
    }
    if (!isIri(value.id)) fail(`${where}.id`, 'must be an IRI');
    if (value.definition === undefined) return;
    const def = value.definition;
    if (!isObject(def)) return fail(`${where}.definition`, 'must be an object');
    onlyKeys(`${where}.definition`, def, DEFINITION_KEYS);
    if (def.name !== undefined) languageMap(`${where}.definition.name`, def.name);
    if (def.description !== undefined) {
      languageMap(`${where}.definition.description`, def.description);
    }
    if (def.type !== undefined && !isIri(def.type)) fail(`${where}.definition.type`, 'not an IRI');
    if (def.moreInfo !== undefined && !isIri(def.moreInfo)) {
      fail(`${where}.definition.moreInfo`, 'not an IRL');
    }
    if (def.extensions !== undefined) extensions(`${where}.definition.extensions`, def.extensions);
    const lists = ['choices', 'scale', 'source', 'target', 'steps'].filter(
      (k) => def[k] !== undefined,
    );
    if (def.interactionType === undefined) {
      if (lists.length || def.correctResponsesPattern !== undefined) {
        fail(`${where}.definition`, 'interaction components need an interactionType');
      }
      return;
    }
    if (!INTERACTION_TYPES.includes(String(def.interactionType))) {
      fail(`${where}.definition.interactionType`, `"${String(def.interactionType)}" is not one`);
      return;
    }
    const allowed = COMPONENTS[String(def.interactionType)] ?? [];
    for (const list of lists) {
      if (!allowed.includes(list)) {
        fail(`${where}.definition.${list}`, `not allowed for ${String(def.interactionType)}`);
      }
      const items = def[list];
      if (!Array.isArray(items)) {
        fail(`${where}.definition.${list}`, 'must be an array');
        continue;
      }
      const ids = new Set<string>();
      items.forEach((item: unknown, i) => {
        const at = `${where}.definition.${list}[${i}]`;
        if (!isObject(item)) return fail(at, 'must be an object');
        onlyKeys(at, item, ['id', 'description']);
        if (typeof item.id !== 'string' || item.id === '') fail(`${at}.id`, 'must be text');
        else if (ids.has(item.id)) fail(`${at}.id`, `"${item.id}" appears twice`);
        else ids.add(item.id);
        if (item.description !== undefined) languageMap(`${at}.description`, item.description);
      });
    }
    if (
      def.correctResponsesPattern !== undefined &&
      !(
        Array.isArray(def.correctResponsesPattern) &&
        def.correctResponsesPattern.every((p: unknown) => typeof p === 'string')
      )
    ) {
      fail(`${where}.definition.correctResponsesPattern`, 'must be an array of text');
    }
  };

  if (!isObject(statement)) return ['statement: must be an object'];
  onlyKeys('statement', statement, STATEMENT_KEYS);
  if (statement.id !== undefined && !isUuid(statement.id)) fail('id', 'must be a UUID');
  agent('actor', statement.actor);

  const verb = statement.verb;
  if (!isObject(verb)) fail('verb', 'is required');
  else {
    onlyKeys('verb', verb, ['id', 'display']);
    if (!isIri(verb.id)) fail('verb.id', 'must be an IRI');
    if (verb.display !== undefined) languageMap('verb.display', verb.display);
  }

  activity('object', statement.object);

  if (statement.result !== undefined) {
    const result = statement.result;
    if (!isObject(result)) fail('result', 'must be an object');
    else {
      onlyKeys('result', result, RESULT_KEYS);
      if (result.success !== undefined && typeof result.success !== 'boolean') {
        fail('result.success', 'must be true or false');
      }
      if (result.completion !== undefined && typeof result.completion !== 'boolean') {
        fail('result.completion', 'must be true or false');
      }
      if (result.response !== undefined && typeof result.response !== 'string') {
        fail('result.response', 'must be text');
      }
      if (result.duration !== undefined && !isIsoDuration(result.duration)) {
        fail('result.duration', `"${String(result.duration)}" is not an ISO 8601 duration`);
      }
      if (result.extensions !== undefined) extensions('result.extensions', result.extensions);
    }
  }

  if (statement.context !== undefined) {
    const context = statement.context;
    if (!isObject(context)) fail('context', 'must be an object');
    else {
      onlyKeys('context', context, CONTEXT_KEYS);
      if (context.registration !== undefined && !isUuid(context.registration)) {
        fail('context.registration', 'must be a UUID');
      }
      if (context.instructor !== undefined) agent('context.instructor', context.instructor);
      if (context.platform !== undefined && typeof context.platform !== 'string') {
        fail('context.platform', 'must be text');
      }
      if (context.revision !== undefined && typeof context.revision !== 'string') {
        fail('context.revision', 'must be text');
      }
      if (
        context.language !== undefined &&
        !(typeof context.language === 'string' && LANGUAGE_TAG.test(context.language))
      ) {
        fail('context.language', 'must be an RFC 5646 language tag');
      }
      if (context.extensions !== undefined) extensions('context.extensions', context.extensions);
      const ca = context.contextActivities;
      if (ca !== undefined) {
        if (!isObject(ca)) fail('context.contextActivities', 'must be an object');
        else {
          onlyKeys('context.contextActivities', ca, CONTEXT_ACTIVITY_KEYS);
          for (const [key, value] of Object.entries(ca)) {
            const list = Array.isArray(value) ? value : [value];
            list.forEach((a, i) => activity(`context.contextActivities.${key}[${i}]`, a));
          }
        }
      }
    }
  }

  if (statement.timestamp !== undefined && !isIsoTimestamp(statement.timestamp)) {
    fail('timestamp', `"${String(statement.timestamp)}" is not an ISO 8601 timestamp`);
  }
  return problems;
}
