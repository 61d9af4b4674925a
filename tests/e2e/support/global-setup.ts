import type { TestProject } from 'vitest/node';
import { buildApp } from './build';
import { ensureChromium } from './chromium';
import { DIST } from './paths';
import { serveDist, type StaticServer } from './static-server';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the built app is served for this run, e.g. http://127.0.0.1:41234/ */
    baseUrl: string;
  }
}

let server: StaticServer | undefined;

/**
 * Once per browser-test run: make sure Chromium is there, build the app
 * (player, then editor) as `pnpm start` does, and serve it on a free port.
 * DEFUSE_E2E_REUSE_BUILD=1 skips the build when player/dist is current.
 */
export async function setup(project: TestProject): Promise<void> {
  ensureChromium();
  if (process.env.DEFUSE_E2E_REUSE_BUILD !== '1') buildApp();
  server = await serveDist(DIST);
  project.provide('baseUrl', server.url);
}

export async function teardown(): Promise<void> {
  await server?.close();
  server = undefined;
}
