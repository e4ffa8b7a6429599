/**
 * Browsers at the bottom of the README's range, and below it, emulated in Chromium by a script
 * that removes a feature before the widget runs: the banner must still be usable, and nothing
 * may load before consent. (WebKit and Firefox themselves run in engines.test.mjs.)
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GTAG_HOST, banner, bannerButton, newVisitor, setUpSuite, sitePage, storedConsent } from './harness.mjs';

const suite = setUpSuite();
const GA = 'G-OLDER01';

/** A fresh visitor whose pages run `removeFeature` before any of their own scripts. */
async function visitWithout(removeFeature, html = sitePage({ data: { 'ga-id': GA } }), headers) {
  const visitor = await newVisitor(suite.browser);
  await visitor.context.addInitScript(removeFeature);
  const page = await visitor.open(suite.server.page(html, { headers }));
  return { visitor, page };
}

/** Computed colours of the banner, or of the dialog when `selector` says so. */
const colours = (page, selector = 'section') =>
  page.evaluate((selector) => {
    const box = document.querySelector('ib-cookie-consent').shadowRoot.querySelector(selector);
    const style = getComputedStyle(box);
    return { background: style.backgroundColor, color: style.color, position: style.position };
  }, selector);

/** Accepting still works: the cookie is written and gtag.js (stubbed) is requested only then. */
async function assertAcceptWorks(visitor, page) {
  assert.deepEqual(visitor.gtagRequests, [], 'nothing from Google before consent');
  const request = page.waitForRequest((request) => new URL(request.url()).hostname === GTAG_HOST);
  await bannerButton(page, 'Alles accepteren').click();
  await request;
  assert.deepEqual((await storedConsent(visitor.context)).categories, ['necessary', 'analytics']);
  assert.deepEqual(visitor.pageErrors, []);
}

describe('inside the browser range', () => {
  it('without light-dark() (Safari before 17.5, Firefox before 120) the banner and dialog keep a background and readable text', async () => {
    // An engine without light-dark() treats it as an unknown function, in declarations and @supports alike.
    const { visitor, page } = await visitWithout(() => {
      const replaceSync = CSSStyleSheet.prototype.replaceSync;
      CSSStyleSheet.prototype.replaceSync = function (text) {
        return replaceSync.call(this, text.replaceAll('light-dark(', 'unknown-function('));
      };
    }, sitePage({ data: { 'ga-id': GA }, head: '<meta name="color-scheme" content="dark">' }));
    await banner(page).waitFor();
    assert.deepEqual(await colours(page), { background: 'rgb(255, 255, 255)', color: 'rgb(27, 30, 35)', position: 'fixed' });
    await bannerButton(page, 'Instellingen').click();
    await page.locator('ib-cookie-consent dialog').waitFor();
    const dialog = await colours(page, 'dialog');
    assert.equal(dialog.background, 'rgb(255, 255, 255)');
    assert.equal(dialog.color, 'rgb(27, 30, 35)');
    await page.keyboard.press('Escape');
    await assertAcceptWorks(visitor, page);
    await visitor.context.close();
  });

  it('without checkVisibility (Safari before 17.4) "Instellingen" still opens the dialog', async () => {
    const { visitor, page } = await visitWithout(() => delete Element.prototype.checkVisibility);
    await bannerButton(page, 'Instellingen').click();
    await page.locator('ib-cookie-consent dialog[open]').waitFor();
    await page.keyboard.press('Escape');
    await assertAcceptWorks(visitor, page);
    await visitor.context.close();
  });

  it('without constructable stylesheets (Safari before 16.4) the banner is styled by a <style> carrying the page nonce, under a strict CSP', async () => {
    const nonce = 'older-browser-nonce';
    const html = sitePage({ data: { 'ga-id': GA } }).replace('<script src=', `<script nonce="${nonce}" src=`);
    const { visitor, page } = await visitWithout(
      () => {
        window.CSSStyleSheet = function CSSStyleSheet() {
          throw new TypeError('Illegal constructor');
        };
      },
      html,
      { 'Content-Security-Policy': `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; require-trusted-types-for 'script'` },
    );
    await banner(page).waitFor();
    assert.equal((await colours(page)).position, 'fixed', 'the stylesheet applies');
    assert.equal(
      await page.evaluate(() => document.querySelector('ib-cookie-consent').shadowRoot.querySelector('style')?.nonce),
      nonce,
    );
    assert.ok(!visitor.messages('error').some((text) => /Content Security Policy/i.test(text)), visitor.messages('error').join('\n'));
    await assertAcceptWorks(visitor, page);
    await visitor.context.close();
  });
});

describe('below the browser range', () => {
  it('without custom elements the widget says what is missing, throws nothing into the page and grants nothing', async () => {
    const { visitor, page } = await visitWithout(() => delete window.customElements);
    await page.waitForFunction(() => document.readyState === 'complete');
    assert.ok(visitor.messages('error').some((text) => /Could not start.*customElements/.test(text)), visitor.messages('error').join('\n'));
    assert.deepEqual(visitor.pageErrors, []);
    assert.deepEqual(visitor.gtagRequests, []);
    // The Consent Mode defaults went out before anything else: Google tags on the page stay denied.
    const defaults = await page.evaluate(() => JSON.parse(JSON.stringify(Array.from(window.dataLayer[0]))));
    assert.equal(defaults[2].analytics_storage, 'denied');
    assert.equal(await storedConsent(visitor.context), undefined);
    await visitor.context.close();
  });
});
