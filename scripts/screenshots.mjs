/**
 * `npm run screenshots`: PNGs of the banner and the preferences dialog on the demo page, in the
 * viewports and modes a visitor meets (desktop, phone portrait 320x568 and 375x812, phone
 * landscape 568x320, 400% zoom as 320x180, light, dark, forced colours, 200% text), written to
 * screenshots/ (kept out of git) so a person can look at every one.
 */
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { startStaticServer } from './static-server.mjs';

const out = new URL('../screenshots/', import.meta.url).pathname;
await mkdir(out, { recursive: true });
const server = await startStaticServer({ root: new URL('../', import.meta.url).pathname });
const browser = await chromium.launch(chromiumLaunchOptions());

const shots = [
  { name: 'desktop-light', viewport: { width: 1280, height: 800 } },
  { name: 'desktop-dark', viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
  { name: 'desktop-forced-colors', viewport: { width: 1280, height: 800 }, forcedColors: 'active' },
  { name: 'desktop-text-200', viewport: { width: 1280, height: 800 }, rootFontSize: '200%' },
  { name: 'phone-375x812', viewport: { width: 375, height: 812 } },
  { name: 'phone-320x568', viewport: { width: 320, height: 568 } },
  { name: 'phone-320x568-dark', viewport: { width: 320, height: 568 }, colorScheme: 'dark' },
  { name: 'phone-landscape-568x320', viewport: { width: 568, height: 320 } },
  { name: 'zoom-400-320x180', viewport: { width: 320, height: 180 } },
];

try {
  for (const { name, viewport, colorScheme = 'light', forcedColors = 'none', rootFontSize } of shots) {
    const page = await browser.newPage({ viewport, colorScheme, forcedColors, reducedMotion: 'reduce' });
    await page.goto(`http://127.0.0.1:${server.port}/demo/`);
    if (rootFontSize) await page.evaluate((size) => (document.documentElement.style.fontSize = size), rootFontSize);
    const banner = page.locator('ib-cookie-consent section');
    await banner.waitFor();
    await page.screenshot({ path: `${out}${name}-banner.png` });
    await banner.getByRole('button', { name: 'Instellingen' }).click();
    await page.locator('ib-cookie-consent dialog details').first().evaluate((details) => (details.open = true));
    await page.screenshot({ path: `${out}${name}-dialog.png` });
    await page.close();
    console.log(`screenshots/${name}-{banner,dialog}.png`);
  }
} finally {
  await browser.close();
  await server.close();
}
