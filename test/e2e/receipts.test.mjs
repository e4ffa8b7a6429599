/**
 * Consent receipts on the built files (the widget and its receipts add-on): every decision made
 * on a page reaches the site's receiver (the reference one, server/receipt-receiver.mjs) with
 * every field, the receiver's Set-Cookie keeps the choice, and no receiver, however slow or
 * broken, holds back or undoes a choice.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dutch } from '../../dist/esm/copy.js';
import { consentCookie, createReceiptReceiver } from '../../server/receipt-receiver.mjs';
import { banner, bannerButton, newVisitor, setUpSuite, sitePage, startServer, storedConsent } from './harness.mjs';

const DAY = 864e5;
const FIELDS = ['categories', 'consentId', 'domain', 'expires', 'givenAt', 'language', 'page', 'revision', 'source', 'textHash', 'updatedAt', 'version'];
const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const HOST = 'www.ib.localtest';
const suite = setUpSuite({ https: true });
const folder = mkdtempSync(join(tmpdir(), 'ib-receipts-e2e-'));
/** A plain-http server beside the https one: a page there is not a secure context. */
let plain;
before(async () => (plain = await startServer()));
after(async () => {
  await plain?.close();
  rmSync(folder, { recursive: true });
});

let receivers = 0;
/**
 * The reference receiver at a path of its own, behind a gate the test controls: `status` answers
 * every request with that status instead; `hold` keeps requests waiting until `release()`.
 */
function mountReceiver(server, { status, hold = false, answer } = {}) {
  const path = `/api/consent-receipts-${++receivers}`;
  const file = join(folder, `receipts-${receivers}.jsonl`);
  const receive = answer ?? createReceiptReceiver({ file, log: () => {} });
  const held = [];
  const receiver = {
    path,
    file,
    requests: 0,
    hold,
    /** Receipts as stored by the receiver, in the order stored. */
    receipts: () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line).receipt) : []),
    /** Stops holding, and answers the held requests in the order they came, or the newest first. */
    release: ({ newestFirst = false } = {}) => {
      receiver.hold = false;
      const waiting = held.splice(0);
      for (const answer of newestFirst ? waiting.reverse() : waiting) answer();
    },
  };
  server.handle(path, (request, response) => {
    receiver.requests++;
    if (status) return response.writeHead(status).end();
    if (receiver.hold) return held.push(() => receive(request, response));
    receive(request, response);
  });
  return receiver;
}

/** Resolves once `condition()` is true; fails after `timeout` ms (generous: two cores, several browsers). */
async function until(condition, what, timeout = 15_000) {
  const end = Date.now() + timeout;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
const receiptCount = (receiver, count) => until(() => receiver.receipts().length >= count, `${count} receipts`);

/** The add-on's script tag, as the README gives it: right after the widget's. */
const receiptsAddOn = (receiptUrl) => `<script src="/dist/ib-cookie-consent-receipts.js" defer data-receipt-url="${receiptUrl}"></script>`;

async function visit({ server = suite.server, host = HOST, data = {}, receiptUrl, head, init, url = (page) => page } = {}) {
  const visitor = await newVisitor(suite.browser, { ignoreHTTPSErrors: true });
  if (init) await visitor.context.addInitScript(init);
  const html = sitePage({ data: { 'ga-id': 'G-RECEIPT1', ...data }, head, addOns: receiptsAddOn(receiptUrl) });
  const page = await visitor.open(url(server.page(html, { host })));
  return { visitor, page };
}

/** The SHA-256 of the copy's canonical form, computed as the README tells a site to. */
function expectedTextHash({ texts = {}, days = 365 } = {}) {
  const { necessary, analytics, ...copy } = dutch;
  Object.assign(copy, texts);
  const cookies = (names, { cookies: described }) =>
    names.map((name, index) => ({ name, purpose: described[index][0], lifetime: described[index][1] || `${days} ${copy.days}` }));
  const categories = [
    { id: 'necessary', label: necessary.label, description: necessary.description, cookies: cookies(['ib_consent'], necessary) },
    { id: 'analytics', label: analytics.label, description: analytics.description,
      cookies: cookies(['_ga', '_ga_*'], analytics) },
  ];
  const canonical = JSON.stringify([Object.entries(copy).sort(), categories]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

const dialog = (page) => page.locator('ib-cookie-consent dialog');
const rawConsentCookie = async (context) => (await context.cookies()).find(({ name }) => name === 'ib_consent');

describe('consent receipts', () => {
  it('posts a receipt of each decision (banner, preferences, API, reset) with every field and nothing else, and none for a repeated choice', async () => {
    const receiver = mountReceiver(suite.server);
    const { visitor, page } = await visit({
      receiptUrl: receiver.path, data: { 'cookie-domain': '.ib.localtest' },
      // The page's query string and fragment never leave the page.
      url: (url) => `${url}?email=visitor@example.com#top`,
    });
    const pagePath = new URL(page.url()).pathname;

    await bannerButton(page, 'Alles accepteren').click();
    await receiptCount(receiver, 1);
    await page.locator('[data-ib-consent-open]').click();
    await dialog(page).getByRole('switch', { name: 'Analytisch' }).uncheck();
    await dialog(page).getByRole('button', { name: 'Keuze opslaan' }).click();
    await receiptCount(receiver, 2);
    await page.evaluate(() => ibConsent.accept(['analytics']));
    await receiptCount(receiver, 3);
    // Choosing the same again changes nothing, the cookie's date included: nothing to receipt.
    const cookieBefore = await rawConsentCookie(visitor.context);
    await page.evaluate(() => ibConsent.accept(['analytics']));
    await page.evaluate(() => ibConsent.reset());
    await receiptCount(receiver, 4);
    // (A late answer to the third may make the page send the reset again: stored once.)
    await page.waitForTimeout(300);
    assert.equal(receiver.receipts().length, 4);
    assert.ok(cookieBefore, 'the cookie before reset()');

    const receipts = receiver.receipts();
    const [first] = receipts;
    for (const receipt of receipts) {
      assert.deepEqual(Object.keys(receipt).sort(), FIELDS);
      assert.equal(receipt.consentId, first.consentId);
      assert.match(receipt.consentId, /^\d{1,10}(-\d{1,10}){3}$/);
      assert.equal(receipt.givenAt, first.givenAt);
      assert.equal(receipt.revision, 1);
      assert.equal(receipt.language, 'nl');
      assert.match(receipt.textHash, /^[0-9a-f]{64}$/);
      assert.equal(receipt.textHash, first.textHash);
      assert.equal(receipt.page, `https://${HOST}:${new URL(page.url()).port}${pagePath}`);
      assert.equal(receipt.version, version);
      assert.equal(receipt.domain, '.ib.localtest');
    }
    assert.deepEqual(receipts.map(({ categories }) => categories.join()), ['necessary,analytics', 'necessary', 'necessary,analytics', '']);
    assert.deepEqual(receipts.map(({ source }) => source), ['banner', 'preferences', 'api', 'api']);
    for (const receipt of receipts.slice(0, 3)) assert.equal(receipt.expires, new Date(Date.parse(receipt.updatedAt) + 365 * DAY).toISOString());
    assert.equal(receipts[3].expires, null);
    // Each decision is later than the one before.
    for (let i = 1; i < receipts.length; i++) assert.ok(receipts[i].updatedAt >= receipts[i - 1].updatedAt);
    assert.equal(await rawConsentCookie(visitor.context), undefined);

    // A choice after reset() is a new consent, with a new id.
    await bannerButton(page, 'Alles weigeren').click();
    await receiptCount(receiver, 5);
    const renewed = receiver.receipts()[4];
    assert.notEqual(renewed.consentId, first.consentId);
    assert.equal(renewed.givenAt, renewed.updatedAt);
    assert.deepEqual(visitor.messages('error'), []);
    await visitor.context.close();
  });

  it('hashes the copy the visitor saw in the canonical form the README gives, so a site can recompute it', async () => {
    const receiver = mountReceiver(suite.server);
    const title = 'Cookies op inforbusiness.com';
    const { visitor, page } = await visit({
      receiptUrl: receiver.path, data: { 'cookie-days': 180 },
      head: `<script type="application/json" id="ib-cookie-consent-config">${JSON.stringify({ texts: { title } })}</script>`,
    });
    await bannerButton(page, 'Alles weigeren').click();
    await receiptCount(receiver, 1);
    const [receipt] = receiver.receipts();
    assert.equal(receipt.textHash, expectedTextHash({ texts: { title }, days: 180 }));
    assert.notEqual(receipt.textHash, expectedTextHash({ days: 180 }));
    await visitor.context.close();
  });

  it('sends textHash null on a page that is not a secure context (plain http), and the choice is kept', async () => {
    const receiver = mountReceiver(plain);
    const { visitor, page } = await visit({ server: plain, receiptUrl: receiver.path });
    assert.equal(await page.evaluate(() => isSecureContext), false);
    await bannerButton(page, 'Alles accepteren').click();
    await receiptCount(receiver, 1);
    const [receipt] = receiver.receipts();
    assert.equal(receipt.textHash, null);
    assert.match(receipt.page, /^http:\/\/www\.ib\.localtest:\d+\/page-\d+\.html$/);
    const cookie = await rawConsentCookie(visitor.context);
    assert.equal(cookie.secure, false);
    await visitor.context.close();
  });

  it('is refused with a console error, and no receipt is sent, for a receiver on another origin', async () => {
    const receiver = mountReceiver(suite.server);
    const port = new URL(suite.server.page('')).port;
    const { visitor, page } = await visit({ receiptUrl: `https://other.ib.localtest:${port}${receiver.path}` });
    await bannerButton(page, 'Alles accepteren').click();
    assert.equal((await storedConsent(visitor.context)).categories.join(), 'necessary,analytics');
    assert.ok(visitor.messages('error').some((text) => text.includes('data-receipt-url') && text.includes('must be a path on this site')));
    // A same-origin receipt would have gone out at once; give a wrong one the same time to show up.
    await page.waitForTimeout(500);
    assert.equal(receiver.requests, 0);
    await visitor.context.close();
  });

  it('re-issues from the server the very cookie the widget wrote: same value, domain and expiry', async () => {
    const receiver = mountReceiver(suite.server, { hold: true });
    const { visitor, page } = await visit({ receiptUrl: receiver.path, data: { 'cookie-domain': '.ib.localtest' } });
    await bannerButton(page, 'Alles accepteren').click();
    await until(() => receiver.requests === 1, 'the receipt to arrive');
    const written = await rawConsentCookie(visitor.context);
    receiver.release();
    await receiptCount(receiver, 1);
    const [receipt] = receiver.receipts();
    const [issued, ...attributes] = consentCookie(receipt).split('; ');
    assert.equal(issued, `ib_consent=${written.value}`);
    assert.ok(attributes.includes(`Domain=${written.domain}`) && attributes.includes('Secure'));
    // A cookie's Expires has whole seconds (toUTCString drops the milliseconds).
    assert.equal(written.expires, Math.floor(Date.parse(receipt.expires) / 1000));
    await visitor.context.close();
  });

  it("takes the cookie's expiry from the server's Set-Cookie, and does not rewrite it on later page views", async () => {
    // A receiver that answers with the reference cookie, but 30 days shorter: which one the browser keeps shows who wrote last.
    const shorter = (receipt) => consentCookie({ ...receipt, expires: new Date(Date.parse(receipt.expires) - 30 * DAY).toISOString() });
    const seen = [];
    const receiver = mountReceiver(suite.server, {
      answer: (request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          seen.push(JSON.parse(body));
          response.writeHead(204, { 'set-cookie': shorter(seen.at(-1)) }).end();
        });
      },
    });
    const { visitor, page } = await visit({ receiptUrl: receiver.path });
    await bannerButton(page, 'Alles accepteren').click();
    const expected = (Date.now() + 335 * DAY) / 1000;
    await until(async () => Math.abs((await rawConsentCookie(visitor.context)).expires - expected) < 120, "the server's expiry");
    const fromServer = await rawConsentCookie(visitor.context);

    // Later page views read the choice and leave the cookie (and its lifetime) alone, and send nothing.
    for (let view = 0; view < 2; view++) {
      const next = await visitor.open(page.url());
      assert.equal(await next.evaluate(() => ibConsent.get()?.categories.join()), 'necessary,analytics');
      assert.equal(await banner(next).isVisible(), false);
    }
    assert.deepEqual(await rawConsentCookie(visitor.context), fromServer);
    assert.equal(receiver.requests, 1);
    await visitor.context.close();
  });

  it('a receiver that answers 500 holds back nothing, and is reported once in the console', async () => {
    const receiver = mountReceiver(suite.server, { status: 500 });
    const { visitor, page } = await visit({ receiptUrl: receiver.path });
    await bannerButton(page, 'Alles accepteren').click();
    assert.equal(await banner(page).isVisible(), false);
    assert.equal((await storedConsent(visitor.context)).categories.join(), 'necessary,analytics');
    await until(() => visitor.gtagRequests.length === 1, 'gtag.js');
    await page.evaluate(() => ibConsent.rejectAll());
    await page.evaluate(() => ibConsent.acceptAll());
    await until(() => receiver.requests >= 3, 'three receipts');
    await until(() => visitor.messages('error').length > 0, 'the console error');
    await page.waitForTimeout(300);
    const errors = visitor.messages('error').filter((text) => text.includes('[ib-cookie-consent]'));
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.ok(errors[0].includes(`Receipts: sending to https://${HOST}:`) && errors[0].includes(`${receiver.path} failed (500); the choice stands`), errors[0]);
    assert.deepEqual(visitor.pageErrors, []);
    await visitor.context.close();
  });

  it('a receiver that never answers holds back nothing: the banner closes and the cookie is written while it waits', async () => {
    const receiver = mountReceiver(suite.server, { hold: true });
    const { visitor, page } = await visit({ receiptUrl: receiver.path });
    await bannerButton(page, 'Alles accepteren').click();
    await until(() => receiver.requests === 1, 'the receipt to arrive');
    // The receipt is still unanswered here.
    assert.equal(await banner(page).isVisible(), false);
    assert.equal((await storedConsent(visitor.context)).categories.join(), 'necessary,analytics');
    await until(() => visitor.gtagRequests.length === 1, 'gtag.js');
    // A newer decision is not held back by the hanging receipt either.
    await page.locator('[data-ib-consent-open]').click();
    await dialog(page).getByRole('button', { name: 'Alles weigeren' }).click();
    assert.equal((await storedConsent(visitor.context)).categories.join(), 'necessary');
    await until(() => receiver.requests === 2, 'the second receipt');
    // After 10 s without an answer, the console says so, once.
    await until(() => visitor.messages('error').some((text) => text.includes('no answer') || text.includes('TimeoutError')), 'the timeout', 30_000);
    assert.equal(visitor.messages('error').filter((text) => text.includes('Receipts: sending')).length, 1);
    assert.deepEqual(visitor.pageErrors, []);
    await visitor.context.close();
  });

  for (const newestFirst of [false, true]) {
    it(`accepting with a slow receiver and then refusing leaves the refusal stored, in the cookie and on the server, also when the visitor leaves at once (answered ${newestFirst ? 'newest first' : 'in order'})`, async () => {
      const receiver = mountReceiver(suite.server, { hold: true });
      const { visitor, page } = await visit({ receiptUrl: receiver.path });
      await bannerButton(page, 'Alles accepteren').click();
      await until(() => receiver.requests === 1, 'the first receipt');
      await page.evaluate(() => ibConsent.rejectAll());
      // The visitor goes on to another page before the receiver answered.
      const next = await visitor.open(suite.server.page(sitePage(), { host: HOST }));
      await page.close();
      // The refusal went out although its page is gone; then the receiver answers both.
      await until(() => receiver.requests === 2, 'the second receipt');
      receiver.release({ newestFirst });
      await receiptCount(receiver, 2);
      // The answers' Set-Cookie headers reach the cookie jar just after the receiver stored the receipts.
      await next.waitForTimeout(500);
      assert.equal((await storedConsent(visitor.context)).categories.join(), 'necessary');
      // Server side, the latest decision of this consent is the refusal.
      const latest = receiver.receipts().sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)).at(-1);
      assert.deepEqual(latest.categories, ['necessary']);
      const later = await visitor.open(suite.server.page(sitePage({ data: { 'ga-id': 'G-RECEIPT1' } }), { host: HOST }));
      assert.equal(await later.evaluate(() => ibConsent.get()?.categories.join()), 'necessary');
      assert.equal(visitor.gtagRequests.length, 1, 'gtag.js only on the first page, while analytics was granted');
      await visitor.context.close();
    });
  }

  it('sends a cookie domain written in capitals as the receiver takes it, in lower case', async () => {
    const receiver = mountReceiver(suite.server);
    const { visitor, page } = await visit({ receiptUrl: receiver.path, data: { 'cookie-domain': '.IB.Localtest' } });
    await bannerButton(page, 'Alles accepteren').click();
    await receiptCount(receiver, 1);
    assert.equal(receiver.receipts()[0].domain, '.ib.localtest');
    assert.deepEqual(visitor.messages('error'), []);
    await visitor.context.close();
  });

  it('an answer to an older receipt that comes back after a newer one sends the newest again, so the newest cookie stays', async () => {
    // A receiver that processed the acceptance first but whose answer, with its Set-Cookie, reaches
    // the browser only after the refusal's: the older cookie would stand.
    const bodies = [];
    let answerAcceptance;
    const receiver = mountReceiver(suite.server, {
      answer: (request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          const receipt = JSON.parse(body);
          bodies.push(receipt);
          const reply = () => response.writeHead(204, { 'set-cookie': consentCookie(receipt) }).end();
          if (receipt.categories.includes('analytics')) return (answerAcceptance = reply);
          reply();
          const late = answerAcceptance;
          answerAcceptance = undefined;
          late?.();
        });
      },
    });
    const { visitor, page } = await visit({ receiptUrl: receiver.path });
    await bannerButton(page, 'Alles accepteren').click();
    await until(() => bodies.length === 1, 'the acceptance');
    await page.evaluate(() => ibConsent.rejectAll());
    await until(() => bodies.length === 3, 'the refusal, then the refusal again after the late answer');
    assert.deepEqual(bodies.map(({ categories }) => categories.join()), ['necessary,analytics', 'necessary', 'necessary']);
    assert.equal(bodies[2].updatedAt, bodies[1].updatedAt, 'the same receipt');
    await until(async () => (await storedConsent(visitor.context))?.categories.join() === 'necessary', 'the refusal in the cookie jar');
    assert.equal(await page.evaluate(() => ibConsent.has('analytics')), false);
    await visitor.context.close();
  });

  it('a choice seen from another tab is receipted once, by the tab where it was made', async () => {
    const receiver = mountReceiver(suite.server);
    const { visitor, page } = await visit({ receiptUrl: receiver.path });
    const other = await visitor.open(page.url());
    let fromOther = 0;
    other.on('request', (request) => request.url().endsWith(receiver.path) && fromOther++);
    await bannerButton(page, 'Alles accepteren').click();
    await other.waitForFunction(() => ibConsent.get()?.categories.includes('analytics'));
    await page.evaluate(() => ibConsent.reset());
    await other.waitForFunction(() => ibConsent.get() === null);
    await receiptCount(receiver, 2);
    await other.waitForTimeout(500);
    assert.equal(receiver.receipts().length, 2);
    assert.equal(fromOther, 0);
    await visitor.context.close();
  });

  it('posts the privacy-signal refusal as a receipt with source "gpc"', async () => {
    const receiver = mountReceiver(suite.server);
    const { visitor } = await visit({
      receiptUrl: receiver.path,
      init: () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true }),
    });
    await receiptCount(receiver, 1);
    const [receipt] = receiver.receipts();
    assert.deepEqual(receipt.categories, ['necessary']);
    assert.equal(receipt.source, 'gpc');
    assert.deepEqual(Object.keys(receipt).sort(), FIELDS);
    await visitor.context.close();
  });

  it('works placed before the widget, and sends a decision made before it ran (the widget started first) once', async () => {
    const receiver = mountReceiver(suite.server);
    const visitor = await newVisitor(suite.browser, { ignoreHTTPSErrors: true });
    // Before the widget: it waits for the widget's events.
    const before = await visitor.open(suite.server.page(sitePage({ head: receiptsAddOn(receiver.path) }), { host: HOST }));
    await bannerButton(before, 'Alles accepteren').click();
    await receiptCount(receiver, 1);
    // Loaded (twice) after the widget has started and a decision was made (the site's code refused).
    const after = await visitor.open(suite.server.page(sitePage(), { host: HOST }));
    await after.evaluate(async (receiptUrl) => {
      ibConsent.rejectAll();
      for (let copy = 0; copy < 2; copy++) {
        const script = Object.assign(document.createElement('script'), { src: '/dist/ib-cookie-consent-receipts.js' });
        script.dataset.receiptUrl = receiptUrl;
        await new Promise((resolve) => document.head.append(Object.assign(script, { onload: resolve })));
      }
    }, receiver.path);
    await receiptCount(receiver, 2);
    await after.waitForTimeout(500);
    assert.equal(receiver.requests, 2, 'one receipt per decision, not one per copy of the add-on');
    assert.deepEqual(receiver.receipts().map(({ categories }) => categories.join()), ['necessary,analytics', 'necessary']);
    // The stored choice read on a later page is no decision.
    await visitor.open(suite.server.page(sitePage({ addOns: receiptsAddOn(receiver.path) }), { host: HOST }));
    await after.waitForTimeout(500);
    assert.equal(receiver.requests, 2);
    assert.deepEqual(visitor.pageErrors, []);
    await visitor.context.close();
  });
});
