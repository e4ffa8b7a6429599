import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bannerButton, newVisitor, setUpSuite, sitePage, storedConsent } from './harness.mjs';

const suite = setUpSuite({ https: true });

describe('on an https page', () => {
  it('writes the consent cookie with Secure, and reads it back on the next page', async () => {
    const visitor = await newVisitor(suite.browser, { ignoreHTTPSErrors: true });
    const page = await visitor.open(suite.server.page(sitePage(), { host: 'www.ib.localtest' }));
    assert.equal(await page.evaluate(() => location.protocol), 'https:');
    await bannerButton(page, 'Alles weigeren').click();
    const cookie = (await visitor.context.cookies()).find(({ name }) => name === 'ib_consent');
    assert.equal(cookie.secure, true);
    assert.deepEqual((await storedConsent(visitor.context)).categories, ['necessary']);
    const next = await visitor.open(page.url());
    assert.equal(await next.evaluate(() => ibConsent.get()?.categories.join()), 'necessary');
    await visitor.context.close();
  });
});
