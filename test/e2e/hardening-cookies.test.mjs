/**
 * Hardening: the ib_consent cookie as the browser may really hold it. Two copies (host-only and
 * a parent domain's, from before data-cookie-domain was set), and records that cannot be
 * (tampered with, from another version, garbage): the newest valid one counts, anything else
 * asks again, and nothing ever loads gtag.js without a valid grant.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setUpSuite, sitePage } from './harness.mjs';
import {
  GA,
  SIDE_BY_SIDE,
  addConsentCookie,
  assertNoGtag,
  assertNoPageErrors,
  bannerButtonOf,
  consentCookies,
  dialogOf,
  expectBanner,
  expectNoBanner,
  gtagLoaded,
  nextPageView,
  ours,
  record,
  started,
  visit,
} from './hostile.mjs';

const suite = setUpSuite();
const HOST = 'www.ib.localtest';
const SHARED = '.ib.localtest';
const minutesAgo = (minutes) => new Date(Date.now() - minutes * 60e3).toISOString();
const GRANT = ['necessary', 'analytics'];
const REJECT = ['necessary'];
const stamped = (categories, minutes) => record({ categories, givenAt: minutesAgo(60), updatedAt: minutesAgo(minutes) });

/** Withdraws analytics through the footer link and the dialog, as a visitor would. */
async function rejectInDialog(page) {
  await page.locator('[data-ib-consent-open]').click();
  await dialogOf(page).getByRole('button', { name: 'Alles weigeren', exact: true }).click();
}

describe('two ib_consent cookies (host-only and Domain=.ib.localtest)', SIDE_BY_SIDE, () => {
  const cases = [
    { newer: 'domain', grants: true },
    { newer: 'host-only', grants: true },
    { newer: 'domain', grants: false },
    { newer: 'host-only', grants: false },
  ];
  for (const { newer, grants } of cases) {
    for (const newerFirst of [true, false]) {
      const older = newer === 'domain' ? 'host-only' : 'domain';
      const name = `the newest updatedAt wins: a ${newer} ${grants ? 'grant' : 'refusal'} over an older ${older} ${grants ? 'refusal' : 'grant'}, ${newerFirst ? 'newer' : 'older'} cookie set first`;
      it(name, async () => {
        const html = sitePage({ data: { 'ga-id': GA, 'cookie-domain': SHARED } });
        const { visitor, page } = await visit(suite, html, {
          host: HOST,
          before: async ({ context }, url) => {
            const newest = { value: stamped(grants ? GRANT : REJECT, 1), where: newer };
            const oldest = { value: stamped(grants ? REJECT : GRANT, 30), where: older };
            for (const { value, where } of newerFirst ? [newest, oldest] : [oldest, newest]) {
              await addConsentCookie(context, value, where === 'domain' ? { domain: SHARED } : { url });
            }
          },
        });
        await started(page);
        await expectNoBanner(page);
        assert.equal(await page.evaluate(() => ibConsent.has('analytics')), grants);
        if (grants) await gtagLoaded(page);
        else await assertNoGtag(page, visitor);
        assertNoPageErrors(visitor);
        await visitor.context.close();
      });
    }
  }

  it('a new choice leaves exactly one ib_consent, and rejecting then reloading never requests gtag.js again', async () => {
    const html = sitePage({ data: { 'ga-id': GA, 'cookie-domain': SHARED } });
    const { visitor, page, url } = await visit(suite, html, {
      host: HOST,
      before: async ({ context }, url) => {
        await addConsentCookie(context, stamped(GRANT, 30), { url });
        await addConsentCookie(context, stamped(GRANT, 5), { domain: SHARED });
      },
    });
    await gtagLoaded(page);
    await rejectInDialog(page);
    const cookies = await consentCookies(visitor.context);
    assert.deepEqual(cookies.map(({ domain, value }) => [domain, value.categories]), [[SHARED, REJECT]]);
    const next = await nextPageView(visitor, url);
    await expectNoBanner(next);
    await next.waitForTimeout(300);
    assert.equal(visitor.gtagRequests.length, 1, 'only the first page view (granted) requested gtag.js');
    assert.equal(await next.evaluate(() => ibConsent.has('analytics')), false);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('a host-only grant stamped an hour ahead (clock skew) does not outlive a rejection', async () => {
    const html = sitePage({ data: { 'ga-id': GA, 'cookie-domain': SHARED } });
    const ahead = new Date(Date.now() + 3600e3).toISOString();
    const { visitor, page, url } = await visit(suite, html, {
      host: HOST,
      before: ({ context }, url) => addConsentCookie(context, record({ givenAt: minutesAgo(60), updatedAt: ahead }), { url }),
    });
    await gtagLoaded(page);
    await rejectInDialog(page);
    assert.equal((await consentCookies(visitor.context)).length, 1);
    const next = await nextPageView(visitor, url);
    assert.equal(await next.evaluate(() => ibConsent.has('analytics')), false);
    await next.waitForTimeout(300);
    assert.equal(visitor.gtagRequests.length, 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('without data-cookie-domain, a stale parent-domain cookie is replaced by one host-only choice', async () => {
    const html = sitePage({ data: { 'ga-id': GA } });
    const { visitor, page, url } = await visit(suite, html, {
      host: 'a.ib.localtest',
      before: async ({ context }, url) => {
        await addConsentCookie(context, stamped(REJECT, 30), { url });
        await addConsentCookie(context, stamped(GRANT, 5), { domain: SHARED });
      },
    });
    await gtagLoaded(page);
    await rejectInDialog(page);
    const cookies = await consentCookies(visitor.context);
    assert.deepEqual(cookies.map(({ domain, value }) => [domain, value.categories]), [['a.ib.localtest', REJECT]]);
    const next = await nextPageView(visitor, url);
    await next.waitForTimeout(300);
    assert.equal(visitor.gtagRequests.length, 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });

  it('a garbage copy next to a valid one: the valid one counts, with one warning', async () => {
    const html = sitePage({ data: { 'ga-id': GA, 'cookie-domain': SHARED } });
    const { visitor, page } = await visit(suite, html, {
      host: HOST,
      before: async ({ context }, url) => {
        await addConsentCookie(context, stamped(REJECT, 5), { url });
        await addConsentCookie(context, '{"categories":', { domain: SHARED });
      },
    });
    await started(page);
    await expectNoBanner(page);
    assert.equal(await page.evaluate(() => ibConsent.get()?.categories.join()), 'necessary');
    await assertNoGtag(page, visitor);
    assert.equal(ours(visitor, 'warning').filter((text) => text.includes('ib_consent')).length, 1);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});

describe('stored records that cannot be', SIDE_BY_SIDE, () => {
  const future = '3000-01-01T00:00:00.000Z';
  const bad = {
    'updatedAt in the year 3000': record({ updatedAt: future }),
    'givenAt and updatedAt in the year 3000': record({ givenAt: future, updatedAt: future }),
    'updatedAt before givenAt': record({ givenAt: minutesAgo(1), updatedAt: minutesAgo(60) }),
    'givenAt at the epoch': record({ givenAt: '1970-01-01T00:00:00.000Z' }),
    'an unreadable givenAt': record({ givenAt: 'vorige week' }),
    'dates as numbers': record({ givenAt: Date.now() - 1000, updatedAt: Date.now() }),
    'revision 1.5': record({ revision: 1.5 }),
    'revision "1" (text)': record({ revision: '1' }),
    'revision -1': record({ revision: -1 }),
    'revision null': record({ revision: null }),
    'categories as a string': record({ categories: 'necessary,analytics' }),
    'categories as an object': record({ categories: { 0: 'necessary', 1: 'analytics', length: 2 } }),
    'categories without necessary': record({ categories: ['analytics'] }),
    'a number among the categories': record({ categories: ['necessary', 'analytics', 7] }),
    'consentId a number': record({ consentId: 42 }),
    'no consentId': record({ consentId: undefined }),
    'consentId with markup': record({ consentId: '<img src=x onerror=alert(1)>' }),
    'not JSON': '{"categories":["necessary","analytics"]',
    'garbage': '%%% garbage %%%',
    'null': 'null',
    'a JSON list': '[]',
    'a JSON string': '"necessary analytics"',
    'true': 'true',
    'a record smuggled in __proto__': `{"__proto__":${JSON.stringify(record())}}`,
    'a huge value (3.8 KB)': 'A'.repeat(3800),
  };
  for (const [kind, value] of Object.entries(bad)) {
    it(`a record with ${kind}: banner, nothing granted, no gtag.js, one warning`, async () => {
      const { visitor, page } = await visit(suite, sitePage({ data: { 'ga-id': GA } }), {
        before: ({ context }, url) => addConsentCookie(context, value, { url }),
      });
      await started(page);
      await expectBanner(page);
      assert.deepEqual(await page.evaluate(() => [ibConsent.get(), ibConsent.has('analytics'), window.__ib.changes.length]), [null, false, 0]);
      await assertNoGtag(page, visitor);
      const warnings = ours(visitor, 'warning').filter((text) => text.includes('ib_consent'));
      assert.equal(warnings.length, 1, ours(visitor).join('\n'));
      assert.deepEqual(ours(visitor, 'error'), []);
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }

  for (const [kind, value] of [['updatedAt in the year 3000', record({ updatedAt: future })], ['a huge value', 'A'.repeat(3800)]]) {
    it(`a new choice replaces a record with ${kind}: one ib_consent, no banner on the next page view`, async () => {
      const { visitor, page, url } = await visit(suite, sitePage({ data: { 'ga-id': GA } }), {
        before: ({ context }, url) => addConsentCookie(context, value, { url }),
      });
      await started(page);
      await bannerButtonOf(page, 'Alles weigeren').click();
      const cookies = await consentCookies(visitor.context);
      assert.deepEqual(cookies.map((cookie) => cookie.value.categories), [REJECT]);
      const next = await nextPageView(visitor, url);
      await expectNoBanner(next);
      await assertNoGtag(next, visitor);
      assertNoPageErrors(visitor);
      await visitor.context.close();
    });
  }

  it('a record with broken percent-encoding (%E0%A4%A): banner, one warning, and a new choice replaces it', async () => {
    const { visitor, page, url } = await visit(suite, sitePage({ data: { 'ga-id': GA } }), {
      before: ({ context }, url) => addConsentCookie(context, '%E0%A4%A', { url, encode: false }),
    });
    await started(page);
    await expectBanner(page);
    await assertNoGtag(page, visitor);
    const warnings = ours(visitor, 'warning').filter((text) => text.includes('ib_consent'));
    assert.equal(warnings.length, 1, ours(visitor).join('\n'));
    await bannerButtonOf(page, 'Alles accepteren').click();
    await gtagLoaded(page);
    const cookies = await consentCookies(visitor.context);
    assert.equal(cookies.length, 1);
    assert.deepEqual(cookies[0].value.categories, GRANT);
    const next = await nextPageView(visitor, url);
    await expectNoBanner(next);
    assertNoPageErrors(visitor);
    await visitor.context.close();
  });
});
