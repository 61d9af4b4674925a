import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, ensureChromium } from './support/chromium';
import { serveDist } from './support/static-server';
import { DIST } from './support/paths';

const server = await serveDist(DIST);
const browser = await chromium.launch({ executablePath: ensureChromium(), args: CHROMIUM_ARGS });
const sizes = (process.argv[2] ?? '1440x900').split(',');
for (const size of sizes) {
  const [w, h] = size.split('x').map(Number);
  const page = await browser.newPage({ viewport: { width: w!, height: h! } });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') console.log('console:', m.text()); });
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto(`${server.url}editor/`);
  await page.locator('.toolbar').waitFor();
  const file = process.argv[3] ?? 'scenarios/library-agitated-patron.scenario.json';
  await page.setInputFiles('input[type=file]', file);
  await page.waitForTimeout(800);
  const action = process.argv[4];
  if (action === 'fit') await page.locator('.react-flow__controls-fitview').click();
  else if (action) await page.locator(`[data-beat-id="${action}"]`).click();
  await page.waitForTimeout(400);
  await page.screenshot({ path: `test-output/scratch-${size}.png` });
  await page.close();
}
await browser.close();
await server.close();
