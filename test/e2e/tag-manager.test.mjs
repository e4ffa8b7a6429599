/**
 * The site as it really is: Google Tag Manager, Google tags the page loads itself, extended
 * categories, mistyped gated scripts and reload-on-withdraw, on the built file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GTAG_HOST, bannerButton, newVisitor, setUpSuite, sitePage, storedConsent } from './harness.mjs';

const suite = setUpSuite();
const GTM = 'GTM-TEST01';

/** A visitor whose gtm.js requests are answered by a stub and counted. */
async function gtmVisitor() {
  const visitor = await newVisitor(suite.browser);
  visitor.gtmRequests = [];
  await visitor.context.route(`https://${GTAG_HOST}/gtm.js*`, (route) => {
    visitor.gtmRequests.push(route.request().url());
    return route.fulfill({ contentType: 'text/javascript', body: 'window.google_tag_manager = { stub: true };' });
  });
  return visitor;
}

/** The widget's script without defer, first in <head>, as the README says for Google pages. */
const headFirstPage = (attributes, { head = '', body = '' } = {}) => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>GTM</title>
<script src="/dist/ib-cookie-consent.js" data-privacy-url="/privacyverklaring" ${attributes}></script>${head}</head>
<body><main><h1>Inforbusiness</h1>${body}<a href="#" data-ib-consent-open>Cookie-instellingen</a></main></body></html>`;

/** The data layer, with gtag commands as arrays and events as objects. */
const layer = (page) =>
  page.evaluate(() => window.dataLayer.map((entry) => ('event' in entry ? entry : Array.from(entry))).map((entry) => JSON.parse(JSON.stringify(entry))));

describe('Google Tag Manager', () => {
  it('loads the container only after consent, once, after the consent update and the gtm.js event; ib_consent_update marks each decision', async () => {
    const visitor = await gtmVisitor();
    const page = await visitor.open(suite.server.page(headFirstPage(`data-gtm-id="${GTM}"`)));
    await bannerButton(page, 'Alles accepteren').waitFor();
    assert.deepEqual(visitor.gtmRequests, []);
    assert.deepEqual(visitor.foreignRequests, []);

    const request = page.waitForRequest((request) => request.url().includes('/gtm.js'));
    await bannerButton(page, 'Alles accepteren').click();
    await request;
    await page.evaluate(() => window.ibConsent.rejectAll());
    await page.evaluate(() => window.ibConsent.acceptAll());
    assert.equal(visitor.gtmRequests.length, 1);
    assert.equal(new URL(visitor.gtmRequests[0]).searchParams.get('id'), GTM);

    const entries = await layer(page);
    const kinds = entries.map((entry) => (Array.isArray(entry) ? entry.slice(0, 2).join(' ') : entry.event));
    assert.deepEqual(kinds, [
      'consent default',
      'ib_consent_update',
      'consent update',
      'ib_consent_update',
      'gtm.js',
      'consent update',
      'ib_consent_update',
      'consent update',
      'ib_consent_update',
    ]);
    assert.deepEqual(
      entries.filter((entry) => entry.event === 'ib_consent_update').map((entry) => entry.ib_consent),
      [
        { necessary: true, analytics: false },
        { necessary: true, analytics: true },
        { necessary: true, analytics: false },
        { necessary: true, analytics: true },
      ],
    );
    assert.deepEqual(visitor.pageErrors, []);
    await visitor.context.close();
  });

  it('gives the container the page nonce under a strict CSP, and waits for marketing when told', async () => {
    const visitor = await gtmVisitor();
    const nonce = 'gtm-nonce';
    const html = headFirstPage(`nonce="${nonce}" data-gtm-id="${GTM}" data-gtm-category="marketing"`, {
      head: `<script type="application/json" id="ib-cookie-consent-config">{"categories":[{"id":"marketing","label":"Marketing"}]}</script>`,
    });
    const page = await visitor.open(
      suite.server.page(html, {
        headers: { 'Content-Security-Policy': `script-src 'nonce-${nonce}'; require-trusted-types-for 'script'; trusted-types ib-cookie-consent lit-html` },
      }),
    );
    await page.evaluate(() => window.ibConsent.accept(['analytics']));
    assert.deepEqual(visitor.gtmRequests, [], 'analytics is not the container category');
    const request = page.waitForRequest((request) => request.url().includes('/gtm.js'));
    await page.evaluate(() => window.ibConsent.accept(['analytics', 'marketing']));
    await request;
    assert.equal(await page.evaluate(() => document.querySelector('script[src*="gtm.js"]').nonce), nonce);
    assert.equal(await page.evaluate(() => window.google_tag_manager?.stub), true, 'the container ran under the CSP');
    await visitor.context.close();
  });

  it('pushes the defaults before the page\'s own snippet placed after the script, and tells the page its own Google tag loads before consent', async () => {
    const visitor = await gtmVisitor();
    const snippet = `<script>window.dataLayer = window.dataLayer || []; window.dataLayer.push({ 'gtm.start': Date.now(), event: 'gtm.js' });</script>
      <script async src="https://${GTAG_HOST}/gtm.js?id=GTM-PAGE01"></script>`;
    const page = await visitor.open(suite.server.page(headFirstPage('', { head: snippet })));
    await bannerButton(page, 'Alles accepteren').waitFor();
    const entries = await layer(page);
    assert.deepEqual(entries[0].slice(0, 2), ['consent', 'default']);
    assert.equal(entries[0][2].analytics_storage, 'denied');
    const errors = visitor.messages('error').filter((text) => text.includes('ib-cookie-consent'));
    assert.ok(errors.some((text) => text.includes('gtm.js?id=GTM-PAGE01') && /data-gtm-id/.test(text)), errors.join('\n'));
    await visitor.context.close();
  });

  it('says so when a Google snippet ran before the widget (the script placed below it, or deferred)', async () => {
    const visitor = await newVisitor(suite.browser);
    const snippet = `<script>window.dataLayer = window.dataLayer || []; window.dataLayer.push({ 'gtm.start': Date.now(), event: 'gtm.js' });</script>`;
    const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>late</title>${snippet}
      <script src="/dist/ib-cookie-consent.js" defer data-privacy-url="/p"></script></head><body><h1>x</h1><a href="#" data-ib-consent-open>c</a></body></html>`;
    const page = await visitor.open(suite.server.page(html));
    await bannerButton(page, 'Alles accepteren').waitFor();
    const errors = visitor.messages('error').filter((text) => text.includes('Google ran first'));
    assert.equal(errors.length, 1);
    assert.match(errors[0], /move ib-cookie-consent\.js above/);
    await visitor.context.close();
  });

  it('names a page gtag.js and a consent default that grants, each once, with the fix', async () => {
    const visitor = await newVisitor(suite.browser);
    const own = `<script async src="https://${GTAG_HOST}/gtag/js?id=G-PAGE0001"></script>
      <script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}
      gtag('consent', 'default', { analytics_storage: 'granted' }); gtag('js', new Date()); gtag('config', 'G-PAGE0001');</script>`;
    const page = await visitor.open(suite.server.page(headFirstPage('', { head: own })));
    await bannerButton(page, 'Alles accepteren').waitFor();
    const errors = visitor.messages('error').filter((text) => text.includes('ib-cookie-consent'));
    assert.equal(errors.filter((text) => text.includes('gtag/js?id=G-PAGE0001')).length, 1, errors.join('\n'));
    assert.equal(errors.filter((text) => /consent default grants.*above/.test(text)).length, 1, errors.join('\n'));
    await visitor.context.close();
  });

  it('reports nothing on a page that leaves Google to the widget', async () => {
    const visitor = await gtmVisitor();
    const page = await visitor.open(suite.server.page(headFirstPage(`data-gtm-id="${GTM}" data-ga-id="G-CLEAN001"`)));
    await bannerButton(page, 'Alles accepteren').click();
    await page.waitForFunction(() => window.google_tag_manager);
    await page.reload();
    await page.waitForFunction(() => window.ibConsent);
    assert.deepEqual(visitor.messages('error').filter((text) => text.includes('ib-cookie-consent')), []);
    await visitor.context.close();
  });
});

describe('categories and gated scripts', () => {
  it('adds cookies to the built-in analytics category: withdrawal deletes Google\'s and the added ones', async () => {
    const visitor = await newVisitor(suite.browser);
    const config = `<script type="application/json" id="ib-cookie-consent-config">{"categories":[{"id":"analytics","cookies":[{"name":"_hj*"}]}]}</script>`;
    const page = await visitor.open(suite.server.page(sitePage({ data: { 'ga-id': 'G-EXTEND01' }, head: config })));
    await bannerButton(page, 'Alles accepteren').click();
    await page.evaluate(() => {
      for (const name of ['_ga', '_ga_ABC123', '_hjSession_1', '_hjid']) document.cookie = `${name}=1; path=/`;
    });
    await page.evaluate(() => window.ibConsent.rejectAll());
    const left = (await visitor.context.cookies()).map(({ name }) => name).sort();
    assert.deepEqual(left, ['ib_consent']);
    await visitor.context.close();
  });

  it('warns once about a data-consent that names no category, with the known ids', async () => {
    const visitor = await newVisitor(suite.browser);
    const page = await visitor.open(
      suite.server.page(sitePage({ body: '<script type="text/plain" data-consent="analytic">window.ran = true</script><h1>x</h1>' })),
    );
    await page.evaluate(() => window.ibConsent.acceptAll());
    assert.equal(await page.evaluate(() => window.ran), undefined);
    const warnings = visitor.messages('warning').filter((text) => text.includes('"analytic"'));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /necessary,analytics/);
    await visitor.context.close();
  });
});

describe('reload-on-withdraw', () => {
  const gated = '<script type="text/plain" data-consent="analytics">window.gatedRuns = (window.gatedRuns || 0) + 1</script>';

  it('reloads the page when a category whose scripts ran is withdrawn, and then runs only what is granted', async () => {
    const visitor = await newVisitor(suite.browser);
    const page = await visitor.open(suite.server.page(sitePage({ data: { 'reload-on-withdraw': '' }, body: gated })));
    await bannerButton(page, 'Alles accepteren').click();
    assert.equal(await page.evaluate(() => window.gatedRuns), 1);
    const reloaded = page.waitForNavigation();
    await page.evaluate(() => window.ibConsent.rejectAll());
    await reloaded;
    await page.waitForFunction(() => window.ibConsent);
    assert.equal(await page.evaluate(() => window.gatedRuns), undefined);
    assert.deepEqual((await storedConsent(visitor.context)).categories, ['necessary']);
    await visitor.context.close();
  });

  it('does not reload by default, nor when a choice only grants more', async () => {
    for (const data of [{}, { 'reload-on-withdraw': '' }]) {
      const visitor = await newVisitor(suite.browser);
      const page = await visitor.open(suite.server.page(sitePage({ data, body: gated })));
      await page.evaluate(() => (window.samePage = true));
      await bannerButton(page, 'Alles weigeren').click();
      await page.evaluate(() => window.ibConsent.acceptAll());
      if (!('reload-on-withdraw' in data)) await page.evaluate(() => window.ibConsent.rejectAll());
      await page.waitForTimeout(300);
      assert.equal(await page.evaluate(() => window.samePage), true, JSON.stringify(data));
      await visitor.context.close();
    }
  });
});
