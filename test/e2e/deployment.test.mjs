/**
 * The README's "Deploying" section, followed as written: its Content-Security-Policy headers
 * (read from the README itself) and the script tag with the built file's SRI value. Google's
 * hosts are stubbed by the harness; the policy still applies to their URLs.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { bannerButton, newVisitor, setUpSuite } from './harness.mjs';

const suite = setUpSuite();
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const integrity = readFileSync(new URL('../../dist/ib-cookie-consent.js.sri', import.meta.url), 'utf8').trim();
/** The README's policies, as one header value each. */
const [withNonce, withoutNonce] = [...readme.matchAll(/```\nContent-Security-Policy:\n([\s\S]*?)```/g)].map(([, policy]) => policy.replace(/\s*\n\s*/g, ' ').trim());
const NONCE = 'r4nd0mN0nce';

function watchViolations() {
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
}

function sitePage(scriptAttributes) {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Deployed</title>
<script src="/dist/ib-cookie-consent.js" ${scriptAttributes} data-ga-id="G-DEPLOY1" data-privacy-url="/privacyverklaring"></script>
</head><body><main><h1>Inforbusiness</h1><a href="#" data-ib-consent-open>Cookie-instellingen</a></main></body></html>`;
}

async function visit(html, policy) {
  const visitor = await newVisitor(suite.browser);
  await visitor.context.addInitScript(watchViolations);
  const page = await visitor.open(suite.server.page(html, { headers: { 'content-security-policy': policy } }));
  return { visitor, page };
}

describe('deploying as the README says', () => {
  it('finds both policies in the README', () => {
    assert.match(withNonce, /script-src 'nonce-\{RANDOM\}'/);
    assert.match(withoutNonce, /script-src 'self'/);
  });

  for (const [kind, policy, attributes] of [
    ['with a nonce', () => withNonce.replace('{RANDOM}', NONCE), `nonce="${NONCE}" integrity="${integrity}" crossorigin="anonymous"`],
    ['without a nonce', () => withoutNonce, `integrity="${integrity}" crossorigin="anonymous"`],
  ]) {
    it(`${kind}: the SRI-checked script shows the banner and loads gtag.js after consent, with no violation`, async () => {
      const { visitor, page } = await visit(sitePage(attributes), policy());
      await bannerButton(page, 'Alles accepteren').click();
      // A blocked gtag.js is never requested: wait for it to run or for the policy to say no.
      await page.waitForFunction(() => window.gtagStubLoads === 1 || window.violations.length);
      assert.deepEqual(await page.evaluate(() => window.violations), []);
      assert.equal(visitor.gtagRequests.length, 1);
      assert.deepEqual(visitor.pageErrors, []);
      await visitor.context.close();
    });
  }

  it('a file that does not match its integrity value runs nothing: no banner, nothing granted', async () => {
    const wrong = `sha384-${Buffer.alloc(48).toString('base64')}`;
    const { visitor, page } = await visit(sitePage(`integrity="${wrong}" crossorigin="anonymous"`), withoutNonce);
    await page.waitForLoadState('load');
    assert.equal(await page.evaluate(() => typeof window.ibConsent), 'undefined');
    assert.equal(await page.locator('ib-cookie-consent').count(), 0);
    assert.deepEqual(visitor.gtagRequests, []);
    await visitor.context.close();
  });
});
