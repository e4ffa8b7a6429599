/** The site as it really is: extended categories and mistyped gated scripts, on the built file. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bannerButton, newVisitor, setUpSuite, sitePage } from './harness.mjs';

const suite = setUpSuite();
describe('categories and gated scripts', () => {
  it('adds cookies to the built-in analytics category: withdrawal deletes Google\'s and the added ones', async () => {
    const visitor = await newVisitor(suite.browser);
    const config = `<script type="application/json" id="ib-cookie-consent-config">{"categories":[{"id":"analytics","cookies":[{"name":"_hj*"}]}]}</script>`;
    const page = await visitor.open(suite.server.page(sitePage({ data: { 'ga-id': 'G-EXTEND01' }, head: config })));
    await bannerButton(page, 'Alles accepteren').click();
    await page.evaluate(() => {
      for (const name of ['_ga', '_ga_ABC123', '_hjSession_1', '_hjid']) document.cookie = `${name}=1; path=/`;
    });
    await page.evaluate(() => window.ibConsent.rejectAll());
    const left = (await visitor.context.cookies()).map(({ name }) => name).sort();
    assert.deepEqual(left, ['ib_consent']);
    await visitor.context.close();
  });

  it('warns once about a data-consent that names no category, with the known ids', async () => {
    const visitor = await newVisitor(suite.browser);
    const page = await visitor.open(
      suite.server.page(sitePage({ body: '<script type="text/plain" data-consent="analytic">window.ran = true</script><h1>x</h1>' })),
    );
    await page.evaluate(() => window.ibConsent.acceptAll());
    assert.equal(await page.evaluate(() => window.ran), undefined);
    const warnings = visitor.messages('warning').filter((text) => text.includes('"analytic"'));
    assert.equal(warnings.length, 1, warnings.join('\n'));
    assert.match(warnings[0], /necessary,analytics/);
    await visitor.context.close();
  });
});
