import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED_DIR, generateValidators } from '../scripts/generate-validators';

const packageDir = join(import.meta.dirname, '..');
const generated = generateValidators();

describe('generated validators', () => {
  it.each([...generated.keys()])('%s is up to date with the schemas', (name) => {
    const committed = readFileSync(join(packageDir, GENERATED_DIR, name), 'utf8');
    expect(
      committed === generated.get(name),
      `${GENERATED_DIR}/${name} is out of date: run npx -y pnpm@10.34.8 --filter @defuse/schemas gen`,
    ).toBe(true);
  });

  it('import nothing, so browsers load them without the ajv compiler', () => {
    for (const [name, code] of generated) {
      if (!name.endsWith('.js')) continue;
      expect(code, name).not.toMatch(/\brequire\(/);
      expect(code, name).not.toMatch(/^\s*import\s/m);
      expect(code, name).not.toMatch(/\bnew Function\b|\beval\(/);
    }
  });
});
