/**
 * Hardening: odd and hostile host pages. DOM clobbering, a strange window.dataLayer, cookies
 * that throw, a module script, Trusted Types, two copies, a site that took the tag name, RTL,
 * hostile CSS, a legacy charset, a second Lit. Whatever the page does, the banner shows (or the
 * widget says why not), the API answers, and nothing throws into the page.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { dataLayer, setUpSuite, sitePage } from './harness.mjs';
import {
  GA,
  SIDE_BY_SIDE,
  assertNoGtag,
  assertNoPageErrors,
  bannerButtonOf,
  dialogOf,
  expectBanner,
  expectNoBanner,
  gtagLoaded,
  nextPageView,
  ours,
  settle,
  started,
  visit,
  widget,
} from './hostile.mjs';

const suite = setUpSuite();
const FOOTER = '<footer><a href="#" data-ib-consent-open>Cookie-instellingen</a></footer>';
const site = (options = {}) => sitePage({ ...options, data: { 'ga-id': GA, ...options.data } });

/** The API answers with the right types and the Consent Mode default was pushed into a real array. */
async function assertApiAndDefaults(page) {
  const state = await page.evaluate(() => ({
    methods: ['get', 'has', 'accept', 'acceptAll', 'rejectAll', 'reset', 'showBanner', 'showPreferences', 'whenGranted', 'debug'].every(
      (name) => typeof window.ibConsent?.[name] === 'function',
    ),
    has: [ibConsent.has('necessary'), ibConsent.has('analytics')],
    isArray: Array.isArray(window.dataLayer),
  }));
  assert.deepEqual(state, { methods: true, has: [true, false], isArray: true });
  const commands = await dataLayer(page);
  assert.ok(commands.some(([name, action]) => name === 'consent' && action === 'default'), JSON.stringify(commands));
}

describe('DOM clobbering', SIDE_BY_SIDE, () => {
  const clobbers = {
    '<a id="ibConsent">': ['<a id="ibConsent" href="#">x</a>', false],
    '<form name="ibConsent">': ['<form name="ibConsent"><input name="get"><input name="has"></form>', false],
    'two <a id="ibConsent"> (an HTMLCollection)': ['<a id="ibConsent" href="#">x</a><a id="ibConsent" name="acceptAll" href="#">y</a>', false],
    // document.currentScript itself: the widget would read its options from the attacker's img.
    '<img name="currentScript"> carrying data-gtag-url and data-ga-id of its own': [
      '<img name="currentScript" alt="" data-gtag-url="https://evil.example/x.js" data-ga-id="G-EVIL1" data-cookie-domain="example">',
      false,
    ],
    '<div id="dataLayer">': ['<div id="dataLayer"></div>', true],
    '<form name="dataLayer"> with an input named push': ['<form name="dataLayer"><input name="push"></form>', true],
    '<iframe name="dataLayer">': ['<iframe name="dataLayer" srcdoc="x"></iframe>', true],
    '<img name="gtag">': ['<img name="gtag" alt="">', false],
    'all of them at once': ['<a id="ibConsent" href="#">x</a><div id="dataLayer"></div><img name="gtag" alt=""><form name="ibConsent"></form>', true],
  };
  for (const [kind, [markup, dataLayerClobbered]] of Object.entries(clobbers)) {
    it(`${kind} in the page does not stop the widget`, async () => {
      const { visitor, page } = await visit(suite, site({ body: `<main>${markup}</main>${FOOTER}` }));
      await started(page);
      await expectBanner(page);
      await assertApiAndDefaults(page);
      const errors = ours(visitor, 'error');
      if (dataLayerClobbered) assert.ok(errors.some((text) => text.includes('dataLayer')), errors.join('\n'));
      else assert.deepEqual(errors, []);
      await bannerButtonOf(page, 'Alles accepteren').click();
      await gtagLoaded(page);
      assert.equal(await page.evaluate(() => ibConsent.has('analytics')), true);
      const commands = (await dataLayer(page)).map(([name, action]) => `${name} ${name === 'js' ? '' : action}`.trim());
      assert.deepEqual(commands, ['consent default', 'consent update', 'js', `config ${GA}`]);
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }
});

describe('a window.dataLayer the site set up oddly', SIDE_BY_SIDE, () => {
  const layers = {
    'an object': ['window.dataLayer = { event: "site" };', true],
    'a frozen array': ['window.dataLayer = Object.freeze([{ event: "site" }]);', true],
    '[null]': ['window.dataLayer = [null];', false],
    'a string': ['window.dataLayer = "dataLayer";', true],
    'a number': ['window.dataLayer = 5;', true],
    'an array whose push throws': ['window.dataLayer = []; window.dataLayer.push = () => { throw new Error("site push"); };', undefined],
    'a read-only property (writable: false)': ['Object.defineProperty(window, "dataLayer", { value: "locked", writable: false });', true],
    'a getter that throws': ['Object.defineProperty(window, "dataLayer", { get() { throw new Error("no"); }, configurable: true });', undefined],
  };
  for (const [kind, [setup, reported]] of Object.entries(layers)) {
    it(`dataLayer preset to ${kind}: banner, API, gtag.js after accepting, no page error`, async () => {
      const { visitor, page } = await visit(suite, site({ head: `<script>${setup}</script>`, body: FOOTER }));
      await started(page);
      await expectBanner(page);
      assert.deepEqual(await page.evaluate(() => [ibConsent.has('necessary'), ibConsent.has('analytics')]), [true, false]);
      if (reported) assert.ok(ours(visitor, 'error').some((text) => text.includes('dataLayer')), ours(visitor).join('\n'));
      await assertNoGtag(page, visitor, 0);
      await bannerButtonOf(page, 'Alles accepteren').click();
      await gtagLoaded(page);
      assert.equal(await page.evaluate(() => ibConsent.has('analytics')), true);
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }

  it('keeps what a frozen dataLayer held, in front of the consent default', async () => {
    const { visitor, page } = await visit(suite, site({ head: '<script>window.dataLayer = Object.freeze([{ event: "site" }]);</script>', body: FOOTER }));
    await started(page);
    const layer = await page.evaluate(() => [Array.isArray(dataLayer), Object.isFrozen(dataLayer), dataLayer[0]?.event, Array.from(dataLayer[1] ?? []).slice(0, 2)]);
    assert.deepEqual(layer, [true, false, 'site', ['consent', 'default']]);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('uses its own gtag() when the site defines one that throws', async () => {
    const { visitor, page } = await visit(suite, site({ head: '<script>window.gtag = () => { throw new Error("site gtag"); };</script>', body: FOOTER }));
    await started(page);
    await expectBanner(page);
    await page.evaluate(() => ibConsent.acceptAll());
    await gtagLoaded(page);
    const commands = (await dataLayer(page)).map(([name]) => name);
    assert.deepEqual(commands, ['consent', 'consent', 'js', 'config']);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});

describe('cookies that throw', SIDE_BY_SIDE, () => {
  async function assertChoiceLastsForThePage(visitor, page) {
    await started(page);
    await expectBanner(page);
    const types = await page.evaluate(() => [ibConsent.has('analytics'), ibConsent.has('necessary'), ibConsent.has('nope'), ibConsent.get()].map((v) => (v === null ? 'null' : typeof v)));
    assert.deepEqual(types, ['boolean', 'boolean', 'boolean', 'null']);
    await assertNoGtag(page, visitor, 0);
    await bannerButtonOf(page, 'Alles accepteren').click();
    await gtagLoaded(page);
    await expectNoBanner(page);
    assert.deepEqual(await page.evaluate(() => [ibConsent.has('analytics'), ibConsent.get()?.categories]), [true, ['necessary', 'analytics']]);
    assert.ok(ours(visitor, 'error').some((text) => /cookie/i.test(text)), ours(visitor).join('\n'));
    await page.evaluate(() => ibConsent.rejectAll());
    assert.deepEqual(await page.evaluate((id) => [ibConsent.has('analytics'), window[`ga-disable-${id}`]], GA), [false, true]);
    assertNoPageErrors(visitor);
  }

  it('in a sandboxed page (CSP sandbox allow-scripts, opaque origin): banner, API, the choice lasts for the page', async () => {
    const { visitor, page } = await visit(suite, site({ body: FOOTER }), { headers: { 'content-security-policy': 'sandbox allow-scripts' } });
    assert.equal(await page.evaluate(() => origin), 'null');
    await assertChoiceLastsForThePage(visitor, page);
    await visitor.context.close();
  });

  it('when document.cookie throws (privacy settings): banner, API, the choice lasts for the page', async () => {
    const init = () => {
      const refuse = () => {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      };
      Object.defineProperty(Document.prototype, 'cookie', { get: refuse, set: refuse, configurable: true });
    };
    const { visitor, page } = await visit(suite, site({ body: FOOTER }), { init });
    await assertChoiceLastsForThePage(visitor, page);
    await visitor.context.close();
  });
});

describe('how the script is included', SIDE_BY_SIDE, () => {
  it('loaded as type="module": a console error that a classic script is needed, no crash', async () => {
    const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8">
      <script type="module" src="/dist/ib-cookie-consent.js" data-ga-id="${GA}" data-privacy-url="/p"></script></head><body>${FOOTER}</body></html>`;
    const { visitor, page } = await visit(suite, html);
    await page.waitForLoadState('load');
    await settle(page);
    assert.ok(ours(visitor, 'error').some((text) => /classic|type="?module/.test(text)), ours(visitor).join('\n'));
    await assertNoGtag(page, visitor);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('included twice with different options: one element, one ready event, no page error', async () => {
    const html = site({ head: '<script src="/dist/ib-cookie-consent.js" defer data-ga-id="G-SECOND2" data-layout="box"></script>', body: FOOTER });
    const { visitor, page } = await visit(suite, html);
    await started(page);
    await expectBanner(page);
    assert.equal(await widget(page).count(), 1);
    await bannerButtonOf(page, 'Alles accepteren').click();
    await gtagLoaded(page);
    await settle(page);
    assert.equal(visitor.gtagRequests.length, 1);
    assert.equal(await page.evaluate(() => window.__ib.ready), 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('added a second time by a tag manager after load: one element, no page error', async () => {
    const { visitor, page } = await visit(suite, site({ body: FOOTER }));
    await started(page);
    await page.evaluate(
      () =>
        new Promise((resolve) => {
          const again = document.createElement('script');
          again.src = '/dist/ib-cookie-consent.js?again';
          again.dataset.gaId = 'G-SECOND2';
          again.onload = resolve;
          document.head.append(again);
        }),
    );
    await settle(page);
    assert.equal(await widget(page).count(), 1);
    await expectBanner(page);
    await page.evaluate(() => ibConsent.acceptAll());
    await gtagLoaded(page);
    assert.match(visitor.gtagRequests.join(), new RegExp(GA));
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  for (const [kind, body] of [
    ['before the widget', FOOTER],
    ['with an <ib-cookie-consent> already in the page', `<ib-cookie-consent></ib-cookie-consent>${FOOTER}`],
  ]) {
    it(`a site-defined custom element ib-cookie-consent (${kind}): nothing starts, nothing is granted, one console error names it`, async () => {
      const head = '<script>customElements.define("ib-cookie-consent", class extends HTMLElement { connectedCallback() { this.textContent = "site widget"; } });</script>';
      const stored = JSON.stringify({ categories: ['necessary', 'analytics'], revision: 1, consentId: 'kept-1', givenAt: new Date().toISOString(), updatedAt: new Date().toISOString() });
      const { visitor, page } = await visit(suite, site({ head, body }));
      await page.evaluate((value) => (document.cookie = `ib_consent=${encodeURIComponent(value)}; path=/`), stored);
      await page.reload();
      await page.waitForFunction(() => document.readyState === 'complete');
      assert.ok(ours(visitor, 'error').some((text) => /Could not start: another script defined <ib-cookie-consent>: remove it/.test(text)), ours(visitor).join('\n'));
      assert.equal(await page.evaluate(() => window.ibConsent), undefined);
      assert.deepEqual(visitor.gtagRequests, [], 'a stored grant is not acted on by a widget that did not start');
      assert.match(decodeURIComponent((await visitor.context.cookies()).find(({ name }) => name === 'ib_consent').value), /kept-1/, 'the stored choice stays');
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }
});

describe('Trusted Types', SIDE_BY_SIDE, () => {
  const nonce = 'tTn0nce42';
  const gated = `<script type="text/plain" data-consent="analytics" nonce="${nonce}">window.gatedInlineRuns = (window.gatedInlineRuns || 0) + 1;</script>
    <script type="text/plain" data-consent="analytics" nonce="${nonce}" src="/test/fixtures/gated.js"></script>`;
  const page = (scriptAttributes = '') => `<!doctype html><html lang="nl"><head><meta charset="utf-8">
    <script src="/dist/ib-cookie-consent.js" defer data-ga-id="${GA}" data-privacy-url="/p" ${scriptAttributes}></script></head>
    <body>${FOOTER}${gated}</body></html>`;
  const watchViolations = () => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  };

  for (const [kind, csp, attributes] of [
    ['with a nonce script-src', `require-trusted-types-for 'script'; trusted-types ib-cookie-consent lit-html; script-src 'nonce-${nonce}'; object-src 'none'`, `nonce="${nonce}"`],
    ['without script-src', "require-trusted-types-for 'script'; trusted-types ib-cookie-consent lit-html", `nonce="${nonce}"`],
  ]) {
    it(`require-trusted-types-for 'script' ${kind}: accepting loads gtag.js and gated scripts; the next view loads gtag.js; no errors`, async () => {
      const { visitor, page: first, url } = await visit(suite, page(attributes), { headers: { 'content-security-policy': csp }, init: watchViolations });
      await started(first);
      await expectBanner(first);
      await bannerButtonOf(first, 'Alles accepteren').click();
      await first.waitForFunction(() => window.gtagStubLoads === 1 && window.gatedInlineRuns === 1 && window.gatedSrcRuns === 1);
      assert.deepEqual(await first.evaluate(() => window.violations), []);
      const next = await nextPageView(visitor, url);
      await expectNoBanner(next);
      await next.waitForFunction(() => window.gtagStubLoads === 1 && window.gatedInlineRuns === 1 && window.gatedSrcRuns === 1);
      assert.deepEqual(await next.evaluate(() => window.violations), []);
      assert.deepEqual(ours(visitor, 'error'), []);
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }

  it('a Trusted Types CSP that does not allow the ib-cookie-consent policy: a console error naming it, banner and choice still work', async () => {
    const csp = "require-trusted-types-for 'script'; trusted-types lit-html";
    const { visitor, page: first, url } = await visit(suite, page(), { headers: { 'content-security-policy': csp } });
    await started(first);
    await expectBanner(first);
    await bannerButtonOf(first, 'Alles accepteren').click();
    await expectNoBanner(first);
    assert.equal(await first.evaluate(() => ibConsent.has('analytics')), true);
    assert.ok(ours(visitor, 'error').some((text) => /trusted.types/i.test(text) && text.includes('ib-cookie-consent')), ours(visitor).join('\n'));
    const next = await nextPageView(visitor, url);
    await expectNoBanner(next);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});

describe('layout, direction, CSS and charset of the host page', SIDE_BY_SIDE, () => {
  it('on a dir="rtl" page: the banner shows inside the viewport and works', async () => {
    const html = site({ body: FOOTER }).replace('<html lang="nl">', '<html lang="nl" dir="rtl">');
    const { visitor, page } = await visit(suite, html);
    await started(page);
    await expectBanner(page);
    const viewport = page.viewportSize();
    for (const name of ['Alles accepteren', 'Alles weigeren', 'Instellingen']) {
      const box = await bannerButtonOf(page, name).boundingBox();
      assert.ok(box.x >= 0 && box.x + box.width <= viewport.width && box.y + box.height <= viewport.height, `${name} ${JSON.stringify(box)}`);
    }
    await bannerButtonOf(page, 'Alles weigeren').click();
    await expectNoBanner(page);
    await assertNoGtag(page, visitor);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  const hostileCss = {
    'button { visibility: hidden }': 'button { visibility: hidden !important; }',
    'section { display: none }': 'section { display: none !important; }',
    'dialog { display: none }': 'dialog { display: none !important; }',
    'input { display: none }': 'input { display: none !important; }',
    'div, p, h2 { display: none }': 'div, p, h2, h3 { display: none !important; }',
    'all of them, with opacity 0': 'section, dialog, button, input, div, p, h2 { display: none !important; visibility: hidden !important; opacity: 0 !important; }',
  };
  for (const [kind, css] of Object.entries(hostileCss)) {
    it(`page CSS "${kind}" does not reach the banner or the dialog (shadow DOM)`, async () => {
      const { visitor, page } = await visit(suite, site({ head: `<style>${css}</style>`, body: FOOTER }));
      await started(page);
      await expectBanner(page);
      await bannerButtonOf(page, 'Instellingen').click();
      const dialog = dialogOf(page);
      await dialog.waitFor({ state: 'visible' });
      const analytics = dialog.getByRole('switch', { name: 'Analytisch' });
      assert.equal(await analytics.isVisible(), true);
      await analytics.check();
      await dialog.getByRole('button', { name: 'Keuze opslaan', exact: true }).click();
      await gtagLoaded(page);
      assert.equal(ours(visitor, 'warning').filter((text) => /CSS/.test(text)).length, 0, 'warned that CSS hides the reject button');
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }

  it('page CSS "ib-cookie-consent { display: none }" (the site\'s own choice): no errors, the API still works', async () => {
    const { visitor, page } = await visit(suite, site({ head: '<style>ib-cookie-consent { display: none }</style>', body: FOOTER }));
    await started(page);
    await settle(page);
    await page.evaluate(() => ibConsent.acceptAll());
    await gtagLoaded(page);
    assert.equal(await page.evaluate(() => ibConsent.has('analytics')), true);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('with html { font-size: 300% }: the banner shows and its buttons can be used', async () => {
    const { visitor, page } = await visit(suite, site({ head: '<style>html { font-size: 300% }</style>', body: `<main style="height:3000px">Tekst</main>${FOOTER}` }));
    await started(page);
    await expectBanner(page);
    await bannerButtonOf(page, 'Alles weigeren').click();
    await expectNoBanner(page);
    await page.evaluate(() => ibConsent.showBanner());
    await bannerButtonOf(page, 'Alles accepteren').click();
    await gtagLoaded(page);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('on a windows-1252 page, even with the script served without a charset, the copy reads the same as on a UTF-8 page', async () => {
    // The dialog holds most of the copy; it is built when first opened.
    const text = async (page) => {
      await page.evaluate(() => ibConsent.showPreferences());
      return page.locator('ib-cookie-consent dialog[open]').textContent();
    };
    const utf8 = await visit(suite, site({ body: FOOTER }));
    await started(utf8.page);
    const expected = await text(utf8.page);
    assert.match(expected, /\u201cCookie-instellingen\u201d/);
    await utf8.visitor.context.close();

    const legacy = site({ body: FOOTER }).replace('<meta charset="utf-8">', '<meta charset="windows-1252">');
    for (const servedWithCharset of [true, false]) {
      const { visitor, page } = await visit(suite, legacy, {
        headers: { 'content-type': 'text/html; charset=windows-1252' },
        before: async ({ context }) => {
          if (servedWithCharset) return;
          const script = await readFile(new URL('../../dist/ib-cookie-consent.js', import.meta.url));
          await context.route('**/dist/ib-cookie-consent.js', (route) => route.fulfill({ body: script, contentType: 'text/javascript' }));
        },
      });
      assert.equal(await page.evaluate(() => document.characterSet), 'windows-1252');
      await started(page);
      await expectBanner(page);
      assert.equal(await text(page), expected, servedWithCharset ? 'script with charset=utf-8' : 'script without charset');
      assertNoPageErrors(visitor);
      await visitor.context.close();
    }
  });

  it('with a second copy of Lit (lit-html as a module before the widget): both render, no errors', async () => {
    const head = `<script type="module">
      import { html, render } from '/node_modules/lit-html/lit-html.js';
      render(html\`<p id="site-lit">Gerenderd door de site</p>\`, document.getElementById('app'));
      window.siteLit = true;
    </script>`;
    const { visitor, page } = await visit(suite, site({ head, body: `<div id="app"></div>${FOOTER}` }));
    await started(page);
    await page.waitForFunction(() => window.siteLit === true);
    assert.equal(await page.locator('#site-lit').textContent(), 'Gerenderd door de site');
    await expectBanner(page);
    await bannerButtonOf(page, 'Instellingen').click();
    await dialogOf(page).getByRole('button', { name: 'Alles accepteren', exact: true }).click();
    await gtagLoaded(page);
    assert.deepEqual(ours(visitor, 'error'), []);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('in quirks mode (no doctype): banner, choice, no errors', async () => {
    const html = site({ body: FOOTER }).replace('<!doctype html>', '');
    const { visitor, page } = await visit(suite, html);
    assert.equal(await page.evaluate(() => document.compatMode), 'BackCompat');
    await started(page);
    await expectBanner(page);
    await bannerButtonOf(page, 'Alles accepteren').click();
    await gtagLoaded(page);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});
