/**
 * Hardening: where options may come from (only the JSON <script> block, data-* and the element)
 * and what malformed options do: the banner still shows, the site owner hears which option is
 * wrong, and a choice made then still counts on the next page view.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setUpSuite, sitePage } from './harness.mjs';
import {
  GA,
  SIDE_BY_SIDE,
  assertNoGtag,
  assertNoPageErrors,
  bannerButtonOf,
  bannerOf,
  configBlock,
  consentCookies,
  expectBanner,
  expectNoBanner,
  gtagLoaded,
  hostileVisitor,
  nextPageView,
  ours,
  serveAs,
  started,
  visit,
} from './hostile.mjs';

const suite = setUpSuite();

const RELABEL = { texts: { accept: 'Ja, graag', reject: 'Nee hoor', title: 'Overgenomen' }, gtagUrl: 'https://evil.example/g.js' };
const userContent = (tag) => `<${tag} id="ib-cookie-consent-config">${JSON.stringify(RELABEL).replace(/</g, '&lt;')}</${tag.split(' ')[0]}>`;

describe('config only from script[type="application/json"]#ib-cookie-consent-config', SIDE_BY_SIDE, () => {
  const impostors = {
    '<p>': 'p',
    '<div>': 'div',
    '<pre>': 'pre',
    '<textarea>': 'textarea',
    '<script type="text/plain">': 'script type="text/plain"',
    '<script type="application/ld+json">': 'script type="application/ld+json"',
  };
  for (const [label, tag] of Object.entries(impostors)) {
    it(`ignores a ${label.replace('>', ' id="ib-cookie-consent-config">')} in user content, with one console error`, async () => {
      const html = sitePage({ data: { 'ga-id': GA }, body: `<main><article>${userContent(tag)}</article><a href="#" data-ib-consent-open>Cookies</a></main>` });
      const { visitor, page } = await visit(suite, html);
      await expectBanner(page);
      assert.equal(await bannerButtonOf(page, 'Ja, graag').count(), 0, 'buttons relabelled by user content');
      assert.equal(await bannerButtonOf(page, 'Nee hoor').count(), 0);
      const errors = ours(visitor, 'error');
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], /ib-cookie-consent-config/);
      const request = page.waitForRequest((r) => r.url().includes('/gtag/js'));
      await bannerButtonOf(page, 'Alles accepteren').click();
      assert.equal(new URL((await request).url()).hostname, 'www.googletagmanager.com');
      await gtagLoaded(page);
      assert.deepEqual(visitor.foreignRequests.filter((url) => url.includes('evil.example')), []);
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }

  it('uses the real JSON block when user content before it carries the same id', async () => {
    const html = sitePage({
      data: { 'ga-id': GA },
      body: `<main>${userContent('p')}<a href="#" data-ib-consent-open>Cookies</a></main>${configBlock({ texts: { accept: 'Akkoord' } })}`,
    });
    const { visitor, page } = await visit(suite, html);
    await bannerOf(page).waitFor();
    assert.equal(await bannerButtonOf(page, 'Akkoord').isVisible(), true);
    assert.equal(await bannerButtonOf(page, 'Ja, graag').count(), 0);
    await assertNoGtag(page, visitor);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});

/**
 * One malformed option per case: the banner shows, one message names the option, GA loads
 * after accepting only when its own options are fine, and the stored choice holds on reload.
 */
async function malformedCase(html, { mentions, ga = true }) {
  const { visitor, page, url } = await visit(suite, html);
  await started(page);
  await expectBanner(page);
  await assertNoGtag(page, visitor, 0);
  const messages = ours(visitor);
  assert.ok(messages.some((text) => mentions.test(text)), `no message matching ${mentions}:\n${messages.join('\n')}`);
  await bannerButtonOf(page, 'Alles accepteren').click();
  if (ga === true) await gtagLoaded(page);
  else if (ga === false) await assertNoGtag(page, visitor);
  else await assertGtagOnlyFromGoogle(page, visitor);
  const [stored, ...more] = await consentCookies(visitor.context);
  assert.equal(more.length, 0, 'one ib_consent');
  assert.ok(stored?.value?.categories?.includes('analytics'), `stored: ${JSON.stringify(stored)}`);
  const next = await nextPageView(visitor, url);
  await expectNoBanner(next);
  if (ga === true) await gtagLoaded(next);
  else if (ga === false) assert.deepEqual(visitor.gtagRequests, []);
  else await assertGtagOnlyFromGoogle(next, visitor);
  assertNoPageErrors(visitor);
  await visitor.context.close();
}

/**
 * A refused gtag URL: GA may stay off or load from Google's default host, but the refused URL
 * itself is never loaded or run.
 */
async function assertGtagOnlyFromGoogle(page, visitor) {
  await page.waitForTimeout(200);
  const sources = await page.evaluate(() => [...document.scripts].map((script) => script.getAttribute('src') ?? '').filter(Boolean));
  assert.ok(sources.every((src) => src.startsWith('/dist/') || src.startsWith('https://www.googletagmanager.com/gtag/js?')), sources.join());
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.deepEqual(visitor.foreignRequests, []);
}

describe('malformed options in the JSON block', SIDE_BY_SIDE, () => {
  const cases = {
    'categories given as an object': [{ categories: { id: 'x', label: 'X' } }, /categories/],
    'categories given as a string': [{ categories: 'x' }, /categories/],
    'a category without id': [{ categories: [{ label: 'Zonder id' }] }, /category id/],
    'a category id with capitals and spaces': [{ categories: [{ id: 'Social Media' }] }, /Social Media/],
    'a cookie entry null': [{ categories: [{ id: 'x', cookies: [null] }] }, /\bx cookie\b/],
    'a cookie list given as an object': [{ categories: [{ id: 'x', cookies: { name: '_fbp' } }] }, /x\.cookies/],
    'a cookie list given as a string': [{ categories: [{ id: 'x', cookies: '_fbp' }] }, /x\.cookies/],
    'a category label that is a number': [{ categories: [{ id: 'x', label: 5 }] }, /x\.label/],
    'texts: 5': [{ texts: 5 }, /texts/],
    'texts as a string': [{ texts: 'Hallo' }, /texts/],
    'a text that is a number': [{ texts: { accept: 5 } }, /texts\.accept/],
    'an unknown text key': [{ texts: { bogus: 'x' } }, /bogus/],
    'cookieDays: [1]': [{ cookieDays: [1] }, /cookie-?days/i],
    'cookieDays: 0': [{ cookieDays: 0 }, /cookie-?days/i],
    'cookieDays: 100000': [{ cookieDays: 100000 }, /cookie-?days/i],
    'revision: {}': [{ revision: {} }, /revision/],
    'revision: 1.5': [{ revision: 1.5 }, /revision/],
    'revision: -1': [{ revision: -1 }, /revision/],
    'layout: "sideways"': [{ layout: 'sideways' }, /layout/],
    'theme: "neon"': [{ theme: 'neon' }, /theme/],
    'lang: 5': [{ lang: 5 }, /lang/],
    'nonce: 5': [{ nonce: 5 }, /nonce/],
    'cookieDomain: 7': [{ cookieDomain: 7 }, /cookie-?domain/i],
    'an unknown option key': [{ colour: 'red' }, /colour/],
    'privacyUrl: "data:text/html,x"': [{ privacyUrl: 'data:text/html,x' }, /privacy-?url/i],
    'gaId with spaces': [{ gaId: 'G-AB 12' }, /ga-?id/i, false],
    'gaId: 42': [{ gaId: 42 }, /ga-?id/i, false],
    'gtagUrl: "javascript:alert(1)"': [{ gtagUrl: 'javascript:window.pwned=1' }, /gtag-?url/i, 'google or none'],
    'gtagUrl: "data:text/javascript,…"': [{ gtagUrl: 'data:text/javascript,window.pwned=1' }, /gtag-?url/i, 'google or none'],
  };
  for (const [kind, [options, mentions, ga = true]] of Object.entries(cases)) {
    it(`shows the banner, names the option and keeps the choice for ${kind}`, async () => {
      // The block's value must not be overridden by data-* (which wins): the case's option only in the block.
      const data = { 'ga-id': 'gaId' in options ? undefined : GA, ...('privacyUrl' in options && { 'privacy-url': undefined }) };
      await malformedCase(sitePage({ data, head: configBlock(options) }), { mentions, ga });
    });
  }

  for (const [kind, block] of Object.entries({ 'a list': '[1, 2]', 'a string': '"G-ABC123"', 'null': 'null', 'a number': '42' })) {
    it(`says so when the JSON block is ${kind}, not an object, and still works`, async () => {
      await malformedCase(sitePage({ data: { 'ga-id': GA }, head: configBlock(block) }), { mentions: /ib-cookie-consent-config|object/ });
    });
  }

  it('renders no privacy link for privacyUrl "data:text/html,x"', async () => {
    const { visitor, page } = await visit(suite, sitePage({ data: { 'privacy-url': undefined }, head: configBlock({ privacyUrl: 'data:text/html,x' }) }));
    await bannerOf(page).waitFor();
    assert.equal(await page.locator('ib-cookie-consent section a').count(), 0);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});

describe('malformed options in data-* and element attributes', SIDE_BY_SIDE, () => {
  const cases = {
    'data-cookie-days="[1]"': [{ 'cookie-days': '[1]' }, /cookie-?days/i],
    'data-cookie-days="abc"': [{ 'cookie-days': 'abc' }, /cookie-?days/i],
    'data-revision="{}"': [{ revision: '{}' }, /revision/],
    'data-revision="1.5"': [{ revision: '1.5' }, /revision/],
    'data-theme="neon"': [{ theme: 'neon' }, /theme/],
    'data-categories="x"': [{ categories: 'x' }, /categories/],
    'data-texts="5"': [{ texts: '5' }, /texts/],
    'data-privacy-url="data:text/html,x"': [{ 'privacy-url': 'data:text/html,x' }, /privacy-?url/i],
    'data-cookie-domain="example.com"': [{ 'cookie-domain': 'example.com' }, /cookie-?domain/i],
    'data-ga-id="G-AB 12"': [{ 'ga-id': 'G-AB 12' }, /ga-?id/i, false],
    'data-gtag-url="javascript:alert(1)"': [{ 'gtag-url': 'javascript:window.pwned=1' }, /gtag-?url/i, 'google or none'],
  };
  for (const [kind, [data, mentions, ga = true]] of Object.entries(cases)) {
    it(`shows the banner, names the option and keeps the choice for ${kind}`, async () => {
      await malformedCase(sitePage({ data: { 'ga-id': GA, ...data } }), { mentions, ga });
    });
  }

  for (const [kind, attributes, mentions] of [
    ['theme="sideways"', 'theme="sideways"', /theme/],
    ['floating-button="maybe" theme="neon"', 'floating-button="maybe" theme="neon"', /theme/],
  ]) {
    it(`shows the banner, names the option and keeps the choice for <ib-cookie-consent ${kind}>`, async () => {
      const body = `<ib-cookie-consent ${attributes}></ib-cookie-consent><main><a href="#" data-ib-consent-open>Cookies</a></main>`;
      await malformedCase(sitePage({ data: { 'ga-id': GA }, body }), { mentions });
    });
  }
});

describe('a category cookie pattern that would match ib_consent', SIDE_BY_SIDE, () => {
  const patterns = {
    '"ib_*"': { id: 'x', cookies: [{ name: 'ib_*' }] },
    '"ib_consent"': { id: 'x', cookies: [{ name: 'ib_consent' }] },
    '"ib*"': { id: 'x', cookies: [{ name: 'ib*' }] },
    '"i*"': { id: 'x', cookies: [{ name: 'i*' }] },
    '"*"': { id: 'x', cookies: [{ name: '*' }] },
    '"ib_*" added to analytics': { id: 'analytics', cookies: [{ name: 'ib_*' }] },
  };
  for (const [kind, category] of Object.entries(patterns)) {
    it(`refuses ${kind} with a message, and the choice survives rejectAll() and a reload`, async () => {
      const html = sitePage({ data: { 'ga-id': GA }, head: configBlock({ categories: [category] }) });
      const { visitor, page, url } = await visit(suite, html);
      await expectBanner(page);
      const messages = ours(visitor);
      assert.ok(messages.some((text) => /cookie/.test(text) && text.includes(category.cookies[0].name)), messages.join('\n'));
      await page.evaluate(() => ibConsent.acceptAll());
      await page.evaluate(() => ibConsent.rejectAll());
      const cookies = await consentCookies(visitor.context);
      assert.equal(cookies.length, 1, 'ib_consent survives the withdrawal');
      assert.deepEqual(cookies[0].value.categories, ['necessary']);
      const next = await nextPageView(visitor, url);
      await expectNoBanner(next);
      assert.equal(await next.evaluate(() => ibConsent.get()?.categories.join()), 'necessary');
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }
});

describe('a cookie domain the browser refuses', SIDE_BY_SIDE, () => {
  for (const domain of ['localtest', '.localtest', 'other.ib.localtest', 'ib.localtes', 'example.com']) {
    it(`on www.ib.localtest, data-cookie-domain="${domain}": a message, the choice stored host-only, no banner after reload`, async () => {
      const html = sitePage({ data: { 'ga-id': GA, 'cookie-domain': domain } });
      const { visitor, page, url } = await visit(suite, html, { host: 'www.ib.localtest' });
      await expectBanner(page);
      await bannerButtonOf(page, 'Alles weigeren').click();
      const messages = ours(visitor);
      assert.ok(messages.some((text) => /cookie-?domain/i.test(text) && text.includes(domain)), messages.join('\n'));
      const cookies = await consentCookies(visitor.context);
      assert.deepEqual(cookies.map((cookie) => cookie.domain), ['www.ib.localtest']);
      const next = await nextPageView(visitor, url);
      await expectNoBanner(next);
      await assertNoGtag(next, visitor, 0);
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }

  it('on www.example.co.uk, data-cookie-domain=".co.uk" (a public suffix): a message, stored host-only, no banner after reload', async () => {
    const origin = 'http://www.example.co.uk';
    const visitor = await hostileVisitor(suite.browser);
    await serveAs(visitor, suite, origin);
    const local = suite.server.page(sitePage({ data: { 'ga-id': GA, 'cookie-domain': '.co.uk' } }));
    const onSuffix = `${origin}${new URL(local).pathname}`;
    const site = await visitor.open(onSuffix);
    await started(site);
    await expectBanner(site);
    await bannerButtonOf(site, 'Alles accepteren').click();
    await gtagLoaded(site);
    assert.match(ours(visitor).join('\n'), /co\.uk/);
    const cookies = await consentCookies(visitor.context);
    assert.deepEqual(cookies.map((cookie) => cookie.domain), ['www.example.co.uk']);
    const next = await nextPageView(visitor, onSuffix);
    await expectNoBanner(next);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});

describe('an <ib-cookie-consent> in user content sets its look, never where scripts come from', SIDE_BY_SIDE, () => {
  it('ignores gtag-url, ga-id, nonce, cookie-days and revision on the element, and shows the banner first in <body>', async () => {
    const body = `<article><div hidden><ib-cookie-consent gtag-url="https://evil.example/x.js" ga-id="G-EVIL" nonce="stolen"
      cookie-days="1" revision="9"></ib-cookie-consent></div></article><main><a href="#" data-ib-consent-open>Cookies</a></main>`;
    const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA }, body }));
    await started(page);
    await expectBanner(page);
    assert.equal(await page.evaluate(() => document.body.firstElementChild.localName), 'ib-cookie-consent');
    await bannerButtonOf(page, 'Alles accepteren').click();
    await gtagLoaded(page);
    assert.ok(visitor.gtagRequests.every((url) => url.includes(`id=${GA}`)), visitor.gtagRequests.join());
    assert.deepEqual(visitor.foreignRequests.filter((url) => url.includes('evil')), []);
    const [stored] = await consentCookies(visitor.context);
    assert.equal(stored.value.revision, 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});
