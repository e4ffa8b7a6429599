/**
 * `npm run screenshots`: writes PNGs of the banner and the preferences dialog, desktop and
 * mobile, light and dark, to screenshots/ (kept out of git) so a person can look at them.
 */
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { chromiumArgs, executablePath } from './chromium.mjs';
import { startStaticServer } from './static-server.mjs';

const out = new URL('../screenshots/', import.meta.url).pathname;
await mkdir(out, { recursive: true });
const server = await startStaticServer({ root: new URL('../', import.meta.url).pathname });
const browser = await chromium.launch({ executablePath, args: chromiumArgs });
const layouts = process.argv.includes('--box') ? ['bar', 'box'] : ['bar'];
try {
  for (const [device, viewport] of [['desktop', { width: 1280, height: 800 }], ['mobile', { width: 375, height: 812 }]]) {
    for (const colorScheme of ['light', 'dark']) {
      for (const layout of layouts) {
        const page = await browser.newPage({ viewport, colorScheme, reducedMotion: 'reduce' });
        await page.goto(`http://127.0.0.1:${server.port}/demo/`);
        if (layout === 'box') await page.evaluate(() => document.querySelector('ib-cookie-consent').setAttribute('layout', 'box'));
        await page.locator('ib-cookie-consent section').waitFor();
        const name = `${device}-${colorScheme}${layout === 'box' ? '-box' : ''}`;
        await page.screenshot({ path: `${out}${name}-banner.png` });
        await page.locator('ib-cookie-consent section').getByRole('button', { name: 'Instellingen' }).click();
        await page.screenshot({ path: `${out}${name}-dialog.png` });
        await page.close();
        console.log(`screenshots/${name}-{banner,dialog}.png`);
      }
    }
  }
} finally {
  await browser.close();
  await server.close();
}
