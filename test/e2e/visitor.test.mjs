/**
 * What a visitor meets on a real page: the banner first in the keyboard order, focus after a
 * choice, nothing of the page hidden behind the bar or the floating button, forced colours, and
 * copy that reads right whatever the page's charset.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { banner, bannerButton, newVisitor, sitePage, setUpSuite } from './harness.mjs';

const suite = setUpSuite();
const GA = 'G-VISIT01';
const built = readFileSync(new URL('../../dist/ib-cookie-consent.js', import.meta.url));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** A page like inforbusiness.com's: many links, a long text, the footer link last. */
const longPage = (data = {}, head = '') =>
  sitePage({
    data: { 'ga-id': GA, ...data },
    head,
    body: `<header>${Array.from({ length: 24 }, (_, i) => `<a href="#l${i}">Link ${i}</a>`).join(' ')}</header>
      <main><h1>Inforbusiness</h1>${'<p>Tekst over domeinnamen en hosting.</p>'.repeat(40)}</main>
      <footer><a href="/privacyverklaring">Privacyverklaring</a> <a href="#" id="footer-link" data-ib-consent-open>Cookie-instellingen</a></footer>`,
  });

/** The name of the focused element, looking into the widget's shadow root. */
const focusedName = (page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    return active === document.body ? 'BODY' : active.textContent.trim() || active.tagName;
  });

/** Whether the element's centre is the topmost thing there: visible, not under the banner or button. */
const hitTest = (page, selector) =>
  page.evaluate((selector) => {
    const element = document.querySelector(selector);
    const box = element.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    return y >= 0 && y <= innerHeight && document.elementFromPoint(x, y) === element;
  }, selector);

async function visit(html, contextOptions) {
  const visitor = await newVisitor(suite.browser, contextOptions);
  return { visitor, page: await visitor.open(suite.server.page(html)) };
}

describe('order and focus', () => {
  it('puts the banner first in the page, so the first Tab reaches it, not after every link', async () => {
    const { visitor, page } = await visit(longPage());
    await banner(page).waitFor();
    assert.equal(await page.evaluate(() => document.body.firstElementChild.localName), 'ib-cookie-consent');
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'Privacyverklaring');
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'Alles accepteren');
    await visitor.context.close();
  });

  it('after a keyboard choice, moves focus to the main content and announces it, never to <body>', async () => {
    const { visitor, page } = await visit(longPage());
    await banner(page).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await focusedName(page), 'Alles weigeren');
    await page.keyboard.press('Enter');
    await banner(page).waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement.localName), 'main');
    assert.equal((await page.locator('ib-cookie-consent [role=status]').textContent()).trim(), 'Uw keuze is opgeslagen.');
    // The next Tab continues inside the content.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => !!document.activeElement.closest('main, footer')), true);
    await visitor.context.close();
  });
});

describe('nothing of the page hidden', () => {
  for (const viewport of [{ width: 375, height: 667 }, { width: 1280, height: 800 }, { width: 320, height: 568 }]) {
    it(`shows the footer link whole when focused with the bar open (${viewport.width}x${viewport.height})`, async () => {
      const { visitor, page } = await visit(longPage(), { viewport });
      await banner(page).waitFor();
      await page.waitForTimeout(50);
      await page.focus('#footer-link');
      assert.equal(await hitTest(page, '#footer-link'), true, 'the focused footer link is under the banner');
      // Also when the visitor simply scrolls to the end.
      await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
      assert.equal(await hitTest(page, '#footer-link'), true, 'the end of the page is under the banner');
      await visitor.context.close();
    });
  }

  it('keeps the floating button off the footer link at 375 px, and gives the page its padding back', async () => {
    const ownPadding = '<style>body { padding-bottom: 12px }</style>';
    const { visitor, page } = await visit(longPage({ 'floating-button': '' }, ownPadding), { viewport: { width: 375, height: 667 } });
    await bannerButton(page, 'Alles weigeren').click();
    const floating = page.locator('ib-cookie-consent [part~=floating]');
    await floating.waitFor();
    await page.waitForTimeout(50);
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    assert.equal(await hitTest(page, '#footer-link'), true, 'the floating button covers the footer link');
    await page.focus('#footer-link');
    assert.equal(await hitTest(page, '#footer-link'), true);
    await visitor.context.close();
  });

  it('gives the page back exactly its own padding once nothing covers it', async () => {
    const ownPadding = '<style>body { padding-bottom: 12px } html { scroll-padding-bottom: 5px }</style>';
    const { visitor, page } = await visit(longPage({}, ownPadding));
    await banner(page).waitFor();
    await page.waitForTimeout(50);
    const reserved = await page.evaluate(() => parseFloat(getComputedStyle(document.body).paddingBottom));
    const bannerHeight = await banner(page).evaluate((node) => node.getBoundingClientRect().height);
    assert.ok(Math.abs(reserved - 12 - bannerHeight) < 1, `reserved ${reserved}px for a ${bannerHeight}px banner`);
    await bannerButton(page, 'Alles weigeren').click();
    await banner(page).waitFor({ state: 'detached' });
    assert.deepEqual(
      await page.evaluate(() => [
        getComputedStyle(document.body).paddingBottom,
        getComputedStyle(document.documentElement).scrollPaddingBottom,
        // Inline values only: Playwright's click leaves an empty style attribute of its own.
        document.body.style.cssText,
        document.documentElement.style.cssText,
      ]),
      ['12px', '5px', '', ''],
    );
    await visitor.context.close();
  });
});

describe('forced colours (Windows high contrast)', () => {
  it('keeps a visible edge on the banner, the dialog, every button and the floating button', async () => {
    const { visitor, page } = await visit(longPage({ 'floating-button': '' }), { forcedColors: 'active' });
    assert.equal(await page.evaluate(() => matchMedia('(forced-colors: active)').matches), true);
    const edges = (selector) =>
      page.locator(selector).evaluateAll((nodes) =>
        nodes.map((node) => {
          const style = getComputedStyle(node);
          return `${node.textContent.trim().slice(0, 20)}: ${style.borderTopStyle} ${style.borderTopWidth} ${style.borderTopColor}`;
        }),
      );
    // A solid border at least 1px wide in an opaque (or nearly opaque) system colour.
    const withoutEdge = (list) => list.filter((edge) => !/solid [1-9][\d.]*px rgb(a\(\d+, \d+, \d+, 0\.[5-9]\d*\)|\()/.test(edge));
    await banner(page).waitFor();
    assert.deepEqual(withoutEdge(await edges('ib-cookie-consent section, ib-cookie-consent section button')), []);
    await bannerButton(page, 'Instellingen').click();
    assert.deepEqual(withoutEdge(await edges('ib-cookie-consent dialog, ib-cookie-consent dialog button, ib-cookie-consent [role=switch]')), []);
    await page.getByRole('button', { name: 'Alles weigeren' }).last().click();
    await page.locator('ib-cookie-consent [part~=floating]').waitFor();
    assert.deepEqual(withoutEdge(await edges('ib-cookie-consent [part~=floating]')), []);
    await visitor.context.close();
  });
});

describe('text and language', () => {
  it('is ASCII only, so no charset can garble it', () => {
    const index = built.findIndex((byte) => byte > 0x7f);
    assert.equal(index, -1, `non-ASCII byte at ${index}`);
  });

  it('reads right on a page and a script both served without a charset', async () => {
    const script = suite.server.page(built, { headers: { 'content-type': 'text/javascript' } });
    const html = `<!doctype html><html lang="nl"><head><title>Oud CMS</title>
      <script src="${new URL(script).pathname}" data-privacy-url="/p"></script></head>
      <body><main><h1>Caf\xe9</h1></main><a href="#" data-ib-consent-open>Cookies</a></body></html>`;
    const visitor = await newVisitor(suite.browser);
    const page = await visitor.open(suite.server.page(Buffer.from(html, 'latin1'), { headers: { 'content-type': 'text/html' } }));
    assert.equal(await page.evaluate(() => document.characterSet), 'windows-1252');
    await bannerButton(page, 'Instellingen').click();
    const intro = await page.locator('ib-cookie-consent dialog p').first().textContent();
    assert.match(intro, /\u201cCookie-instellingen\u201d/);
    assert.doesNotMatch(intro, /\u00e2|\u00c2/);
    await visitor.context.close();
  });

  it('says lang="en" when it shows English copy, and lang="nl" with Dutch', async () => {
    const config = `<script type="application/json" id="ib-cookie-consent-config">
      {"texts": {"nl": {"title": "Wij en cookies"}, "en": {"title": "Cookies and us", "accept": "Accept all"}}}</script>`;
    for (const [lang, title, accept] of [['nl', 'Wij en cookies', 'Alles accepteren'], ['en', 'Cookies and us', 'Accept all']]) {
      const { visitor, page } = await visit(sitePage({ data: { lang }, head: config }));
      await banner(page).waitFor();
      assert.equal(await page.locator('ib-cookie-consent').getAttribute('lang'), lang);
      assert.equal(await page.locator('ib-cookie-consent h2').first().textContent(), title);
      assert.equal(await bannerButton(page, accept).count(), 1);
      await visitor.context.close();
    }
  });

  it('speaks only English with the README\'s English block on an English page', async () => {
    const block = readme.slice(readme.indexOf('For English pages')).match(/```html\n([\s\S]*?)\n```/)[1];
    const { visitor, page } = await visit(sitePage({ head: block }).replace('<html lang="nl">', '<html lang="en">'));
    await banner(page).waitFor();
    assert.equal(await page.locator('ib-cookie-consent').getAttribute('lang'), 'en');
    await bannerButton(page, 'Settings').click();
    await page.locator('ib-cookie-consent dialog details').evaluateAll((all) => all.forEach((details) => (details.open = true)));
    const text = await page.locator('ib-cookie-consent').evaluate((host) => host.shadowRoot.textContent);
    // Words only the Dutch copy has: none may be left.
    assert.doesNotMatch(text, /\b(Alles|Instellingen|Noodzakelijk|Analytisch|Onderscheidt|jaar|dagen|Sluiten|Naam|Doel|uw)\b/);
    assert.match(text, /Tells visitors apart/);
    assert.match(text, /365 days/);
    assert.deepEqual(visitor.messages('warning').filter((message) => /texts|lacks/.test(message)), []);
    await visitor.context.close();
  });
});
