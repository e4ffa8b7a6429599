/**
 * Hardening: window.ibConsent called the wrong way, and the events it fires. A call of the wrong
 * type is reported and never throws into the site's code; a repeated choice is not a change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setUpSuite, sitePage } from './harness.mjs';
import { GA, SIDE_BY_SIDE, assertNoGtag, assertNoPageErrors, bannerButtonOf, bannerOf, callSafely, consentCookies, dialogOf, gtagLoaded, ours, started, visit } from './hostile.mjs';

const suite = setUpSuite();
const FOOTER = '<footer><a href="#" data-ib-consent-open>Cookie-instellingen</a></footer>';
const site = () => sitePage({ data: { 'ga-id': GA }, body: FOOTER });
const changes = (page) => page.evaluate(() => window.__ib.changes);

describe('API calls of the wrong type never throw', SIDE_BY_SIDE, () => {
  /** Calls that must neither throw nor grant analytics. */
  const refusing = [
    "ibConsent.accept('analytics')",
    'ibConsent.accept(null)',
    'ibConsent.accept()',
    'ibConsent.accept([1])',
    'ibConsent.accept([null])',
    "ibConsent.accept({ 0: 'analytics', length: 1 })",
    "ibConsent.accept(new Set(['analytics']))",
    "ibConsent.accept(new Proxy([], { get() { throw new Error('hostile list'); } }))",
    'ibConsent.whenGranted(5)',
    'ibConsent.whenGranted(undefined)',
    'ibConsent.whenGranted({})',
    'ibConsent.showPreferences(123)',
    "ibConsent.showBanner('now')",
    'ibConsent.get(1, 2, 3)',
    'ibConsent.debug(null)',
  ];
  for (const call of refusing) {
    it(`${call} does not throw and grants nothing`, async () => {
      const { visitor, page } = await visit(suite, site());
      await started(page);
      const result = await callSafely(page, call);
      assert.equal(result.threw, false, result.error);
      assert.deepEqual(await page.evaluate(() => [ibConsent.has('analytics'), typeof ibConsent.has('analytics')]), [false, 'boolean']);
      const stored = await consentCookies(visitor.context);
      assert.ok(stored.every(({ value }) => !value.categories.includes('analytics')), JSON.stringify(stored));
      await assertNoGtag(page, visitor);
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }

  it("whenGranted(5) returns a promise that never rejects, and has(5) stays false after acceptAll()", async () => {
    const { visitor, page } = await visit(suite, site());
    await started(page);
    const result = await callSafely(page, 'ibConsent.whenGranted(5)');
    assert.equal(result.kind, 'promise');
    await page.evaluate(() => ibConsent.acceptAll());
    await gtagLoaded(page);
    assert.deepEqual(await page.evaluate(() => [ibConsent.has(5), window.__rejected ?? 0]), [false, 0]);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it("accept(['analytic']) (unknown): a warning naming it; it is not stored and grants nothing", async () => {
    const { visitor, page } = await visit(suite, site());
    await started(page);
    const result = await callSafely(page, "ibConsent.accept(['analytic'])");
    assert.equal(result.threw, false);
    assert.ok(ours(visitor, 'warning').some((text) => text.includes('analytic')), ours(visitor).join('\n'));
    const stored = await consentCookies(visitor.context);
    assert.ok(stored.every(({ value }) => !value.categories.includes('analytic')), JSON.stringify(stored));
    assert.deepEqual(await page.evaluate(() => [ibConsent.has('analytic'), ibConsent.has('analytics')]), [false, false]);
    await assertNoGtag(page, visitor);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it("accept(['analytics', 'analytics', 'necessary']) stores each category once", async () => {
    const { visitor, page } = await visit(suite, site());
    await started(page);
    await page.evaluate(() => ibConsent.accept(['analytics', 'analytics', 'necessary']));
    await gtagLoaded(page);
    assert.deepEqual((await consentCookies(visitor.context))[0].value.categories, ['necessary', 'analytics']);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('each wrong call is reported with the prefix, never as an uncaught error', async () => {
    const { visitor, page } = await visit(suite, site());
    await started(page);
    for (const call of ["ibConsent.accept('analytics')", 'ibConsent.accept([1])', 'ibConsent.whenGranted(5)']) {
      assert.equal((await callSafely(page, call)).threw, false, call);
    }
    const errors = ours(visitor, 'error');
    assert.ok(errors.some((text) => text.includes('accept')), errors.join('\n'));
    assert.ok(errors.some((text) => text.includes('whenGranted')), errors.join('\n'));
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('its methods work detached from ibConsent (const { acceptAll } = ibConsent)', async () => {
    const { visitor, page } = await visit(suite, site());
    await started(page);
    const result = await callSafely(page, '(() => { const { acceptAll, has } = window.ibConsent; acceptAll(); return has("analytics"); })()');
    assert.deepEqual(result, { threw: false, kind: 'boolean', value: true });
    await gtagLoaded(page);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});

describe('has() with anything', () => {
  // has() only reads, so these share one page; a fresh page before a choice and after acceptAll().
  const shared = {};
  before(async () => {
    Object.assign(shared, await visit(suite, site()));
    await started(shared.page);
  });
  after(() => shared.visitor?.context.close());
  const odd = ['undefined', '5', '{}', 'null', "'__proto__'", "'constructor'", "'toString'", "['analytics']", "'ANALYTICS'", "'analytics '"];
  for (const when of ['before a choice', 'after acceptAll()']) {
    for (const argument of odd) {
      it(`has(${argument}) ${when} returns false (a boolean) and does not throw`, async () => {
        if (when === 'after acceptAll()') await shared.page.evaluate(() => ibConsent.acceptAll());
        const result = await callSafely(shared.page, `ibConsent.has(${argument})`);
        assert.deepEqual(result, { threw: false, kind: 'boolean', value: false });
        assertNoPageErrors(shared.visitor);
      });
    }
  }
});

describe('events: one ib-consent-change per real change', SIDE_BY_SIDE, () => {
  it('50 calls of acceptAll() in one task give exactly one ib-consent-change', async () => {
    const { visitor, page } = await visit(suite, site());
    await started(page);
    await page.evaluate(() => {
      for (let i = 0; i < 50; i++) ibConsent.acceptAll();
    });
    await gtagLoaded(page);
    const heard = await changes(page);
    assert.equal(heard.length, 1);
    assert.deepEqual([heard[0].granted, heard[0].revoked, heard[0].bubbles, heard[0].composed], [['analytics'], [], true, true]);
    assert.equal(visitor.gtagRequests.length, 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('50 calls of acceptAll() spread over 50 tasks give exactly one ib-consent-change', async () => {
    const { visitor, page } = await visit(suite, site());
    await started(page);
    await page.evaluate(async () => {
      for (let i = 0; i < 50; i++) {
        ibConsent.acceptAll();
        await new Promise((resolve) => setTimeout(resolve));
      }
    });
    assert.equal((await changes(page)).length, 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('a click on "Alles accepteren" and then 49 acceptAll() give one change; rejectAll() one more with revoked [analytics]', async () => {
    const { visitor, page } = await visit(suite, site());
    await started(page);
    await bannerButtonOf(page, 'Alles accepteren').click();
    await page.evaluate(() => {
      for (let i = 0; i < 49; i++) ibConsent.acceptAll();
    });
    assert.equal((await changes(page)).length, 1);
    await page.evaluate(() => ibConsent.rejectAll());
    const heard = await changes(page);
    assert.equal(heard.length, 2);
    assert.deepEqual([heard[1].granted, heard[1].revoked, heard[1].record.categories], [[], ['analytics'], ['necessary']]);
    await page.evaluate(() => {
      for (let i = 0; i < 50; i++) ibConsent.rejectAll();
    });
    assert.equal((await changes(page)).length, 2);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('50 clicks on the dialog\'s "Alles accepteren" give exactly one ib-consent-change', async () => {
    const { visitor, page } = await visit(suite, site());
    await started(page);
    for (let i = 0; i < 50; i++) {
      await page.evaluate(() => ibConsent.showPreferences());
      await dialogOf(page).getByRole('button', { name: 'Alles accepteren', exact: true }).click();
    }
    assert.equal((await changes(page)).length, 1);
    assert.equal(await bannerOf(page).isVisible(), false);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('accept([]) after rejectAll() is no change; reset() and a new choice are', async () => {
    const { visitor, page } = await visit(suite, site());
    await started(page);
    await page.evaluate(() => {
      ibConsent.rejectAll();
      ibConsent.accept([]);
      ibConsent.accept(['necessary']);
    });
    assert.equal((await changes(page)).length, 1);
    await page.evaluate(() => ibConsent.reset());
    await page.evaluate(() => ibConsent.rejectAll());
    const heard = await changes(page);
    assert.equal(heard.length, 3);
    assert.equal(heard[1].record, null);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('ib-consent-ready fires once, even when the script is included twice', async () => {
    const html = sitePage({ data: { 'ga-id': GA }, head: `<script src="/dist/ib-cookie-consent.js" defer data-ga-id="${GA}"></script>`, body: FOOTER });
    const { visitor, page } = await visit(suite, html);
    await started(page);
    await page.waitForLoadState('load');
    assert.equal(await page.evaluate(() => window.__ib.ready), 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});
