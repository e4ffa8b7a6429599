import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { banner, bannerButton, dataLayer, newVisitor, setUpSuite, sitePage, storedConsent } from './harness.mjs';

const GA = 'G-E2ETEST1';
const suite = setUpSuite();

/** A visitor on a page with GA configured, gtag.js from Google's (intercepted) host. */
async function visitSite(options = {}) {
  const visitor = await newVisitor(suite.browser);
  const page = await visitor.open(suite.server.page(sitePage({ data: { 'ga-id': GA, revision: 1, ...options.data }, ...options })));
  return { visitor, page };
}

const gaScripts = (page) => page.locator('script[src*="gtag/js"]').count();

describe('before a choice', () => {
  it('shows the Dutch banner with three buttons and requests nothing from Google', async () => {
    const { visitor, page } = await visitSite();
    await banner(page).waitFor();
    for (const name of ['Alles accepteren', 'Alles weigeren', 'Instellingen']) {
      assert.equal(await bannerButton(page, name).isVisible(), true, name);
    }
    await page.waitForTimeout(200);
    assert.equal(await gaScripts(page), 0);
    assert.deepEqual(visitor.gtagRequests, []);
    assert.deepEqual(visitor.foreignRequests, []);
    assert.equal(await storedConsent(visitor.context), undefined);
    await visitor.context.close();
  });

  it('pushes only the Consent Mode default, no update', async () => {
    const { visitor, page } = await visitSite();
    const commands = await dataLayer(page);
    assert.equal(commands.length, 1);
    assert.deepEqual(commands[0].slice(0, 2), ['consent', 'default']);
    assert.equal(commands[0][2].analytics_storage, 'denied');
    await visitor.context.close();
  });

  it('grants only necessary', async () => {
    const { visitor, page } = await visitSite();
    assert.deepEqual(await page.evaluate(() => [ibConsent.get(), ibConsent.has('necessary'), ibConsent.has('analytics')]), [null, true, false]);
    await visitor.context.close();
  });
});

describe('accepting', () => {
  it('loads gtag.js once with the id, after the consent update, and hides the banner', async () => {
    const { visitor, page } = await visitSite();
    const request = page.waitForRequest((r) => r.url().includes('/gtag/js'));
    await bannerButton(page, 'Alles accepteren').click();
    assert.equal(new URL((await request).url()).searchParams.get('id'), GA);
    await page.waitForFunction(() => window.gtagStubLoads === 1);
    // gtag('js', date) carries a date; only the command names and the config id matter here.
    const commands = (await dataLayer(page)).map(([name, arg]) => (name === 'js' ? name : `${name} ${arg}`));
    assert.deepEqual(commands, ['consent default', 'consent update', 'js', `config ${GA}`]);
    assert.equal(await banner(page).isHidden(), true);
    await page.evaluate(() => ibConsent.acceptAll());
    assert.equal(await gaScripts(page), 1);
    assert.equal(visitor.gtagRequests.length, 1);
    await visitor.context.close();
  });

  it('stores the choice and loads GA on the next page without asking', async () => {
    const { visitor, page } = await visitSite();
    await bannerButton(page, 'Alles accepteren').click();
    assert.deepEqual((await storedConsent(visitor.context)).categories, ['necessary', 'analytics']);
    const next = await visitor.open(page.url());
    await next.waitForFunction(() => window.gtagStubLoads === 1);
    assert.equal(await banner(next).isHidden(), true);
    assert.equal(visitor.gtagRequests.length, 2);
    await visitor.context.close();
  });
});

describe('rejecting', () => {
  it('loads nothing, stores only necessary and hides the banner', async () => {
    const { visitor, page } = await visitSite();
    await bannerButton(page, 'Alles weigeren').click();
    await page.waitForTimeout(200);
    assert.deepEqual((await storedConsent(visitor.context)).categories, ['necessary']);
    assert.equal(await gaScripts(page), 0);
    assert.deepEqual(visitor.gtagRequests, []);
    assert.equal(await banner(page).isHidden(), true);
    const next = await visitor.open(page.url());
    await next.waitForTimeout(200);
    assert.equal(await banner(next).isHidden(), true);
    assert.deepEqual(visitor.gtagRequests, []);
    await visitor.context.close();
  });
});

describe('asking again', () => {
  async function visitWithStoredConsent(record, data = {}) {
    const visitor = await newVisitor(suite.browser);
    const url = suite.server.page(sitePage({ data: { 'ga-id': GA, revision: 2, ...data } }));
    const value = typeof record === 'string' ? record : JSON.stringify(record);
    await visitor.context.addCookies([{ name: 'ib_consent', value: encodeURIComponent(value), url }]);
    const page = await visitor.open(url);
    await page.waitForTimeout(200);
    return { visitor, page };
  }
  const record = (overrides) => ({
    categories: ['necessary', 'analytics'], revision: 2, consentId: 'c0ffee00-0000-4000-8000-000000000000',
    givenAt: new Date().toISOString(), updatedAt: new Date().toISOString(), ...overrides,
  });

  it('keeps a valid consent for the current revision', async () => {
    const { visitor, page } = await visitWithStoredConsent(record());
    assert.equal(await banner(page).isHidden(), true);
    assert.equal(visitor.gtagRequests.length, 1);
    await visitor.context.close();
  });

  it('asks again, without GA, when the revision went up', async () => {
    const { visitor, page } = await visitWithStoredConsent(record({ revision: 1 }));
    assert.equal(await banner(page).isVisible(), true);
    assert.deepEqual(visitor.gtagRequests, []);
    await visitor.context.close();
  });

  it('asks again, without GA, when the consent is older than its lifetime', async () => {
    const old = new Date(Date.now() - 40 * 864e5).toISOString();
    const { visitor, page } = await visitWithStoredConsent(record({ givenAt: old, updatedAt: old }), { 'cookie-days': 30 });
    assert.equal(await banner(page).isVisible(), true);
    assert.deepEqual(visitor.gtagRequests, []);
    await visitor.context.close();
  });

  const badCookies = {
    'not JSON': '{"categories":[',
    'a list': [],
    'categories as text': record({ categories: 'necessary,analytics' }),
    'no necessary': record({ categories: ['analytics'] }),
    'revision as text': record({ revision: '2' }),
    'no consentId': record({ consentId: undefined }),
    'an unreadable date': record({ updatedAt: 'gisteren' }),
  };
  for (const [kind, value] of Object.entries(badCookies)) {
    it(`asks again, with one warning and no exception, for a cookie with ${kind}`, async () => {
      const { visitor, page } = await visitWithStoredConsent(value);
      assert.equal(await banner(page).isVisible(), true);
      assert.deepEqual(visitor.gtagRequests, []);
      assert.deepEqual(visitor.pageErrors, []);
      const warnings = visitor.messages('warning').filter((text) => text.includes('ib_consent'));
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /^\[ib-cookie-consent\]/);
      await visitor.context.close();
    });
  }
});
