/**
 * Hardening: the site's scripts that wait for consent (`<script type="text/plain" data-consent>`).
 * They run once, only when every category they name is granted, never for an unknown category,
 * and on a page with a CSP nonce only when they carry that nonce themselves.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setUpSuite, sitePage } from './harness.mjs';
import { GA, SIDE_BY_SIDE, assertNoGtag, assertNoPageErrors, bannerButtonOf, configBlock, expectBanner, gtagLoaded, ours, settle, started, visit } from './hostile.mjs';

const suite = setUpSuite();
const FOOTER = '<footer><a href="#" data-ib-consent-open>Cookie-instellingen</a></footer>';
const counter = (name) => `window.${name} = (window.${name} || 0) + 1;`;
const waiting = (consent, name, attributes = '') => `<script type="text/plain" data-consent="${consent}" ${attributes}>${counter(name)}</script>`;
const runs = (page, name) => page.evaluate((key) => window[key] ?? 0, name);

describe('waiting scripts', SIDE_BY_SIDE, () => {
  it('an analytics script does not run before consent, runs once on accepting, and never twice', async () => {
    const html = sitePage({ data: { 'ga-id': GA }, body: `${FOOTER}${waiting('analytics', 'inline')}<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated.js"></script>` });
    const { visitor, page } = await visit(suite, html);
    await started(page);
    await page.waitForTimeout(200);
    assert.deepEqual([await runs(page, 'inline'), await runs(page, 'gatedSrcRuns')], [0, 0]);
    await bannerButtonOf(page, 'Alles accepteren').click();
    await page.waitForFunction(() => window.inline === 1 && window.gatedSrcRuns === 1);
    await page.evaluate(() => {
      ibConsent.rejectAll();
      ibConsent.acceptAll();
      ibConsent.accept(['analytics']);
    });
    await page.waitForTimeout(200);
    assert.deepEqual([await runs(page, 'inline'), await runs(page, 'gatedSrcRuns')], [1, 1]);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('a script for "necessary" runs at once, without a choice', async () => {
    const { visitor, page } = await visit(suite, sitePage({ body: `${FOOTER}${waiting('necessary', 'necessaryRuns')}` }));
    await started(page);
    await page.waitForFunction(() => window.necessaryRuns === 1);
    await expectBanner(page);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('a script naming two categories waits for both', async () => {
    const html = sitePage({
      data: { 'ga-id': GA },
      head: configBlock({ categories: [{ id: 'marketing', label: 'Marketing', description: 'Advertenties' }] }),
      body: `${FOOTER}${waiting('analytics marketing', 'both')}`,
    });
    const { visitor, page } = await visit(suite, html);
    await started(page);
    await page.evaluate(() => ibConsent.accept(['analytics']));
    await gtagLoaded(page);
    await page.waitForTimeout(200);
    assert.equal(await runs(page, 'both'), 0);
    await page.evaluate(() => ibConsent.accept(['analytics', 'marketing']));
    await page.waitForFunction(() => window.both === 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  for (const consent of ['analytic', 'marketing', 'analytics statistics']) {
    it(`data-consent="${consent}" (an unknown category): one warning naming it, never runs, even after acceptAll()`, async () => {
      const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA }, body: `${FOOTER}${waiting(consent, 'unknownRuns')}` }));
      await started(page);
      const warnings = ours(visitor, 'warning').filter((text) => text.includes('data-consent'));
      assert.equal(warnings.length, 1, ours(visitor).join('\n'));
      assert.match(warnings[0], new RegExp(consent.split(' ').at(-1)));
      await page.evaluate(() => ibConsent.acceptAll());
      await gtagLoaded(page);
      await page.waitForTimeout(200);
      assert.equal(await runs(page, 'unknownRuns'), 0);
      assert.equal(ours(visitor, 'warning').filter((text) => text.includes('data-consent')).length, 1, 'warned once');
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }
});

describe('waiting scripts on a page with a CSP nonce', SIDE_BY_SIDE, () => {
  const nonce = 'pAg3N0nce';
  const csp = `script-src 'nonce-${nonce}'; object-src 'none'; base-uri 'none'`;
  const page = (body, scriptNonce = nonce) => `<!doctype html><html lang="nl"><head><meta charset="utf-8">
    <script nonce="${scriptNonce}" src="/dist/ib-cookie-consent.js" defer data-ga-id="${GA}" data-privacy-url="/p"></script></head>
    <body>${FOOTER}${body}</body></html>`;

  it('runs only the waiting scripts that carry the page\'s nonce; the others: a console error, never run', async () => {
    const body = [
      waiting('analytics', 'withNonce', `nonce="${nonce}"`),
      `<script type="text/plain" data-consent="analytics" nonce="${nonce}" src="/test/fixtures/gated.js"></script>`,
      waiting('analytics', 'withoutNonce'),
      waiting('analytics', 'wrongNonce', 'nonce="guessed"'),
      '<script type="text/plain" data-consent="analytics" src="/test/fixtures/gated.js?no-nonce"></script>',
    ].join('');
    const { visitor, page: site } = await visit(suite, page(body), { headers: { 'content-security-policy': csp } });
    await started(site);
    await bannerButtonOf(site, 'Alles accepteren').click();
    await site.waitForFunction(() => window.withNonce === 1 && window.gatedSrcRuns === 1 && window.gtagStubLoads === 1);
    await site.waitForTimeout(200);
    assert.deepEqual(await site.evaluate(() => [window.withoutNonce, window.wrongNonce, window.gatedSrcRuns]), [undefined, undefined, 1]);
    const errors = ours(visitor, 'error').filter((text) => /nonce/.test(text));
    assert.ok(errors.length >= 1, ours(visitor).join('\n'));
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('never runs a nonce-less waiting script that user content injects after consent', async () => {
    const { visitor, page: site } = await visit(suite, page(''), { headers: { 'content-security-policy': csp } });
    await started(site);
    await site.evaluate(() => ibConsent.acceptAll());
    await gtagLoaded(site);
    await site.evaluate(() => {
      const comment = document.createElement('div');
      comment.innerHTML = '<script type="text/plain" data-consent="analytics">window.injected = 1;<\/script>';
      document.body.append(comment);
    });
    await settle(site);
    await site.waitForTimeout(200);
    assert.equal(await site.evaluate(() => window.injected), undefined);
    assert.ok(ours(visitor, 'error').some((text) => /nonce/.test(text)), ours(visitor).join('\n'));
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('gives gtag.js the nonce from the JSON block when the script tag has none (script-src \'self\' plus nonce)', async () => {
    const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8">${configBlock({ nonce })}
      <script src="/dist/ib-cookie-consent.js" defer data-ga-id="${GA}" data-privacy-url="/p"></script></head>
      <body>${FOOTER}${waiting('analytics', 'withNonce', `nonce="${nonce}"`)}</body></html>`;
    const { visitor, page: site } = await visit(suite, html, { headers: { 'content-security-policy': `script-src 'self' 'nonce-${nonce}'` } });
    await started(site);
    await site.evaluate(() => ibConsent.acceptAll());
    await site.waitForFunction(() => window.gtagStubLoads === 1 && window.withNonce === 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});

describe('waiting scripts added later by a single-page app', SIDE_BY_SIDE, () => {
  it('runs a waiting script added after consent, once', async () => {
    const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
    await started(page);
    await page.evaluate(() => ibConsent.acceptAll());
    await page.evaluate(() => {
      const view = document.createElement('section');
      view.innerHTML = '<script type="text/plain" data-consent="analytics">window.lateRuns = (window.lateRuns || 0) + 1;<\/script>';
      document.body.append(view);
    });
    await page.waitForFunction(() => window.lateRuns === 1);
    await page.evaluate(() => document.body.append(document.createElement('p')));
    await page.waitForTimeout(200);
    assert.equal(await runs(page, 'lateRuns'), 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('runs a waiting script added before consent once it is granted, not before', async () => {
    const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA }, body: FOOTER }));
    await started(page);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.type = 'text/plain';
      script.dataset.consent = 'analytics';
      script.text = 'window.lateRuns = (window.lateRuns || 0) + 1;';
      document.body.append(script);
    });
    await page.waitForTimeout(200);
    assert.equal(await runs(page, 'lateRuns'), 0);
    await assertNoGtag(page, visitor, 0);
    await bannerButtonOf(page, 'Alles accepteren').click();
    await page.waitForFunction(() => window.lateRuns === 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});
