import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { banner, bannerButton, dataLayer, newVisitor, sitePage, setUpSuite, storedConsent } from './harness.mjs';

const GA = 'G-API7';
const suite = setUpSuite();

/** Counts consent events on the element, document and window from the very start of the page. */
const countEvents = () => {
  window.events = [];
  for (const [where, target] of [['window', window], ['document', document]]) {
    for (const type of ['ib-consent-change', 'ib-consent-ready']) {
      target.addEventListener(type, (event) => window.events.push({ where, type, detail: JSON.parse(JSON.stringify(event.detail)) }));
    }
  }
  customElements.whenDefined('ib-cookie-consent').then(() => {
    document.querySelector('ib-cookie-consent').addEventListener('ib-consent-change', (event) =>
      window.events.push({ where: 'element', type: event.type, detail: JSON.parse(JSON.stringify(event.detail)) }));
  });
};

async function visit({ host = 'localhost', data = {} } = {}) {
  const visitor = await newVisitor(suite.browser);
  await visitor.context.addInitScript(countEvents);
  const page = await visitor.open(suite.server.page(sitePage({ data: { 'ga-id': GA, ...data } }), { host }));
  return { visitor, page };
}

describe('window.ibConsent', () => {
  it('accept(categories) grants exactly those plus necessary; has() and get() follow', async () => {
    const { visitor, page } = await visit();
    const result = await page.evaluate(() => {
      ibConsent.accept(['analytics']);
      return [ibConsent.has('analytics'), ibConsent.has('necessary'), ibConsent.get().categories];
    });
    assert.deepEqual(result, [true, true, ['necessary', 'analytics']]);
    await visitor.context.close();
  });

  it('records every choice made through the API as source "api", whatever else it is given', async () => {
    const { visitor, page } = await visit();
    const sources = await page.evaluate(() => {
      ibConsent.accept(['analytics'], 'banner');
      const first = ibConsent.get().source;
      ibConsent.accept([], { forged: true });
      return [first, ibConsent.get().source];
    });
    assert.deepEqual(sources, ['api', 'api']);
    assert.equal((await storedConsent(visitor.context)).source, 'api');
    await visitor.context.close();
  });

  it('whenGranted resolves on the choice that grants, not before', async () => {
    const { visitor, page } = await visit();
    const order = await page.evaluate(async () => {
      const order = [];
      const granted = ibConsent.whenGranted('analytics').then(() => order.push('granted'));
      ibConsent.rejectAll();
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push('rejected');
      ibConsent.acceptAll();
      await granted;
      await ibConsent.whenGranted('analytics');
      order.push('again at once');
      return order;
    });
    assert.deepEqual(order, ['rejected', 'granted', 'again at once']);
    await visitor.context.close();
  });

  it('showBanner and showPreferences reopen the layers after a choice', async () => {
    const { visitor, page } = await visit();
    await bannerButton(page, 'Alles weigeren').click();
    assert.equal(await banner(page).isHidden(), true);
    await page.evaluate(() => ibConsent.showBanner());
    assert.equal(await banner(page).isVisible(), true);
    await page.evaluate(() => ibConsent.showPreferences());
    assert.equal(await page.getByRole('dialog', { name: 'Cookie-instellingen' }).isVisible(), true);
    await visitor.context.close();
  });

  it('reset withdraws everything, deletes ib_consent and shows the banner', async () => {
    const { visitor, page } = await visit();
    await bannerButton(page, 'Alles accepteren').click();
    await page.evaluate(() => ibConsent.reset());
    assert.equal(await storedConsent(visitor.context), undefined);
    assert.equal(await page.evaluate(() => [ibConsent.get(), ibConsent.has('analytics')].join()), ',false');
    assert.equal(await banner(page).isVisible(), true);
    assert.equal(await page.evaluate((id) => window[`ga-disable-${id}`], GA), true);
    await visitor.context.close();
  });

  it('debug prints each category, GA, the revision and the raw cookie as a table', async () => {
    const { visitor, page } = await visit();
    await bannerButton(page, 'Alles accepteren').click();
    await page.waitForFunction(() => window.gtagStubLoads === 1);
    const table = new Promise((resolve) => page.on('console', (message) => message.type() === 'table' && resolve(message)));
    await page.evaluate(() => ibConsent.debug());
    const [row] = await (await table).args().map((arg) => arg.jsonValue());
    const printed = await row;
    assert.equal(printed.necessary, true);
    assert.equal(printed.analytics, true);
    // Not just allowed: gtag.js (the stub) fired its load event.
    assert.equal(printed.googleAnalytics, 'load');
    assert.equal(printed.revision, 1);
    assert.equal(printed.configuredRevision, 1);
    assert.match(printed.cookie, /"categories"/);
    await visitor.context.close();
  });
});

describe('events', () => {
  it('ib-consent-ready fires once after the stored state is read', async () => {
    const { visitor, page } = await visit();
    await page.waitForFunction(() => window.events.some((event) => event.type === 'ib-consent-ready'));
    const ready = await page.evaluate(() => window.events.filter((event) => event.type === 'ib-consent-ready'));
    assert.deepEqual(ready.map(({ where }) => where).sort(), ['document', 'window']);
    assert.deepEqual(ready[0].detail, { record: null });
    await visitor.context.close();
  });

  it('ib-consent-change reaches element, document and window once per change, with what changed', async () => {
    const { visitor, page } = await visit();
    await bannerButton(page, 'Alles accepteren').click();
    await page.evaluate(() => ibConsent.accept([]));
    const changes = await page.evaluate(() => window.events.filter((event) => event.type === 'ib-consent-change'));
    assert.deepEqual(changes.map(({ where }) => where), ['element', 'document', 'window', 'element', 'document', 'window']);
    assert.deepEqual([changes[0].detail.granted, changes[0].detail.revoked], [['analytics'], []]);
    assert.deepEqual([changes[3].detail.granted, changes[3].detail.revoked], [[], ['analytics']]);
    assert.deepEqual(changes[3].detail.record.categories, ['necessary']);
    await visitor.context.close();
  });
});

describe('withdrawal', () => {
  it('stops GA and deletes its cookies on this host and the parent domain, without a reload', async () => {
    const { visitor, page } = await visit({ host: 'www.ib.localtest' });
    await bannerButton(page, 'Alles accepteren').click();
    await page.waitForFunction(() => window.gtagStubLoads === 1);
    const url = page.url();
    const cookie = (name, domain) => (domain ? { name, value: '1', domain, path: '/' } : { name, value: '1', url });
    await visitor.context.addCookies([
      cookie('_ga'), cookie('_ga', '.ib.localtest'), cookie('_ga_API7', '.ib.localtest'), cookie('_ga_API8'), cookie('session'),
    ]);
    await page.evaluate(() => (window.sameDocument = true));
    await page.locator('[data-ib-consent-open]').click();
    await page.getByRole('switch', { name: 'Analytisch' }).uncheck();
    await page.getByRole('button', { name: 'Keuze opslaan' }).click();
    const left = (await visitor.context.cookies()).map(({ name }) => name).sort();
    assert.deepEqual(left, ['ib_consent', 'session']);
    assert.equal(await page.evaluate(() => window.sameDocument), true);
    assert.equal(await page.evaluate((id) => window[`ga-disable-${id}`], GA), true);
    const last = (await dataLayer(page)).at(-1);
    assert.deepEqual([last[0], last[1], last[2].analytics_storage], ['consent', 'update', 'denied']);
    await visitor.context.close();
  });
});

describe('subdomains and plain http', () => {
  it('shares the choice across subdomains with cookie-domain', async () => {
    const data = { 'cookie-domain': '.ib.localtest' };
    const { visitor, page } = await visit({ host: 'a.ib.localtest', data });
    await bannerButton(page, 'Alles accepteren').click();
    const other = await visitor.open(suite.server.page(sitePage({ data: { 'ga-id': GA, ...data } }), { host: 'b.ib.localtest' }));
    await other.waitForFunction(() => window.gtagStubLoads === 1);
    assert.equal(await banner(other).isHidden(), true);
    const cookie = (await visitor.context.cookies()).find(({ name }) => name === 'ib_consent');
    assert.equal(cookie.domain, '.ib.localtest');
    await visitor.context.close();
  });

  it('keeps consent on a plain-http host: a random id without randomUUID, no Secure flag, SameSite=Lax', async () => {
    const { visitor, page } = await visit({ host: 'www.ib.localtest' });
    assert.equal(await page.evaluate(() => typeof crypto.randomUUID), 'undefined');
    const written = [];
    await page.exposeFunction('recordCookieWrite', (value) => written.push(value));
    await page.evaluate(() => {
      const { get, set } = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
      Object.defineProperty(document, 'cookie', { get() { return get.call(this); }, set(value) { window.recordCookieWrite(value); set.call(this, value); } });
    });
    await bannerButton(page, 'Alles weigeren').click();
    const stored = await storedConsent(visitor.context);
    assert.match(stored.consentId, /^\d{1,10}(-\d{1,10}){3}$/);
    const write = written.find((value) => value.startsWith('ib_consent='));
    assert.match(write, /; sameSite=Lax/i);
    assert.doesNotMatch(write, /secure/i);
    const next = await visitor.open(page.url());
    assert.equal(await banner(next).isHidden(), true);
    await visitor.context.close();
  });
});

describe('strict Content-Security-Policy', () => {
  it('runs with a nonce only: no violations; gtag.js and the nonced waiting scripts run with the nonce', async () => {
    const nonce = 'r4nd0mN0nce';
    const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8">
      <script nonce="${nonce}" src="/dist/ib-cookie-consent.js" defer data-ga-id="${GA}" data-privacy-url="/p"></script></head>
      <body><a href="#" data-ib-consent-open>Cookies</a>
      <script type="text/plain" nonce="${nonce}" data-consent="analytics">window.gatedInlineRuns = (window.gatedInlineRuns || 0) + 1;</script>
      <script type="text/plain" nonce="${nonce}" data-consent="analytics" src="/test/fixtures/gated.js"></script>
      <script type="text/plain" data-consent="analytics">window.injectedRan = true;</script></body></html>`;
    const csp = `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'self'; object-src 'none'; base-uri 'none'`;
    const visitor = await newVisitor(suite.browser);
    await visitor.context.addInitScript(() => {
      window.violations = [];
      document.addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const page = await visitor.open(suite.server.page(html, { headers: { 'content-security-policy': csp } }));
    await bannerButton(page, 'Alles accepteren').click();
    await page.waitForFunction(() => window.gtagStubLoads === 1 && window.gatedSrcRuns === 1 && window.gatedInlineRuns === 1);
    // Markup without the nonce (user content) must not borrow it through the widget.
    assert.equal(await page.evaluate(() => window.injectedRan), undefined);
    assert.match(visitor.messages('error').join(), /lacks the page's nonce/);
    assert.equal(await page.evaluate(() => document.querySelector('script[src*="gtag/js"]').nonce), nonce);
    assert.deepEqual(await page.evaluate(() => window.violations), []);
    assert.equal(await page.locator('ib-cookie-consent [style]').count(), 0);
    await visitor.context.close();
  });
});
