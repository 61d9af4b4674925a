import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
/** The built site: the player, with the editor under `editor/`. */
export const DIST = join(ROOT, 'player', 'dist');
/** Where browser tests leave screenshots, downloads and profiles. */
export const OUTPUT = join(ROOT, 'test-output');
export const SCREENSHOTS = join(OUTPUT, 'screenshots');
