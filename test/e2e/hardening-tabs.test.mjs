/**
 * Hardening: stale state. A choice made in another tab, on another subdomain, or on a later page
 * before the visitor pressed Back must reach every page still open: GA off after a withdrawal,
 * the banner gone after a choice.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { dataLayer, setUpSuite, sitePage } from './harness.mjs';
import {
  GA,
  assertNoGtag,
  assertNoPageErrors,
  bannerButtonOf,
  bannerOf,
  dialogOf,
  expectBanner,
  expectNoBanner,
  gtagLoaded,
  hostileVisitor,
  started,
} from './hostile.mjs';

const suite = setUpSuite();
const FOOTER = '<footer><a href="#" data-ib-consent-open>Cookie-instellingen</a></footer>';
const gaOff = (page) => page.evaluate((id) => [window[`ga-disable-${id}`] === true, ibConsent.has('analytics')], GA);

/** Two tabs of one visitor on `url` (and `otherUrl`), A opened first. */
async function twoTabs(browser, url, otherUrl = url) {
  const visitor = await hostileVisitor(browser);
  const a = await visitor.open(url);
  await started(a);
  const openB = async () => {
    const b = await visitor.open(otherUrl);
    await started(b);
    return b;
  };
  return { visitor, a, openB };
}

/** Withdraws analytics in the dialog, as a visitor would. */
async function withdrawInDialog(page) {
  await page.locator('[data-ib-consent-open]').click();
  await dialogOf(page).getByRole('button', { name: 'Alles weigeren', exact: true }).click();
}

/**
 * Headless Chromium never hides a background tab, so switching back to tab A is played as the
 * browser plays it: visibilityState goes hidden, then visible, with a visibilitychange each time.
 */
async function switchBackTo(page) {
  await page.bringToFront();
  await page.evaluate(() => {
    for (const state of ['hidden', 'visible']) {
      Object.defineProperty(document, 'visibilityState', { value: state, configurable: true });
      Object.defineProperty(document, 'hidden', { value: state === 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange'));
    }
  });
}

describe('another tab of the same site', () => {
  it('withdrawing in tab B turns GA off in tab A, which was granted', async () => {
    const url = suite.server.page(sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
    const { visitor, a, openB } = await twoTabs(suite.browser, url);
    await bannerButtonOf(a, 'Alles accepteren').click();
    await gtagLoaded(a);
    const b = await openB();
    await expectNoBanner(b);
    await withdrawInDialog(b);
    await a.bringToFront();
    await a.waitForFunction((id) => window[`ga-disable-${id}`] === true && !ibConsent.has('analytics'), GA);
    const last = (await dataLayer(a)).at(-1);
    assert.deepEqual([last[0], last[1], last[2].analytics_storage], ['consent', 'update', 'denied']);
    assert.deepEqual((await a.evaluate(() => window.__ib.changes.at(-1))).revoked, ['analytics']);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('choosing in tab B hides the banner in tab A, and refusing loads GA in neither', async () => {
    const url = suite.server.page(sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
    const { visitor, a, openB } = await twoTabs(suite.browser, url);
    const b = await openB();
    await expectBanner(a);
    await bannerButtonOf(b, 'Alles weigeren').click();
    await a.bringToFront();
    await bannerOf(a).waitFor({ state: 'hidden' });
    assert.deepEqual(await a.evaluate(() => ibConsent.get()?.categories), ['necessary']);
    await assertNoGtag(a, visitor);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('accepting in tab B hides the banner in tab A and loads GA there once', async () => {
    const url = suite.server.page(sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
    const { visitor, a, openB } = await twoTabs(suite.browser, url);
    const b = await openB();
    await bannerButtonOf(b, 'Alles accepteren').click();
    await gtagLoaded(b);
    await a.bringToFront();
    await bannerOf(a).waitFor({ state: 'hidden' });
    await gtagLoaded(a);
    assert.equal(await a.locator('script[src*="gtag/js"]').count(), 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('reset() in tab B shows the banner again in tab A and turns GA off there', async () => {
    const url = suite.server.page(sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
    const { visitor, a, openB } = await twoTabs(suite.browser, url);
    await bannerButtonOf(a, 'Alles accepteren').click();
    await gtagLoaded(a);
    const b = await openB();
    await b.evaluate(() => ibConsent.reset());
    await a.bringToFront();
    await bannerOf(a).waitFor({ state: 'visible' });
    assert.deepEqual(await gaOff(a), [true, false]);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});

describe('another subdomain sharing the cookie (no BroadcastChannel between origins)', () => {
  it('withdrawing on b.ib.localtest turns GA off on a.ib.localtest once A is visible again', async () => {
    const data = { 'ga-id': GA, 'cookie-domain': '.ib.localtest' };
    const urlA = suite.server.page(sitePage({ data, body: FOOTER }), { host: 'a.ib.localtest' });
    const urlB = suite.server.page(sitePage({ data, body: FOOTER }), { host: 'b.ib.localtest' });
    const { visitor, a, openB } = await twoTabs(suite.browser, urlA, urlB);
    await bannerButtonOf(a, 'Alles accepteren').click();
    await gtagLoaded(a);
    const b = await openB();
    await gtagLoaded(b);
    await withdrawInDialog(b);
    await switchBackTo(a);
    await a.waitForFunction((id) => window[`ga-disable-${id}`] === true && !ibConsent.has('analytics'), GA);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('choosing on b.ib.localtest hides the banner on a.ib.localtest once A is visible again', async () => {
    const data = { 'ga-id': GA, 'cookie-domain': '.ib.localtest' };
    const urlA = suite.server.page(sitePage({ data, body: FOOTER }), { host: 'a.ib.localtest' });
    const urlB = suite.server.page(sitePage({ data, body: FOOTER }), { host: 'b.ib.localtest' });
    const { visitor, a, openB } = await twoTabs(suite.browser, urlA, urlB);
    const b = await openB();
    await bannerButtonOf(b, 'Alles weigeren').click();
    await switchBackTo(a);
    await bannerOf(a).waitFor({ state: 'hidden' });
    await assertNoGtag(a, visitor);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});

describe('the back button (back/forward cache on)', () => {
  let browser;
  before(async () => {
    // playwright-core passes --disable-back-forward-cache by default; without dropping it this is vacuous.
    browser = await chromium.launch({ ...chromiumLaunchOptions(), ignoreDefaultArgs: ['--disable-back-forward-cache'] });
  });
  after(() => browser?.close());

  const watchPageShow = () => {
    window.__shows = [];
    addEventListener('pageshow', (event) => window.__shows.push(event.persisted));
  };

  async function backAfter(hosts, firstChoice, secondChoice) {
    const data = { 'ga-id': GA, 'cookie-domain': hosts[0] === hosts[1] ? undefined : '.ib.localtest' };
    const visitor = await hostileVisitor(browser, { init: watchPageShow });
    const first = suite.server.page(sitePage({ data, body: FOOTER }), { host: hosts[0] });
    const second = suite.server.page(sitePage({ data, body: FOOTER }), { host: hosts[1] });
    const page = await visitor.open(first);
    await started(page);
    await page.evaluate((choice) => ibConsent[choice](), firstChoice);
    await page.evaluate(() => (window.__pageOne = true));
    await page.goto(second);
    await started(page);
    await page.evaluate((choice) => ibConsent[choice](), secondChoice);
    await page.goBack({ waitUntil: 'commit' });
    await page.waitForFunction(() => window.__shows?.length > 0 && (window.__shows.at(-1) === true || window.__ib?.ready > 0));
    const restored = await page.evaluate(() => window.__pageOne === true && window.__shows.at(-1) === true);
    return { visitor, page, restored };
  }

  it('page 1 granted, page 2 on another subdomain rejects, Back: page 1 (from the bfcache) has analytics off', async () => {
    const { visitor, page, restored } = await backAfter(['a.ib.localtest', 'b.ib.localtest'], 'acceptAll', 'rejectAll');
    assert.equal(restored, true, 'page 1 came from the back/forward cache (pageshow persisted)');
    await page.waitForFunction((id) => window[`ga-disable-${id}`] === true, GA);
    assert.deepEqual(await gaOff(page), [true, false]);
    await expectNoBanner(page);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('page 1 refused, page 2 on another subdomain accepts, Back: page 1 (from the bfcache) loads GA', async () => {
    const { visitor, page, restored } = await backAfter(['a.ib.localtest', 'b.ib.localtest'], 'rejectAll', 'acceptAll');
    assert.equal(restored, true, 'page 1 came from the back/forward cache (pageshow persisted)');
    await gtagLoaded(page);
    assert.equal(await page.evaluate(() => ibConsent.has('analytics')), true);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('page 1 granted, page 2 on the same origin rejects, Back: page 1 has analytics off', async () => {
    // The BroadcastChannel message evicts page 1 from the cache (Chromium: BroadcastChannelOnMessage),
    // so this Back may be a fresh load; either way analytics must be off.
    const { visitor, page } = await backAfter(['localhost', 'localhost'], 'acceptAll', 'rejectAll');
    await page.waitForFunction((id) => window[`ga-disable-${id}`] === true, GA);
    assert.deepEqual(await gaOff(page), [true, false]);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});
