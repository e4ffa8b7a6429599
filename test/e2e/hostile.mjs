/**
 * Helpers for the hardening matrix (test/e2e/hardening-*.test.mjs): hostile pages, hostile
 * cookies, and the invariants every case checks. Built on harness.mjs, never changing it.
 */
import assert from 'node:assert/strict';
import { newVisitor } from './harness.mjs';

export const GA = 'G-HARD3N1';
/**
 * For describe(): independent cases (each its own browser context) run a few at a time, so
 * the matrix stays near two minutes on a 2-core machine. Positive checks wait for events;
 * "did not happen" checks look at the DOM after ib-consent-ready (the widget starts
 * synchronously) plus a short fixed wait.
 */
export const SIDE_BY_SIDE = { concurrency: 5 };
export const PREFIX = '[ib-cookie-consent]';
/** Element names the widget may render under (the second when a site took the first). */
export const WIDGET = 'ib-cookie-consent, ib-cookie-consent-widget';

/**
 * Init script: counts `ib-consent-ready` and keeps every `ib-consent-change` detail heard on
 * `document`, from the very start of every page (before the widget runs).
 */
function watchConsentEvents() {
  const seen = { ready: 0, changes: [] };
  Object.defineProperty(window, '__ib', { value: seen, configurable: true });
  addEventListener('ib-consent-ready', () => seen.ready++);
  document.addEventListener('ib-consent-change', (event) => {
    const { record, granted, revoked } = event.detail ?? {};
    seen.changes.push({ record, granted, revoked, bubbles: event.bubbles, composed: event.composed });
  });
}

/**
 * A fresh visitor on a new page with `html`. `before(visitor, url)` runs before the first visit
 * (cookies, routes); `init` is an extra init script for every page of the visitor.
 */
export async function visit(suite, html, { headers, host, init, before, contextOptions, timeout } = {}) {
  const visitor = await hostileVisitor(suite.browser, { init, contextOptions, timeout });
  const url = suite.server.page(html, { headers, host });
  if (before) await before(visitor, url);
  const page = await visitor.open(url);
  return { visitor, page, url };
}

/** A fresh visitor (harness.newVisitor) whose pages record the widget's events; short timeouts. */
export async function hostileVisitor(browser, { init, contextOptions, timeout = 8000 } = {}) {
  const visitor = await newVisitor(browser, contextOptions);
  visitor.context.setDefaultTimeout(timeout);
  await visitor.context.addInitScript(watchConsentEvents);
  if (init) await visitor.context.addInitScript(init);
  const open = visitor.open;
  visitor.open = async (url) => {
    const page = await open(url);
    visitors.set(page, visitor);
    return page;
  };
  return visitor;
}

const visitors = new WeakMap();

/** Waits until the widget announced `ib-consent-ready` on this page. */
export async function started(page) {
  try {
    await page.waitForFunction(() => window.__ib?.ready > 0, undefined, { timeout: 8000 });
  } catch (error) {
    const visitor = visitors.get(page);
    const heard = visitor ? [...visitor.consoleMessages.map(({ type, text }) => `${type}: ${text}`), ...visitor.pageErrors] : [];
    assert.fail(`ib-consent-ready never fired (${error.message.split('\n')[0]}); console:\n${heard.join('\n')}`);
  }
}

/** Opens `url` again for the same visitor (the next page view) and waits for the widget. */
export async function nextPageView(visitor, url) {
  const page = await visitor.open(url);
  await started(page);
  await settle(page);
  return page;
}

/** One animation frame: renders scheduled by the widget (microtasks) are done. */
export const settle = (page) => page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve())));

export const widget = (page) => page.locator(WIDGET);
export const bannerOf = (page) => page.locator('ib-cookie-consent section[part~=banner], ib-cookie-consent-widget section[part~=banner]');
export const bannerButtonOf = (page, name) => bannerOf(page).getByRole('button', { name, exact: true });
export const dialogOf = (page) => page.locator('ib-cookie-consent dialog[part=dialog], ib-cookie-consent-widget dialog[part=dialog]');

export async function expectBanner(page) {
  await bannerOf(page).waitFor({ state: 'visible' });
  for (const name of ['Alles accepteren', 'Alles weigeren', 'Instellingen']) {
    assert.equal(await bannerButtonOf(page, name).isVisible(), true, `banner button ${name}`);
  }
}

export async function expectNoBanner(page) {
  await settle(page);
  assert.equal(await bannerOf(page).isVisible(), false, 'no banner expected');
}

/** The widget's own console messages of one type ('warning', 'error'), or of both. */
export function ours(visitor, type) {
  return visitor.consoleMessages
    .filter((message) => (type ? message.type === type : message.type === 'warning' || message.type === 'error'))
    .map(({ text }) => text)
    .filter((text) => text.startsWith(PREFIX));
}

export function assertNoPageErrors(visitor) {
  assert.deepEqual(visitor.pageErrors, [], 'uncaught page errors');
}

/** No gtag.js was requested or put in the page (after a short wait, to prove a negative). */
export async function assertNoGtag(page, visitor, wait = 150) {
  if (wait) await page.waitForTimeout(wait);
  assert.deepEqual(visitor.gtagRequests, [], 'gtag.js requested without analytics consent');
  assert.equal(await page.locator('script[src*="gtag/js"]').count(), 0, 'gtag.js script element without consent');
}

/** Resolves once the stubbed gtag.js ran `n` times on this page. */
export const gtagLoaded = (page, n = 1) => page.waitForFunction((count) => window.gtagStubLoads === count, n);

/** Every ib_consent cookie of the visitor, with its parsed value (or the raw text). */
export async function consentCookies(context) {
  return (await context.cookies())
    .filter(({ name }) => name === 'ib_consent')
    .map((cookie) => {
      let value;
      try {
        value = JSON.parse(decodeURIComponent(cookie.value));
      } catch {
        value = cookie.value;
      }
      return { domain: cookie.domain, value };
    });
}

/** A record the widget itself would write, with `overrides`. */
export function record(overrides = {}) {
  const now = new Date().toISOString();
  return {
    categories: ['necessary', 'analytics'],
    revision: 1,
    consentId: 'c0ffee00-0000-4000-8000-000000000000',
    givenAt: now,
    updatedAt: now,
    ...overrides,
  };
}

/** Stores an ib_consent cookie: host-only for `url`, or on `domain`. `value` is a record or raw text. */
export async function addConsentCookie(context, value, { url, domain, encode = true }) {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const cookie = { name: 'ib_consent', value: encode ? encodeURIComponent(text) : text };
  await context.addCookies([domain ? { ...cookie, domain, path: '/' } : { ...cookie, url }]);
}

/** The options block a site puts in its page. */
export const configBlock = (options) =>
  `<script type="application/json" id="ib-cookie-consent-config">${typeof options === 'string' ? options : JSON.stringify(options)}</script>`;

/**
 * Serves this suite's pages under another origin (any host name, such as a public suffix's
 * subdomain) by answering its requests from the local server; nothing leaves the machine.
 */
export async function serveAs(visitor, suite, origin) {
  const local = new URL(suite.server.page('<!doctype html>'));
  await visitor.context.route(`${origin}/**`, async (route) => {
    const { pathname, search } = new URL(route.request().url());
    const response = await route.fetch({ url: `${local.origin}${pathname}${search}` });
    await route.fulfill({ response });
  });
}

/** Calls `fn` in the page and says whether it threw, and what it returned (JSON-safe). */
export async function callSafely(page, source) {
  return page.evaluate((code) => {
    try {
      // eslint-disable-next-line no-new-func
      const value = new Function(`return (${code});`)();
      const kind = value && typeof value.then === 'function' ? 'promise' : typeof value;
      if (kind === 'promise') value.catch(() => (window.__rejected = (window.__rejected || 0) + 1));
      return { threw: false, kind, value: kind === 'promise' ? null : JSON.parse(JSON.stringify(value ?? null)) };
    } catch (error) {
      return { threw: true, error: String(error) };
    }
  }, source);
}
