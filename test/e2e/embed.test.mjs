import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { banner, bannerButton, dataLayer, newVisitor, sitePage, setUpSuite, storedConsent } from './harness.mjs';

const GA = 'G-EMBED42';
const suite = setUpSuite();

async function visit(html, options) {
  const visitor = await newVisitor(suite.browser);
  const page = await visitor.open(suite.server.page(html, options));
  return { visitor, page };
}

describe('embedding', () => {
  it('appends one <ib-cookie-consent> to a page that has none', async () => {
    const { visitor, page } = await visit(sitePage({ data: { 'ga-id': GA } }));
    assert.equal(await page.locator('body > ib-cookie-consent').count(), 1);
    await visitor.context.close();
  });

  it('included twice (and a page element): one element, one banner, one gtag.js, no error', async () => {
    const twice = sitePage({
      data: { 'ga-id': GA },
      head: `<script src="/dist/ib-cookie-consent.js" defer data-ga-id="${GA}"></script>`,
      body: '<ib-cookie-consent></ib-cookie-consent><a href="#" data-ib-consent-open>Cookies</a>',
    });
    const { visitor, page } = await visit(twice);
    assert.equal(await page.locator('ib-cookie-consent').count(), 1);
    assert.equal(await page.locator('ib-cookie-consent section:visible').count(), 1);
    await bannerButton(page, 'Alles accepteren').click();
    await page.waitForFunction(() => window.gtagStubLoads === 1);
    assert.equal(await page.locator('script[src*="gtag/js"]').count(), 1);
    assert.equal(visitor.gtagRequests.length, 1);
    assert.deepEqual(visitor.pageErrors, []);
    assert.deepEqual(visitor.messages('error'), []);
    await visitor.context.close();
  });

  it('works from <head> without defer, waiting for <body>', async () => {
    const html = `<!doctype html><html lang="nl"><head><script src="/dist/ib-cookie-consent.js" data-ga-id="${GA}" data-privacy-url="/p"></script></head>
      <body><a href="#" data-ib-consent-open>Cookies</a></body></html>`;
    const { visitor, page } = await visit(html);
    await banner(page).waitFor();
    assert.deepEqual(visitor.pageErrors, []);
    await visitor.context.close();
  });

  it('lets data-* win over the JSON block, and the element set only its look', async () => {
    const html = sitePage({
      data: { 'ga-id': 'G-FROMDATA', 'privacy-url': '/from-data', revision: 3, theme: 'light' },
      head: `<script type="application/json" id="ib-cookie-consent-config">
        {"gaId": "G-FROMJSON", "privacyUrl": "/from-json", "revision": 7, "cookieDays": 30,
         "categories": [{"id": "marketing", "label": "Marketing", "description": "Advertenties"}]}</script>`,
      body: '<ib-cookie-consent ga-id="G-FROMELEMENT" theme="dark"></ib-cookie-consent><a href="#" data-ib-consent-open>x</a>',
    });
    const { visitor, page } = await visit(html);
    assert.equal(await page.locator('ib-cookie-consent section a').getAttribute('href'), '/from-data');
    assert.equal(await page.locator('ib-cookie-consent').getAttribute('theme'), 'dark');
    const request = page.waitForRequest((r) => r.url().includes('/gtag/js'));
    await page.evaluate(() => ibConsent.acceptAll());
    assert.match((await request).url(), /id=G-FROMDATA/);
    const stored = await storedConsent(visitor.context);
    assert.equal(stored.revision, 3);
    assert.deepEqual(stored.categories, ['necessary', 'analytics', 'marketing']);
    const cookie = (await visitor.context.cookies()).find(({ name }) => name === 'ib_consent');
    assert.ok(Math.abs(cookie.expires * 1000 - Date.now() - 30 * 864e5) < 60e3, 'cookie-days from JSON');
    await visitor.context.close();
  });

  it('reports a broken JSON block and still works', async () => {
    const html = sitePage({ data: { 'ga-id': GA }, head: '<script type="application/json" id="ib-cookie-consent-config">{oops</script>' });
    const { visitor, page } = await visit(html);
    await banner(page).waitFor();
    assert.match(visitor.messages('error').join(), /ib-cookie-consent-config/);
    await visitor.context.close();
  });

  it('names a bad GA id in one console error and never loads GA', async () => {
    const { visitor, page } = await visit(sitePage({ data: { 'ga-id': 'UA-1234-5' } }));
    await bannerButton(page, 'Alles accepteren').click();
    await page.waitForTimeout(200);
    const errors = visitor.messages('error');
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^\[ib-cookie-consent\] .*"UA-1234-5".*G-/);
    assert.deepEqual(visitor.gtagRequests, []);
    // The Consent Mode defaults still stand, for any Google tag the page may have.
    assert.deepEqual((await dataLayer(page)).map((command) => command.slice(0, 2)), [['consent', 'default']]);
    await visitor.context.close();
  });

  it('warns once about a missing privacy URL and shows no link', async () => {
    const { visitor, page } = await visit(sitePage({ data: { 'ga-id': GA, 'privacy-url': undefined } }));
    await banner(page).waitFor();
    assert.equal(await page.locator('ib-cookie-consent section a').count(), 0);
    const warnings = visitor.messages('warning');
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /privacy-url/);
    await visitor.context.close();
  });

  it('refuses a javascript: privacy URL', async () => {
    const { visitor, page } = await visit(sitePage({ data: { 'privacy-url': 'javascript:alert(1)' } }));
    await banner(page).waitFor();
    assert.equal(await page.locator('ib-cookie-consent section a').count(), 0);
    assert.match(visitor.messages('error').join(), /privacyUrl "javascript:alert\(1\)" must be http\(s\) or relative/);
    await visitor.context.close();
  });

  it('renders configured texts as text, never as HTML', async () => {
    const html = sitePage({
      head: `<script type="application/json" id="ib-cookie-consent-config">{"texts": {"title": "<img src=x onerror=window.pwned=1>"}}</script>`,
    });
    const { visitor, page } = await visit(html);
    await banner(page).waitFor();
    assert.equal(await page.locator('ib-cookie-consent section h2').textContent(), '<img src=x onerror=window.pwned=1>');
    assert.equal(await page.locator('ib-cookie-consent img').count(), 0);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    await visitor.context.close();
  });

  it('warns when visitors would have no way to withdraw consent', async () => {
    const { visitor, page } = await visit(sitePage({ body: '<main>no footer link</main>' }));
    await banner(page).waitFor();
    assert.match(visitor.messages('warning').join(), /data-ib-consent-open/);
    await visitor.context.close();
  });

  it('speaks English on an English page that gives English copy, and Dutch (lang=nl) otherwise', async () => {
    const english = `<script type="application/json" id="ib-cookie-consent-config">
      {"texts": {"en": {"title": "Cookies on this website", "accept": "Accept all", "reject": "Reject all"}}}</script>`;
    const withCopy = await visit(sitePage({ head: english }).replace('<html lang="nl">', '<html lang="en">'));
    assert.equal(await bannerButton(withCopy.page, 'Reject all').isVisible(), true);
    assert.equal(await withCopy.page.locator('ib-cookie-consent').getAttribute('lang'), 'en');
    await withCopy.visitor.context.close();
    const without = await visit(sitePage().replace('<html lang="nl">', '<html lang="en">'));
    assert.equal(await bannerButton(without.page, 'Alles weigeren').isVisible(), true);
    assert.equal(await without.page.locator('ib-cookie-consent').getAttribute('lang'), 'nl');
    await without.visitor.context.close();
  });

  it('shows the floating button from data-floating-button once a choice is made', async () => {
    const { visitor, page } = await visit(sitePage({ data: { 'floating-button': '' }, body: '<main></main>' }));
    await bannerButton(page, 'Alles weigeren').click();
    await page.locator('ib-cookie-consent').getByRole('button', { name: 'Cookie-instellingen' }).click();
    assert.equal(await page.getByRole('dialog', { name: 'Cookie-instellingen' }).isVisible(), true);
    assert.doesNotMatch(visitor.messages('warning').join(), /data-ib-consent-open/);
    await visitor.context.close();
  });

  it('lets the page scroll and stay usable behind the first layer', async () => {
    const { visitor, page } = await visit(sitePage({ body: '<main style="height:3000px"><a href="#" data-ib-consent-open>x</a></main>' }));
    await banner(page).waitFor();
    await page.mouse.wheel(0, 800);
    await page.waitForFunction(() => scrollY > 0);
    assert.equal(await page.evaluate(() => document.documentElement.inert || document.body.inert), false);
    await visitor.context.close();
  });

  it('shifts no layout: CLS stays 0 while the banner comes and goes', async () => {
    const { visitor, page } = await visit(sitePage({ body: '<main><p>Tekst</p><a href="#" data-ib-consent-open>x</a></main>' }));
    await page.evaluate(() => {
      window.layoutShift = 0;
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => (window.layoutShift += entry.value)))
        .observe({ type: 'layout-shift', buffered: true });
    });
    await bannerButton(page, 'Alles weigeren').click();
    await page.evaluate(() => ibConsent.showBanner());
    await page.waitForTimeout(300);
    assert.equal(await page.evaluate(() => window.layoutShift), 0);
    await visitor.context.close();
  });
});

describe('data-ib-consent-open', () => {
  it('opens the preferences from a footer link by keyboard, and Escape returns focus to it', async () => {
    const { visitor, page } = await visit(sitePage({ body: '<footer><a href="#" data-ib-consent-open>Cookie-instellingen</a></footer>' }));
    await page.getByRole('link', { name: 'Cookie-instellingen' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Cookie-instellingen' });
    assert.equal(await dialog.isVisible(), true);
    assert.equal(await page.evaluate(() => location.hash), '');
    await page.keyboard.press('Escape');
    assert.equal(await dialog.isHidden(), true);
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Cookie-instellingen');
    await visitor.context.close();
  });

  it('shows the stored choice when reopened from the link', async () => {
    const { visitor, page } = await visit(sitePage({ data: { 'ga-id': GA } }));
    await bannerButton(page, 'Alles accepteren').click();
    await page.locator('[data-ib-consent-open]').click();
    const analytics = page.getByRole('switch', { name: 'Analytisch' });
    assert.equal(await analytics.isChecked(), true);
    await analytics.press('Space');
    await page.getByRole('button', { name: 'Keuze opslaan' }).click();
    assert.deepEqual((await storedConsent(visitor.context)).categories, ['necessary']);
    await visitor.context.close();
  });
});
