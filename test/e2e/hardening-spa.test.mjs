/**
 * Hardening: single-page apps that replace <body> (Turbo, htmx boosts, pjax). The widget must
 * come back as the first child of the new body, one element only, with its API, its footer link
 * and its events working as before.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setUpSuite, sitePage } from './harness.mjs';
import { GA, SIDE_BY_SIDE, assertNoGtag, assertNoPageErrors, bannerButtonOf, bannerOf, dialogOf, expectBanner, gtagLoaded, settle, started, visit } from './hostile.mjs';

const suite = setUpSuite();
const FOOTER = '<footer><a href="#" data-ib-consent-open>Cookie-instellingen</a></footer>';
const NEW_BODY = `<main><h1>Volgende pagina</h1></main>${FOOTER}`;

/** Waits until the widget is the first child of <body>, and says how many there are. */
async function widgetFirstInBody(page) {
  await page.waitForFunction(() => document.body.firstElementChild?.localName === 'ib-cookie-consent');
  await settle(page);
  return page.evaluate(() => document.querySelectorAll('ib-cookie-consent').length);
}

const swaps = {
  'document.body.replaceWith(newBody) (Turbo)': (html) => {
    const body = document.createElement('body');
    body.innerHTML = html;
    document.body.replaceWith(body);
  },
  'documentElement.replaceChild(newBody, body)': (html) => {
    const body = document.createElement('body');
    body.innerHTML = html;
    document.documentElement.replaceChild(body, document.body);
  },
  'document.body.innerHTML = …': (html) => {
    document.body.innerHTML = html;
  },
  'a body parsed by DOMParser and adopted (htmx, pjax)': (html) => {
    const parsed = new DOMParser().parseFromString(`<!doctype html><body>${html}</body>`, 'text/html');
    document.body.replaceWith(document.adoptNode(parsed.body));
  },
};

describe('a single-page app replaces <body>', SIDE_BY_SIDE, () => {
  for (const [kind, swap] of Object.entries(swaps)) {
    it(`after ${kind}: the widget is first in the new body; showPreferences(), the footer link and rejectAll() events work`, async () => {
      const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
      await started(page);
      await expectBanner(page);
      await page.evaluate(swap, NEW_BODY);
      assert.equal(await widgetFirstInBody(page), 1);
      await expectBanner(page);
      await page.evaluate(() => ibConsent.showPreferences());
      await dialogOf(page).waitFor({ state: 'visible' });
      await dialogOf(page).getByRole('button', { name: 'Sluiten', exact: true }).click();
      await dialogOf(page).waitFor({ state: 'hidden' });
      await page.locator('footer [data-ib-consent-open]').click();
      await dialogOf(page).waitFor({ state: 'visible' });
      const heard = page.evaluate(
        () => new Promise((resolve) => document.addEventListener('ib-consent-change', (event) => resolve(event.detail.record.categories), { once: true })),
      );
      await page.evaluate(() => ibConsent.rejectAll());
      assert.deepEqual(await heard, ['necessary']);
      await dialogOf(page).waitFor({ state: 'hidden' });
      await bannerOf(page).waitFor({ state: 'hidden' });
      await assertNoGtag(page, visitor);
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }

  it('after a choice, a new body keeps the banner closed and the footer link shows the stored choice', async () => {
    const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
    await started(page);
    await bannerButtonOf(page, 'Alles accepteren').click();
    await gtagLoaded(page);
    await page.evaluate(swaps['document.body.replaceWith(newBody) (Turbo)'], NEW_BODY);
    assert.equal(await widgetFirstInBody(page), 1);
    assert.equal(await bannerOf(page).isVisible(), false);
    await page.locator('footer [data-ib-consent-open]').click();
    assert.equal(await dialogOf(page).getByRole('switch', { name: 'Analytisch' }).isChecked(), true);
    assert.equal(await page.locator('script[src*="gtag/js"]').count(), 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('three swaps in a row leave exactly one widget, first in the body', async () => {
    const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
    await started(page);
    for (let i = 0; i < 3; i++) {
      await page.evaluate(swaps['document.body.replaceWith(newBody) (Turbo)'], `<main>Pagina ${i}</main>${FOOTER}`);
      await settle(page);
    }
    assert.equal(await widgetFirstInBody(page), 1);
    await expectBanner(page);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('a body swapped while the dialog is open: the dialog can be opened again and used', async () => {
    const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
    await started(page);
    await page.evaluate(() => ibConsent.showPreferences());
    await dialogOf(page).waitFor({ state: 'visible' });
    await page.evaluate(swaps['document.body.replaceWith(newBody) (Turbo)'], NEW_BODY);
    assert.equal(await widgetFirstInBody(page), 1);
    await page.evaluate(() => ibConsent.showPreferences());
    await dialogOf(page).waitFor({ state: 'visible' });
    await dialogOf(page).getByRole('button', { name: 'Alles accepteren', exact: true }).click();
    await gtagLoaded(page);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('a new body holding a waiting script runs it once when analytics is granted', async () => {
    const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
    await started(page);
    await page.evaluate(() => ibConsent.acceptAll());
    await page.evaluate(
      swaps['a body parsed by DOMParser and adopted (htmx, pjax)'],
      `${NEW_BODY}<script type="text/plain" data-consent="analytics">window.viewRuns = (window.viewRuns || 0) + 1;</script>`,
    );
    await page.waitForFunction(() => window.viewRuns === 1);
    assert.equal(await widgetFirstInBody(page), 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('a new body cloned from the old one (Turbo\'s snapshot cache, restored on Back): one working widget', async () => {
    const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
    await started(page);
    await expectBanner(page);
    await page.evaluate(() => {
      const snapshot = document.body.cloneNode(true);
      document.body.replaceWith(snapshot);
    });
    assert.equal(await widgetFirstInBody(page), 1);
    await expectBanner(page);
    await bannerButtonOf(page, 'Alles accepteren').click();
    await gtagLoaded(page);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('a new body with its own server-rendered <ib-cookie-consent>: one working widget', async () => {
    const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA }, body: `<ib-cookie-consent></ib-cookie-consent>${FOOTER}` }));
    await started(page);
    await expectBanner(page);
    await page.evaluate(swaps['document.body.replaceWith(newBody) (Turbo)'], `<ib-cookie-consent></ib-cookie-consent>${NEW_BODY}`);
    assert.equal(await widgetFirstInBody(page), 1);
    await expectBanner(page);
    await bannerButtonOf(page, 'Alles weigeren').click();
    await bannerOf(page).waitFor({ state: 'hidden' });
    assert.deepEqual(await page.evaluate(() => ibConsent.get()?.categories), ['necessary']);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});
