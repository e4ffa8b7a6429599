/**
 * `npm run bench`: ib-cookie-consent against vanilla-cookieconsent 3.1.0, measured in the same run
 * on the same machine, reported as ratios (absolute milliseconds depend on the machine).
 *   - size: min+gzip (level 9) of what a visitor downloads (ours: one file; theirs: JS + CSS);
 *   - time to banner: from navigation start to the first frame with the banner in the page,
 *     median of alternating runs, each in a fresh browser context (cold cache, no cookies).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from './chromium.mjs';
import { startStaticServer } from './static-server.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const root = new URL('../', import.meta.url).pathname;
const gz = (path) => gzipSync(readFileSync(root + path), { level: 9 }).length;

const ours = gz('dist/ib-cookie-consent.js');
const peerJs = gz('node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js');
const peerCss = gz('node_modules/vanilla-cookieconsent/dist/cookieconsent.css');
console.log('size, min+gzip:');
console.log(`  ib-cookie-consent              ${ours} B`);
console.log(`  vanilla-cookieconsent 3.1.0    ${peerJs + peerCss} B (JS ${peerJs} + CSS ${peerCss})`);
console.log(`  ratio ours / peer              ${(ours / (peerJs + peerCss)).toFixed(2)}`);

const body = '<main><h1>Inforbusiness</h1><p>Tekst.</p></main>';
const pages = {
  ours: `<!doctype html><html lang="nl"><head><meta charset="utf-8">
    <script src="/dist/ib-cookie-consent.js" defer data-ga-id="G-BENCH1" data-privacy-url="/p"></script></head><body>${body}</body></html>`,
  // The peer's documented minimal setup, in Dutch, with its bot detection off (headless counts as a bot).
  peer: `<!doctype html><html lang="nl"><head><meta charset="utf-8">
    <link rel="stylesheet" href="/node_modules/vanilla-cookieconsent/dist/cookieconsent.css">
    <script src="/node_modules/vanilla-cookieconsent/dist/cookieconsent.umd.js" defer></script>
    <script src="/bench-peer-config.js" defer></script></head><body>${body}</body></html>`,
};
const peerConfig = `CookieConsent.run({
  hideFromBots: false,
  categories: { necessary: { enabled: true, readOnly: true }, analytics: {} },
  language: { default: 'nl', translations: { nl: {
    consentModal: { title: 'Cookies op deze website', description: 'Wij gebruiken cookies.',
      acceptAllBtn: 'Alles accepteren', acceptNecessaryBtn: 'Alles weigeren', showPreferencesBtn: 'Instellingen' },
    preferencesModal: { title: 'Cookie-instellingen', acceptAllBtn: 'Alles accepteren',
      acceptNecessaryBtn: 'Alles weigeren', savePreferencesBtn: 'Keuze opslaan',
      sections: [{ title: 'Noodzakelijk', linkedCategory: 'necessary' }, { title: 'Analytisch', linkedCategory: 'analytics' }] },
  } } },
});`;
const bannerSelector = { ours: 'ib-cookie-consent', peer: '#cc-main .cm' };

const server = await startStaticServer({ root });
server.setPage('/bench-ours.html', pages.ours);
server.setPage('/bench-peer.html', pages.peer);
// Served as a file so both pages load the same way: external scripts only.
const { writeFileSync, rmSync } = await import('node:fs');
writeFileSync(root + 'bench-peer-config.js', peerConfig);
const browser = await chromium.launch(chromiumLaunchOptions());

/** Milliseconds from navigation start to the first frame showing the banner. */
async function timeToBanner(which) {
  const context = await browser.newContext();
  await context.route('https://www.googletagmanager.com/**', (route) => route.abort());
  const page = await context.newPage();
  await page.addInitScript((selector) => {
    const found = () => {
      const element = document.querySelector(selector);
      return element && (element.shadowRoot ? element.shadowRoot.querySelector('section') : element);
    };
    const check = () => (found() ? (window.bannerAt = performance.now()) : requestAnimationFrame(check));
    requestAnimationFrame(check);
  }, bannerSelector[which]);
  await page.goto(`http://127.0.0.1:${server.port}/bench-${which}.html`);
  await page.waitForFunction(() => window.bannerAt !== undefined);
  const time = await page.evaluate(() => window.bannerAt);
  await context.close();
  return time;
}

const times = { ours: [], peer: [] };
try {
  for (let run = 0; run < RUNS; run++) {
    for (const which of run % 2 ? ['peer', 'ours'] : ['ours', 'peer']) times[which].push(await timeToBanner(which));
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(root + 'bench-peer-config.js');
}
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
console.log(`time to banner, median of ${RUNS} cold loads each:`);
console.log(`  ib-cookie-consent              ${median(times.ours).toFixed(1)} ms`);
console.log(`  vanilla-cookieconsent 3.1.0    ${median(times.peer).toFixed(1)} ms`);
console.log(`  ratio ours / peer              ${(median(times.ours) / median(times.peer)).toFixed(2)}`);
