/**
 * The Tag Manager add-on, dist/ib-cookie-consent-gtm.js, on the built files: a page with the
 * widget's script first in <head> and the add-on's tag, Google's host stubbed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GTAG_HOST, bannerButton, newVisitor, setUpSuite } from './harness.mjs';

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

const core = (attributes = '') => `<script src="/dist/ib-cookie-consent.js" data-privacy-url="/privacyverklaring" ${attributes}></script>`;
const addOn = (attributes = `data-gtm-id="${GTM}"`) => `<script src="/dist/ib-cookie-consent-gtm.js" ${attributes}></script>`;

/** A page whose <head> holds these tags, in this order (the README's: the widget first, then the add-on). */
const gtmPage = (head = core() + addOn(), body = '') => `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>GTM</title>
${head}</head><body><main><h1>Inforbusiness</h1>${body}<a href="#" data-ib-consent-open>Cookie-instellingen</a></main></body></html>`;

/** The data layer, with gtag commands as arrays and events as objects. */
const layer = (page) =>
  page.evaluate(() => window.dataLayer.map((entry) => ('event' in entry ? entry : Array.from(entry))).map((entry) => JSON.parse(JSON.stringify(entry))));

/** Each entry by what it is: `consent default`, `consent update`, or its event name. */
const kinds = (entries) => entries.map((entry) => (Array.isArray(entry) ? entry.slice(0, 2).join(' ') : entry.event));

/** The widget's own console messages. */
const widgetErrors = (visitor) => visitor.messages('error').filter((text) => text.includes('[ib-cookie-consent]'));

describe('Google Tag Manager add-on', () => {
  it('loads the container only after consent, once, after the consent update and the gtm.js event; ib_consent_update marks each decision', async () => {
    const visitor = await gtmVisitor();
    const page = await visitor.open(suite.server.page(gtmPage()));
    await bannerButton(page, 'Alles accepteren').waitFor();
    assert.deepEqual(visitor.gtmRequests, []);
    assert.deepEqual(visitor.foreignRequests, []);
    assert.equal(await page.evaluate(() => document.querySelector('script[src*="/gtm.js?"]')), null);

    const request = page.waitForRequest((request) => request.url().includes('/gtm.js'));
    await bannerButton(page, 'Alles accepteren').click();
    await request;
    await page.evaluate(() => window.ibConsent.rejectAll());
    await page.evaluate(() => window.ibConsent.acceptAll());
    await page.waitForFunction(() => window.google_tag_manager?.stub);
    assert.equal(visitor.gtmRequests.length, 1);
    assert.equal(new URL(visitor.gtmRequests[0]).searchParams.get('id'), GTM);

    const entries = await layer(page);
    assert.deepEqual(kinds(entries), [
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
    assert.equal(typeof entries[4]['gtm.start'], 'number');
    assert.deepEqual(
      entries.filter((entry) => entry.event === 'ib_consent_update').map((entry) => entry.ib_consent),
      [
        { necessary: true, analytics: false },
        { necessary: true, analytics: true },
        { necessary: true, analytics: false },
        { necessary: true, analytics: true },
      ],
    );
    const updates = entries.filter((entry) => Array.isArray(entry) && entry[1] === 'update').map((entry) => entry[2]);
    assert.deepEqual(updates[0], {
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
      personalization_storage: 'denied',
      analytics_storage: 'granted',
    });
    assert.deepEqual(updates.map((update) => update.analytics_storage), ['granted', 'denied', 'granted']);
    assert.deepEqual(visitor.pageErrors, []);
    assert.deepEqual(widgetErrors(visitor), []);
    await visitor.context.close();
  });

  it('pushes the stored choice as the page loads: an update, then the event, then the container', async () => {
    const visitor = await gtmVisitor();
    const url = suite.server.page(gtmPage());
    const first = await visitor.open(url);
    await bannerButton(first, 'Alles accepteren').click();
    await first.waitForFunction(() => window.google_tag_manager?.stub);
    const page = await visitor.open(url);
    await page.waitForFunction(() => window.google_tag_manager?.stub);
    assert.deepEqual(kinds(await layer(page)), ['consent default', 'consent update', 'ib_consent_update', 'gtm.js']);
    assert.equal(visitor.gtmRequests.length, 2, 'one per page view');
    assert.deepEqual(widgetErrors(visitor), []);
    await visitor.context.close();
  });

  it('gives the container its own tag\'s nonce under a strict CSP with Trusted Types, and waits for marketing when told', async () => {
    const visitor = await gtmVisitor();
    const nonce = 'gtm-nonce';
    const config = `<script nonce="${nonce}" type="application/json" id="ib-cookie-consent-config">{"categories":[{"id":"marketing","label":"Marketing"}]}</script>`;
    const html = gtmPage(config + core(`nonce="${nonce}"`) + addOn(`nonce="${nonce}" data-gtm-id="${GTM}" data-gtm-category="marketing"`));
    const csp = `script-src 'nonce-${nonce}'; require-trusted-types-for 'script'; trusted-types ib-cookie-consent lit-html ib-cookie-consent-gtm`;
    const page = await visitor.open(suite.server.page(html, { headers: { 'Content-Security-Policy': csp } }));
    await page.waitForFunction(() => window.ibConsent);
    await page.evaluate(() => window.ibConsent.accept(['analytics']));
    assert.deepEqual(visitor.gtmRequests, [], 'analytics is not the container category');
    const request = page.waitForRequest((request) => request.url().includes('/gtm.js'));
    await page.evaluate(() => window.ibConsent.accept(['analytics', 'marketing']));
    await request;
    assert.equal(await page.evaluate(() => document.querySelector('script[src*="/gtm.js?"]').nonce), nonce);
    await page.waitForFunction(() => window.google_tag_manager?.stub);

    const entries = await layer(page);
    const events = entries.filter((entry) => entry.event === 'ib_consent_update').map((entry) => entry.ib_consent);
    assert.deepEqual(events.at(-1), { necessary: true, analytics: true, marketing: true });
    const update = entries.filter((entry) => Array.isArray(entry) && entry[1] === 'update').at(-1)[2];
    assert.deepEqual([update.ad_storage, update.ad_user_data, update.ad_personalization, update.personalization_storage], Array(4).fill('granted'));
    assert.deepEqual(visitor.pageErrors, []);
    assert.deepEqual(widgetErrors(visitor), []);
    await visitor.context.close();
  });

  it('says which Trusted Types name to allow when the CSP lacks it, and the container stays unloaded', async () => {
    const visitor = await gtmVisitor();
    const nonce = 'tt-nonce';
    const csp = `script-src 'nonce-${nonce}' https://${GTAG_HOST}; require-trusted-types-for 'script'; trusted-types ib-cookie-consent lit-html`;
    const html = gtmPage(core(`nonce="${nonce}"`) + addOn(`nonce="${nonce}" data-gtm-id="${GTM}"`));
    const page = await visitor.open(suite.server.page(html, { headers: { 'Content-Security-Policy': csp } }));
    await page.waitForFunction(() => window.ibConsent);
    await page.evaluate(() => window.ibConsent.acceptAll());
    const errors = widgetErrors(visitor);
    assert.ok(errors.some((text) => text.includes('add ib-cookie-consent-gtm to')), errors.join('\n'));
    assert.deepEqual(visitor.gtmRequests, []);
    await visitor.context.close();
  });

  it('works the same when its tag comes before the widget\'s, or runs after the widget started', async () => {
    const orders = {
      'add-on first': addOn() + core(),
      'add-on deferred': core() + addOn(`defer data-gtm-id="${GTM}"`),
      'add-on added after start': core(),
    };
    for (const [order, head] of Object.entries(orders)) {
      const visitor = await gtmVisitor();
      const page = await visitor.open(suite.server.page(gtmPage(head)));
      await page.waitForFunction(() => window.ibConsent);
      if (order === 'add-on added after start') {
        await page.evaluate((id) => {
          const script = document.createElement('script');
          script.src = '/dist/ib-cookie-consent-gtm.js';
          script.dataset.gtmId = id;
          return new Promise((resolve) => {
            script.onload = resolve;
            document.head.append(script);
          });
        }, GTM);
      }
      assert.deepEqual(visitor.gtmRequests, [], order);
      await bannerButton(page, 'Alles accepteren').click();
      await page.waitForFunction(() => window.google_tag_manager?.stub);
      assert.deepEqual(kinds(await layer(page)), ['consent default', 'ib_consent_update', 'consent update', 'ib_consent_update', 'gtm.js'], order);
      assert.equal(visitor.gtmRequests.length, 1, order);
      assert.deepEqual(widgetErrors(visitor), [], order);
      await visitor.context.close();
    }
  });

  it('does nothing twice when its tag is on the page twice', async () => {
    const visitor = await gtmVisitor();
    const page = await visitor.open(suite.server.page(gtmPage(core() + addOn() + addOn())));
    await bannerButton(page, 'Alles accepteren').click();
    await page.waitForFunction(() => window.google_tag_manager?.stub);
    assert.deepEqual(kinds(await layer(page)), ['consent default', 'ib_consent_update', 'consent update', 'ib_consent_update', 'gtm.js']);
    assert.equal(await page.evaluate(() => document.querySelectorAll('script[src*="/gtm.js?"]').length), 1);
    assert.deepEqual(visitor.pageErrors, []);
    await visitor.context.close();
  });

  it('pushes no second, identical consent update when one was just pushed for the same decision', async () => {
    // Stands in for the widget's GA gate, which pushes its own update before the change event reaches the add-on.
    const gate = `<script>document.addEventListener('ib-consent-change', () => gtag('consent', 'update', {
      analytics_storage: ibConsent.has('analytics') ? 'granted' : 'denied', ad_storage: 'denied', ad_user_data: 'denied',
      ad_personalization: 'denied', personalization_storage: 'denied' }));</script>`;
    const visitor = await gtmVisitor();
    const page = await visitor.open(suite.server.page(gtmPage(core() + gate + addOn())));
    await bannerButton(page, 'Alles accepteren').click();
    await page.waitForFunction(() => window.google_tag_manager?.stub);
    assert.deepEqual(kinds(await layer(page)), ['consent default', 'ib_consent_update', 'consent update', 'ib_consent_update', 'gtm.js']);
    await visitor.context.close();
  });

  it('refuses a malformed container id or an unsafe URL with one error naming the fix, and loads nothing', async () => {
    const cases = {
      'data-gtm-id="UA-12345"': /data-gtm-id "UA-12345" must be a container id like GTM-/,
      'data-gtm-id="gtm-lower1"': /data-gtm-id "gtm-lower1" must be a container id like GTM-/,
      [`data-gtm-id="${GTM}" data-gtm-url="javascript:alert(1)"`]: /data-gtm-url "javascript:alert\(1\)" must be http\(s\) or relative/,
    };
    for (const [attributes, message] of Object.entries(cases)) {
      const visitor = await gtmVisitor();
      const page = await visitor.open(suite.server.page(gtmPage(core() + addOn(attributes))));
      await bannerButton(page, 'Alles accepteren').click();
      await page.waitForFunction(() => window.ibConsent.has('analytics'));
      const errors = widgetErrors(visitor);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], message);
      assert.deepEqual(visitor.gtmRequests, [], attributes);
      assert.deepEqual(visitor.foreignRequests, [], attributes);
      assert.deepEqual(kinds(await layer(page)), ['consent default'], attributes);
      assert.deepEqual(visitor.pageErrors, []);
      await visitor.context.close();
    }
  });

  it('loads from a first-party tagging server named by data-gtm-url', async () => {
    const visitor = await newVisitor(suite.browser);
    const page = await visitor.open(suite.server.page(gtmPage(core() + addOn(`data-gtm-id="${GTM}" data-gtm-url="/tagging/gtm.js"`))));
    const request = page.waitForRequest((request) => request.url().includes('/tagging/gtm.js'));
    await bannerButton(page, 'Alles accepteren').click();
    const url = new URL((await request).url());
    assert.equal(url.origin, new URL(page.url()).origin);
    assert.equal(url.searchParams.get('id'), GTM);
    assert.deepEqual(visitor.foreignRequests, []);
    await visitor.context.close();
  });

  it("says when the page still has Google's own Tag Manager snippet, which loads before consent", async () => {
    const visitor = await gtmVisitor();
    // Google's snippet, as sites paste it, left below the widget and the add-on.
    const snippet = `<script>(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});
var f=d.getElementsByTagName(s)[0],j=d.createElement(s);j.async=true;j.src='https://www.googletagmanager.com/gtm.js?id='+i;
f.parentNode.insertBefore(j,f);})(window,document,'script','dataLayer','GTM-OWN1');</script>`;
    const page = await visitor.open(suite.server.page(gtmPage(core() + addOn() + snippet)));
    await page.waitForFunction(() => window.ibConsent);
    const errors = widgetErrors(visitor);
    assert.equal(errors.filter((text) => text.includes('gtm.js?id=GTM-OWN1 loads before consent') && text.includes("remove Google's own Tag Manager snippet")).length, 1, errors.join('\n'));
    // Ours is not taken for the page's own once it loads after consent.
    await bannerButton(page, 'Alles accepteren').click();
    await page.waitForFunction(() => document.querySelectorAll('script[src*="/gtm.js"]').length === 2);
    assert.equal(widgetErrors(visitor).filter((text) => text.includes('loads before consent')).length, 1);
    await visitor.context.close();
  });

  it('says when its category is none of the widget\'s: the container never loads', async () => {
    const visitor = await gtmVisitor();
    const page = await visitor.open(suite.server.page(gtmPage(core() + addOn(`data-gtm-id="${GTM}" data-gtm-category="marketing"`))));
    await bannerButton(page, 'Alles accepteren').click();
    await page.waitForFunction(() => window.ibConsent.has('analytics'));
    const errors = widgetErrors(visitor);
    assert.equal(errors.filter((text) => /data-gtm-category "marketing" is no category of the widget \(necessary,analytics\)/.test(text)).length, 1, errors.join('\n'));
    assert.deepEqual(visitor.gtmRequests, []);
    await visitor.context.close();
  });
});
