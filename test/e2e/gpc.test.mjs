/**
 * Global Privacy Control on the built file: a browser that sends the signal has already said no.
 * Chromium does not send it, so an init script defines `navigator.globalPrivacyControl` as the
 * browsers that do (Firefox, Brave, DuckDuckGo) expose it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dutch } from '../../dist/esm/copy.js';
import { banner, bannerButton, newVisitor, setUpSuite, sitePage, storedConsent } from './harness.mjs';

const suite = setUpSuite();
const GA = 'G-GPC0001';

const sendSignal = () => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true, configurable: true });
const dialog = (page) => page.locator('ib-cookie-consent dialog');

async function visit({ signal = true, data = {}, visitor } = {}) {
  visitor ??= await newVisitor(suite.browser);
  if (signal) await visitor.context.addInitScript(sendSignal);
  const page = await visitor.open(suite.server.page(sitePage({ data: { 'ga-id': GA, ...data } })));
  // Whatever the widget does at start has been done once it has rendered.
  await page.waitForFunction(() => window.ibConsent);
  await page.locator('ib-cookie-consent').evaluate((element) => element.updateComplete);
  return { visitor, page };
}

describe('Global Privacy Control', () => {
  it('a visitor whose browser sends the signal sees no banner, and their refusal is recorded with source "gpc"; nothing goes to Google', async () => {
    const { visitor, page } = await visit();
    assert.equal(await page.evaluate(() => navigator.globalPrivacyControl), true);
    assert.equal(await banner(page).count(), 0);
    const record = await page.evaluate(() => ibConsent.get());
    assert.equal(record?.source, 'gpc');
    assert.deepEqual(record.categories, ['necessary']);
    assert.deepEqual((await storedConsent(visitor.context)).source, 'gpc');
    assert.equal(await page.evaluate(() => ibConsent.has('analytics')), false);
    await page.waitForTimeout(300);
    assert.deepEqual(visitor.gtagRequests, []);
    assert.deepEqual(visitor.foreignRequests, []);
    await visitor.context.close();
  });

  it('the preferences say the signal was honoured, and opting in there loads Google Analytics', async () => {
    const { visitor, page } = await visit();
    await page.locator('[data-ib-consent-open]').click();
    await dialog(page).waitFor();
    assert.ok((await dialog(page).innerText()).includes(dutch.privacySignal));
    await dialog(page).getByRole('switch', { name: 'Analytisch' }).check();
    const gtag = page.waitForRequest((request) => request.url().includes('/gtag/js'));
    await dialog(page).getByRole('button', { name: 'Keuze opslaan' }).click();
    await gtag;
    const record = await page.evaluate(() => ibConsent.get());
    assert.deepEqual(record.categories, ['necessary', 'analytics']);
    assert.equal(record.source, 'preferences');
    assert.equal(visitor.gtagRequests.length, 1);
    await visitor.context.close();
  });

  it('without the signal the dialog does not speak of it', async () => {
    const { visitor, page } = await visit({ signal: false });
    await page.locator('[data-ib-consent-open]').click();
    await dialog(page).waitFor();
    assert.ok(!(await dialog(page).innerText()).includes(dutch.privacySignal));
    await visitor.context.close();
  });

  it('gpc="ask" shows the banner as usual, with the sentence about the signal, and records nothing before a choice', async () => {
    const { visitor, page } = await visit({ data: { gpc: 'ask' } });
    await banner(page).waitFor();
    assert.ok((await banner(page).innerText()).includes(dutch.privacySignal));
    assert.equal(await page.evaluate(() => ibConsent.get()), null);
    assert.equal(await storedConsent(visitor.context), undefined);
    await bannerButton(page, 'Alles accepteren').click();
    assert.equal((await storedConsent(visitor.context)).source, 'banner');
    await visitor.context.close();
  });

  it('never overrides a stored explicit choice: a visitor who accepted keeps analytics when the browser starts sending the signal', async () => {
    const { visitor, page } = await visit({ signal: false });
    await bannerButton(page, 'Alles accepteren').click();
    const accepted = await storedConsent(visitor.context);
    assert.equal(accepted.source, 'banner');
    await page.close();
    // The same visitor, now with the signal on.
    const { page: next } = await visit({ visitor });
    assert.equal(await next.evaluate(() => navigator.globalPrivacyControl), true);
    assert.equal(await banner(next).count(), 0);
    const record = await next.evaluate(() => ibConsent.get());
    assert.deepEqual(record, accepted);
    await next.waitForFunction(() => window.gtagStubLoads === 1);
    // The cookie is not rewritten on this page view either.
    assert.deepEqual(await storedConsent(visitor.context), accepted);
    await visitor.context.close();
  });
});
