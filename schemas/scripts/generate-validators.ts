/**
 * Compiles the JSON Schemas into standalone validator modules ahead of time,
 * so browsers run plain generated functions and never ship the ajv compiler.
 *
 * Run: `pnpm --filter @defuse/schemas gen`. The output in `src/generated/` is
 * committed; `test/generated.test.ts` fails when it is out of date.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import type { AnyValidateFunction } from 'ajv/dist/types';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The schemas to compile and the module each one becomes. */
export const VALIDATORS = [
  { schema: 'scenario.schema.json', module: 'validate-scenario' },
  { schema: 'decision-log.schema.json', module: 'validate-decision-log' },
] as const;

/** Where the generated modules live, relative to the package. */
export const GENERATED_DIR = 'src/generated';

const DECLARATION = `export interface GeneratedValidationError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  propertyName?: string;
  message?: string;
}

export interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: GeneratedValidationError[] | null;
}

export declare const validate: GeneratedValidator;
export default validate;
`;

function header(schemaFile: string): string {
  return (
    `// Generated from ${schemaFile} by scripts/generate-validators.ts. Do not edit:\n` +
    `// change the schema and run \`npx -y pnpm@10.34.8 --filter @defuse/schemas gen\`.\n`
  );
}

/**
 * Builds the generated files in memory: file name (inside `src/generated`) to content.
 * Throws when a schema needs one of ajv's runtime helpers, because the
 * generated modules must stay free of imports (ajv emits those as CommonJS
 * `require` calls, which browsers cannot load).
 */
export function generateValidators(): Map<string, string> {
  const files = new Map<string, string>();
  for (const { schema: schemaFile, module } of VALIDATORS) {
    const schema = JSON.parse(readFileSync(join(packageDir, schemaFile), 'utf8')) as object;
    const ajv = new Ajv2020({
      code: { source: true, esm: true },
      allErrors: true,
      strict: true,
      // `required` inside oneOf/if branches names fields that the enclosing
      // schema declares; strictRequired only looks at the branch itself.
      strictRequired: false,
      // Variable values are number | boolean | string.
      allowUnionTypes: true,
    });
    const validate = ajv.compile(schema);
    const code = inlineHelpers(absoluteSchemaPaths(standaloneCode(ajv, validate), validate));
    const helpers = code.match(/require\(("[^"]*")\)/g);
    if (helpers) {
      throw new Error(
        `${schemaFile} needs ajv runtime helpers (${helpers.join(', ')}); ` +
          'avoid object-valued const/enum/uniqueItems, or load the helpers as ES modules.',
      );
    }
    files.set(`${module}.js`, header(schemaFile) + code + '\n');
    files.set(`${module}.d.ts`, header(schemaFile) + DECLARATION);
  }
  return files;
}

/**
 * ajv's runtime helpers that are small and pure enough to copy into the
 * generated module, by the expression ajv emits to load them. `ucs2length`
 * counts code points for minLength/maxLength (the scenario's text limits),
 * so a limit of 200 characters means 200 characters, emoji included.
 */
const INLINE_HELPERS: Record<string, string> = {
  'require("ajv/dist/runtime/ucs2length").default': `function ucs2length(str) {
  const len = str.length;
  let length = 0;
  let pos = 0;
  while (pos < len) {
    length++;
    const value = str.charCodeAt(pos++);
    if (value >= 0xd800 && value <= 0xdbff && pos < len && (str.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;
  }
  return length;
}`,
};

function inlineHelpers(code: string): string {
  let out = code;
  for (const [load, source] of Object.entries(INLINE_HELPERS)) out = out.split(load).join(source);
  return out;
}

/**
 * ajv compiles each `$defs` entry that cannot be inlined (recursive ones, or
 * ones that reference others) into its own function, and that function reports
 * schema paths relative to the definition (`#/oneOf`). Rewrite them to be
 * relative to the document (`#/$defs/choice/oneOf`), so every error names the
 * definition it comes from. Paths of inlined references are already absolute.
 */
function absoluteSchemaPaths(code: string, validate: AnyValidateFunction): string {
  const root = validate.schemaEnv.root;
  const defOf = new Map<string, string>();
  for (const [ref, env] of Object.entries(root.refs)) {
    const name = typeof env === 'object' && 'validateName' in env ? env.validateName : undefined;
    const fragment = ref.slice(ref.indexOf('#'));
    if (name && env !== root) defOf.set(String(name), fragment);
  }
  return code
    .split(/(?=function validate\d+\()/)
    .map((chunk) => {
      const name = /^function (validate\d+)\(/.exec(chunk)?.[1];
      const def = name ? defOf.get(name) : undefined;
      if (!def) return chunk;
      return chunk.replace(
        /schemaPath:"#(\/(?!\$defs\/)[^"]*)?"/g,
        (_, rest: string | undefined) => {
          return `schemaPath:"${def}${rest ?? ''}"`;
        },
      );
    })
    .join('');
}

function main(): void {
  const outDir = join(packageDir, GENERATED_DIR);
  mkdirSync(outDir, { recursive: true });
  for (const [name, content] of generateValidators()) {
    writeFileSync(join(outDir, name), content);
    console.log(`wrote ${GENERATED_DIR}/${name}`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
