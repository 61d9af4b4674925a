#!/usr/bin/env node
// The `defuse` command of @defuse/engine. The engine ships as TypeScript
// source, so tsx compiles it on the fly.
let register;
try {
  ({ register } = await import('tsx/esm/api'));
} catch {
  process.stderr.write(
    'defuse: the "tsx" package is missing; run "npm install" (or pnpm install)\n',
  );
  process.exit(1);
}
register();
await import('../src/cli/main.ts');
