/**
 * The embeds add-on, dist/ib-cookie-consent-embeds.js, on real pages with the built widget:
 * iframes that wait for consent behind a placeholder. YouTube, Vimeo and Google Maps are
 * answered by stubs; every request to them is recorded, so "nothing before consent" is seen on
 * the network, not inferred from attributes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { bannerButton, newVisitor, setUpSuite, sitePage, storedConsent } from './harness.mjs';

const suite = setUpSuite();
const ADD_ON = '/dist/ib-cookie-consent-embeds.js';
const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const TIMEOUT = { timeout: 15_000 };

const YOUTUBE_1 = 'https://www.youtube-nocookie.com/embed/demo-one';
const YOUTUBE_2 = 'https://www.youtube-nocookie.com/embed/demo-two';
const VIMEO = 'https://player.vimeo.com/video/123';
const MAPS = 'https://www.google.com/maps/embed?pb=office';
const EMBED_HOSTS = /^https:\/\/(www\.youtube-nocookie\.com|player\.vimeo\.com|www\.google\.com)\//;

/** A site with a marketing category, as a site with embeds configures it. */
const CONFIG = `<script type="application/json" id="ib-cookie-consent-config">
  {"categories": [{"id": "marketing", "label": "Marketing", "description": "Video's en kaarten van andere websites."}]}</script>`;

const EMBEDS = `
  <iframe id="yt1" data-consent="marketing" data-src="${YOUTUBE_1}" title="Productdemo" width="560" height="315"></iframe>
  <p>Tekst tussen de video's.</p>
  <iframe id="yt2" data-consent="marketing" data-src="${YOUTUBE_2}" title="Klantverhaal"></iframe>
  <iframe id="vimeo" data-consent="marketing" data-src="${VIMEO}" title="Webinar"></iframe>
  <iframe id="maps" data-consent="analytics" data-category-label="kaartcookies" data-src="${MAPS}" title="Route naar ons kantoor" width="600" height="450"></iframe>`;

/** A page with the widget and the add-on: `before` puts the add-on's tag first in <head>. */
function embedsPage({ body = EMBEDS, addOn = 'before', addOnAttributes = '' } = {}) {
  const tag = `<script src="${ADD_ON}" defer${addOnAttributes}></script>`;
  return sitePage({
    head: CONFIG + (addOn === 'before' ? tag : ''),
    body: `<main><h1>Inforbusiness</h1>${body}<a href="#" data-ib-consent-open>Cookie-instellingen</a></main>`,
  });
}

/** A visitor whose requests to the embed hosts are answered by a stub page and recorded. */
async function embedsVisitor(contextOptions) {
  const visitor = await newVisitor(suite.browser, contextOptions);
  visitor.embedRequests = [];
  // Registered after the harness's catch-all, so it is asked first.
  await visitor.context.route(EMBED_HOSTS, (route) => {
    visitor.embedRequests.push(route.request().url());
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Speler</title><p>Stub player</p>' });
  });
  return visitor;
}

/** The add-on's run has finished: every gated iframe has its placeholder or has loaded. */
const placeholders = (page) => page.locator('.ib-embed');
const region = (page, name) => page.getByRole('region', { name, exact: true });
const srcOf = (page, id) => page.evaluate((id) => document.getElementById(id).getAttribute('src'), id);
const focusedId = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.localName);
/** The URLs the page's frames show now: what actually loaded, not what the attributes say. */
const frameUrls = (page) => page.frames().slice(1).map((frame) => frame.url());
const ours = (visitor, type) => visitor.messages(type).filter((text) => text.startsWith('[ib-cookie-consent]'));

/** The widget's console messages of a type once `check` holds for them: console events reach the test after the action that caused them. */
async function consoleSays(visitor, type, check) {
  for (const deadline = Date.now() + TIMEOUT.timeout; Date.now() < deadline; await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (check(ours(visitor, type).join('\n'))) return;
  }
  assert.fail(`the console never said it; ${type}s:\n${ours(visitor, type).join('\n')}`);
}

async function openEmbedsPage(options, contextOptions) {
  const visitor = await embedsVisitor(contextOptions);
  const page = await visitor.open(suite.server.page(embedsPage(options)));
  await page.waitForFunction(() => window.ibConsent, null, TIMEOUT);
  return { visitor, page };
}

describe('before consent', () => {
  it('requests nothing from YouTube, Vimeo or Google Maps, and shows a placeholder naming the service and the cookies', async () => {
    const { visitor, page } = await openEmbedsPage();
    await page.waitForLoadState('load');
    await placeholders(page).nth(3).waitFor(TIMEOUT);
    // Time for anything that would load to ask for it.
    await page.waitForTimeout(300);
    assert.deepEqual(visitor.embedRequests, []);
    assert.deepEqual(visitor.foreignRequests, []);
    for (const id of ['yt1', 'yt2', 'vimeo', 'maps']) {
      assert.equal(await srcOf(page, id), null, `${id} has a src before consent`);
      assert.equal(await page.locator(`#${id}`).isHidden(), true);
    }
    assert.ok(frameUrls(page).every((url) => url === 'about:blank'), frameUrls(page).join());

    const youtube = region(page, 'Video van YouTube: Productdemo');
    assert.match(await youtube.textContent(), /Deze video van YouTube wordt pas geladen als u marketingcookies toestaat/);
    assert.equal(await youtube.getByRole('button', { name: 'Marketingcookies toestaan' }).count(), 1);
    assert.equal(await youtube.getByRole('button', { name: 'Alleen deze video laden' }).count(), 1);
    assert.match(await region(page, 'Video van Vimeo: Webinar').textContent(), /Vimeo/);
    // Not a video: "inhoud"; the category's own label from data-category-label.
    const maps = region(page, 'Inhoud van Google Maps: Route naar ons kantoor');
    assert.match(await maps.textContent(), /Deze inhoud van Google Maps wordt pas geladen als u kaartcookies toestaat/);
    assert.equal(await maps.getByRole('button', { name: 'Kaartcookies toestaan' }).count(), 1);
    assert.equal(await maps.getByRole('button', { name: 'Alleen deze inhoud laden' }).count(), 1);
    // Each placeholder stands where its iframe is.
    assert.equal(await page.evaluate(() => document.getElementById('yt1').previousElementSibling.className.split(' ')[0]), 'ib-embed');
    assert.deepEqual(ours(visitor, 'error'), []);
    assert.deepEqual(visitor.pageErrors, []);
    await visitor.context.close();
  });

  it('takes the iframe width and ratio from its width and height attributes, and fits 320 px (200% zoom) without scrolling sideways', async () => {
    const { visitor, page } = await openEmbedsPage({}, { viewport: { width: 1280, height: 800 } });
    const first = region(page, 'Video van YouTube: Productdemo');
    await first.waitFor(TIMEOUT);
    const box = await first.boundingBox();
    assert.equal(Math.round(box.width), 560);
    assert.ok(Math.abs(box.height - 315) < 2, `${box.width}x${box.height} is not 560x315`);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.waitForTimeout(100);
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'the page scrolls sideways at 320 px');
    for (const placeholder of await placeholders(page).all()) {
      const outer = await placeholder.boundingBox();
      assert.ok(outer.width <= 320, `a placeholder is ${outer.width}px wide`);
      // Its text and buttons stay inside it: it grows taller instead of keeping 16:9.
      for (const button of await placeholder.getByRole('button').all()) {
        const inner = await button.boundingBox();
        assert.ok(inner.y + inner.height <= outer.y + outer.height + 0.5 && inner.x + inner.width <= outer.x + outer.width + 0.5,
          `a button sticks out of its placeholder at 320 px`);
      }
    }
    await visitor.context.close();
  });

  it('passes axe: every placeholder, before and after the banner is answered', async () => {
    const { visitor, page } = await openEmbedsPage();
    await placeholders(page).nth(3).waitFor(TIMEOUT);
    await page.addScriptTag({ path: AXE });
    const violations = () =>
      page.evaluate(async () => {
        const result = await axe.run({ include: [...document.querySelectorAll('.ib-embed')].map((node) => [node]) });
        return result.violations.map(({ id, nodes }) => `${id}: ${nodes.map(({ html }) => html).join(' | ')}`);
      });
    assert.deepEqual(await violations(), []);
    await bannerButton(page, 'Alles weigeren').click();
    assert.deepEqual(await violations(), []);
    await visitor.context.close();
  });
});

describe('giving consent from the placeholder', () => {
  it('is keyboard operable: Tab reaches the button, Enter stores marketing and loads every marketing embed, focus moves to the video', async () => {
    const { visitor, page } = await openEmbedsPage();
    await placeholders(page).first().waitFor(TIMEOUT);
    const target = region(page, 'Video van YouTube: Productdemo').getByRole('button', { name: 'Marketingcookies toestaan' });
    let reached = false;
    // Past the banner (privacy link and its three buttons) into the page.
    for (let presses = 0; presses < 12 && !reached; presses++) {
      await page.keyboard.press('Tab');
      reached = await target.evaluate((button) => document.activeElement === button);
    }
    assert.ok(reached, 'Tab never reached "Marketingcookies toestaan"');
    const requested = page.waitForRequest(YOUTUBE_1, TIMEOUT);
    await page.keyboard.press('Enter');
    await requested;
    await page.waitForFunction(() => ['yt1', 'yt2', 'vimeo'].every((id) => document.getElementById(id).src), null, TIMEOUT);

    assert.deepEqual((await storedConsent(visitor.context)).categories.sort(), ['marketing', 'necessary']);
    assert.equal(await srcOf(page, 'yt1'), YOUTUBE_1);
    assert.equal(await srcOf(page, 'yt2'), YOUTUBE_2);
    assert.equal(await srcOf(page, 'vimeo'), VIMEO);
    assert.equal(await page.locator('#yt1').isVisible(), true);
    // The analytics embed still waits.
    assert.equal(await srcOf(page, 'maps'), null);
    assert.equal(await placeholders(page).count(), 1);
    assert.equal(await focusedId(page), 'yt1');
    // The choice closed the banner, like any other choice.
    await page.locator('ib-cookie-consent section').waitFor({ state: 'detached', ...TIMEOUT });
    await page.waitForFunction(() => document.getElementById('yt2').contentDocument === null, null, TIMEOUT);
    assert.ok(visitor.embedRequests.includes(YOUTUBE_2) && visitor.embedRequests.includes(VIMEO), visitor.embedRequests.join());
    assert.ok(!visitor.embedRequests.includes(MAPS));
    await visitor.context.close();
  });

  it('"Alleen deze video laden" loads that one embed for this page view, stores nothing, and keeps it after "Alles weigeren"', async () => {
    const { visitor, page } = await openEmbedsPage();
    const second = region(page, 'Video van YouTube: Klantverhaal');
    await second.waitFor(TIMEOUT);
    const requested = page.waitForRequest(YOUTUBE_2, TIMEOUT);
    await second.getByRole('button', { name: 'Alleen deze video laden' }).click();
    await requested;
    assert.equal(await srcOf(page, 'yt2'), YOUTUBE_2);
    assert.equal(await focusedId(page), 'yt2');
    assert.equal(await srcOf(page, 'yt1'), null);
    assert.equal(await srcOf(page, 'vimeo'), null);
    assert.deepEqual(visitor.embedRequests, [YOUTUBE_2]);
    assert.equal(await storedConsent(visitor.context), undefined);
    assert.equal(await page.evaluate(() => ibConsent.has('marketing')), false);
    // Refusing cookies in the banner withdraws nothing the visitor had: the video they chose to watch stays.
    await bannerButton(page, 'Alles weigeren').click();
    await page.locator('ib-cookie-consent section').waitFor({ state: 'detached', ...TIMEOUT });
    assert.equal(await srcOf(page, 'yt2'), YOUTUBE_2);
    // The next page view asks again.
    const next = await visitor.open(page.url());
    await placeholders(next).nth(3).waitFor(TIMEOUT);
    assert.equal(await srcOf(next, 'yt2'), null);
    await visitor.context.close();
  });
});

describe('withdrawing consent', () => {
  it('ibConsent.rejectAll() empties every marketing embed (also one loaded "once") and brings the placeholders back', async () => {
    const { visitor, page } = await openEmbedsPage();
    await placeholders(page).nth(3).waitFor(TIMEOUT);
    await region(page, 'Inhoud van Google Maps: Route naar ons kantoor').getByRole('button', { name: 'Alleen deze inhoud laden' }).click();
    await page.evaluate(() => ibConsent.acceptAll());
    await page.waitForFunction(() => ['yt1', 'yt2', 'vimeo', 'maps'].every((id) => document.getElementById(id).src), null, TIMEOUT);
    await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((frame) => !frame.contentDocument), null, TIMEOUT);
    assert.equal(await placeholders(page).count(), 0);

    await page.evaluate(() => ibConsent.rejectAll());
    for (const id of ['yt1', 'yt2', 'vimeo', 'maps']) {
      assert.equal(await srcOf(page, id), null, `${id} keeps its src after withdrawal`);
      assert.equal(await page.locator(`#${id}`).isHidden(), true);
    }
    assert.equal(await placeholders(page).count(), 4);
    // The players are gone, not only their attributes: every frame shows an empty document again.
    await page.waitForFunction(() => [...document.querySelectorAll('iframe')].every((frame) => frame.contentDocument?.URL === 'about:blank'), null, TIMEOUT);
    assert.ok(frameUrls(page).every((url) => url === 'about:blank'), frameUrls(page).join());
    // And they load again on the next grant.
    await region(page, 'Video van Vimeo: Webinar').getByRole('button', { name: 'Marketingcookies toestaan' }).click();
    await page.waitForFunction((url) => document.getElementById('vimeo').src === url, VIMEO, TIMEOUT);
    assert.equal(await focusedId(page), 'vimeo');
    await visitor.context.close();
  });
});

describe('loading order', () => {
  it('add-on before the widget, on a later page view with marketing stored: the embeds load without a click', async () => {
    const { visitor, page } = await openEmbedsPage();
    await page.evaluate(() => ibConsent.accept(['marketing']));
    const next = await visitor.open(page.url());
    await next.waitForFunction(() => ['yt1', 'yt2', 'vimeo'].every((id) => document.getElementById(id).src), null, TIMEOUT);
    assert.equal(await placeholders(next).count(), 1, 'only the analytics embed waits');
    assert.equal(await srcOf(next, 'maps'), null);
    assert.deepEqual(visitor.pageErrors, []);
    await visitor.context.close();
  });

  it('add-on loaded after the widget started: placeholders appear, and accepting loads the embeds', async () => {
    const visitor = await embedsVisitor();
    const page = await visitor.open(suite.server.page(embedsPage({ addOn: 'none' })));
    await page.waitForFunction(() => window.ibConsent, null, TIMEOUT);
    assert.equal(await placeholders(page).count(), 0);
    await page.addScriptTag({ url: ADD_ON });
    await placeholders(page).nth(3).waitFor(TIMEOUT);
    assert.deepEqual(visitor.embedRequests, []);
    await region(page, 'Video van YouTube: Productdemo').getByRole('button', { name: 'Marketingcookies toestaan' }).click();
    await page.waitForFunction(() => ['yt1', 'yt2', 'vimeo'].every((id) => document.getElementById(id).src), null, TIMEOUT);
    assert.deepEqual((await storedConsent(visitor.context)).categories.sort(), ['marketing', 'necessary']);
    assert.deepEqual(visitor.pageErrors, []);
    await visitor.context.close();
  });

  it('widget loaded long after the add-on: a click on the grant button waits for it, then stores consent and loads', async () => {
    const visitor = await embedsVisitor();
    const html = embedsPage().replace(/<script src="\/dist\/ib-cookie-consent\.js"[^>]*><\/script>/, '');
    const page = await visitor.open(suite.server.page(html));
    await placeholders(page).nth(3).waitFor(TIMEOUT);
    await region(page, 'Video van YouTube: Productdemo').getByRole('button', { name: 'Marketingcookies toestaan' }).click();
    assert.equal(await srcOf(page, 'yt1'), null);
    await consoleSays(visitor, 'warning', (text) => text.includes('has not started yet'));
    await page.addScriptTag({ url: '/dist/ib-cookie-consent.js' });
    await page.waitForFunction(() => ['yt1', 'yt2', 'vimeo'].every((id) => document.getElementById(id).src), null, TIMEOUT);
    assert.deepEqual((await storedConsent(visitor.context)).categories.sort(), ['marketing', 'necessary']);
    assert.equal(await focusedId(page), 'yt1');
    assert.deepEqual(visitor.pageErrors, []);
    await visitor.context.close();
  });

  it('a second copy of the add-on adds no second placeholder', async () => {
    const { visitor, page } = await openEmbedsPage();
    await placeholders(page).nth(3).waitFor(TIMEOUT);
    await page.addScriptTag({ url: `${ADD_ON}?copy` });
    await page.waitForFunction(() => window.ibConsent);
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    assert.equal(await placeholders(page).count(), 4);
    await visitor.context.close();
  });
});

describe('unsafe and broken markup', () => {
  it('never loads a javascript:, data: or plain-http data-src, even when granted, and names it in the console', async () => {
    const body = `
      <iframe id="js" data-consent="marketing" data-src="javascript:parent.pwned=1" title="a"></iframe>
      <iframe id="tab" data-consent="marketing" data-src=" java&#9;script:parent.pwned=2" title="b"></iframe>
      <iframe id="data" data-consent="marketing" data-src="data:text/html,<script>parent.pwned=3</script>" title="c"></iframe>
      <iframe id="http" data-consent="marketing" data-src="http://www.youtube-nocookie.com/embed/x" title="d"></iframe>
      <iframe id="ok" data-consent="marketing" data-src="${YOUTUBE_1}" title="e"></iframe>`;
    const { visitor, page } = await openEmbedsPage({ body });
    await page.evaluate(() => ibConsent.acceptAll());
    await page.waitForFunction((url) => document.getElementById('ok').src === url, YOUTUBE_1, TIMEOUT);
    await page.waitForTimeout(200);
    for (const id of ['js', 'tab', 'data', 'http']) assert.equal(await srcOf(page, id), null, `${id} got a src`);
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.deepEqual(visitor.embedRequests, [YOUTUBE_1]);
    for (const url of ['javascript:parent.pwned=1', 'java\tscript:parent.pwned=2', 'data:text/html', 'http://www.youtube-nocookie.com/embed/x']) {
      await consoleSays(visitor, 'error', (text) => text.includes(url));
    }
    // No placeholder offers what can never load.
    assert.equal(await placeholders(page).count(), 0);
    assert.deepEqual(visitor.pageErrors, []);
    await visitor.context.close();
  });

  it('an iframe with data-consent but a plain src gets a console warning (it was never held back)', async () => {
    const body = `<iframe id="direct" data-consent="marketing" src="${YOUTUBE_1}" title="Direct"></iframe>`;
    const { visitor, page } = await openEmbedsPage({ body });
    await consoleSays(visitor, 'warning', (text) => text.includes('without data-src'));
    assert.equal(await placeholders(page).count(), 0);
    await visitor.context.close();
  });
});

describe('single-page apps', () => {
  it('holds back iframes added later and in a replaced <body>, and loads them on consent', async () => {
    const { visitor, page } = await openEmbedsPage({ body: '<div id="view"></div>' });
    await page.evaluate((url) => {
      document.getElementById('view').innerHTML = `<iframe id="late" data-consent="marketing" data-src="${url}" title="Later"></iframe>`;
    }, YOUTUBE_1);
    await region(page, 'Video van YouTube: Later').waitFor(TIMEOUT);
    await page.evaluate((url) => {
      const body = document.createElement('body');
      body.innerHTML = `<main><h1>Nieuwe weergave</h1><iframe id="fresh" data-consent="marketing" data-src="${url}" title="Nieuw"></iframe></main>`;
      document.body.replaceWith(body);
    }, YOUTUBE_2);
    await region(page, 'Video van YouTube: Nieuw').waitFor(TIMEOUT);
    assert.deepEqual(visitor.embedRequests, []);
    // A view that drops an iframe takes its placeholder with it.
    await page.evaluate(() => document.getElementById('fresh').remove());
    await page.waitForFunction(() => !document.querySelector('.ib-embed'), null, TIMEOUT);
    await page.evaluate((url) => {
      document.querySelector('main').insertAdjacentHTML('beforeend', `<iframe id="third" data-consent="marketing" data-src="${url}" title="Derde"></iframe>`);
    }, VIMEO);
    await region(page, 'Video van Vimeo: Derde').getByRole('button', { name: 'Marketingcookies toestaan' }).click();
    await page.waitForFunction((url) => document.getElementById('third').src === url, VIMEO, TIMEOUT);
    assert.deepEqual(visitor.embedRequests, [VIMEO]);
    await visitor.context.close();
  });
});

describe('strict Content-Security-Policy and Trusted Types', () => {
  const nonce = 'eMb3dN0nce';
  const csp = `default-src 'self'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; frame-src https://www.youtube-nocookie.com; ` +
    "require-trusted-types-for 'script'; trusted-types ib-cookie-consent lit-html";
  const html = `<!doctype html><html lang="nl"><head><meta charset="utf-8">${CONFIG.replace('<script', `<script nonce="${nonce}"`)}
    <script nonce="${nonce}" src="${ADD_ON}" defer data-privacy-url="/privacyverklaring"></script>
    <script nonce="${nonce}" src="/dist/ib-cookie-consent.js" defer></script></head>
    <body><main><h1>CSP</h1><iframe id="yt1" data-consent="marketing" data-src="${YOUTUBE_1}" title="Productdemo" width="560" height="315"></iframe>
    <a href="#" data-ib-consent-open>Cookie-instellingen</a></main></body></html>`;
  const watchViolations = () => {
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  };

  for (const [kind, init] of [
    ['with constructed stylesheets, appended to the page\'s own', () => {}],
    ['without them: a <style> with the add-on script\'s nonce', () => {
      // A browser without document.adoptedStyleSheets (Safari before 16.4; the widget's shadow root keeps its own).
      delete Document.prototype.adoptedStyleSheets;
    }],
  ]) {
    it(`styles the placeholder ${kind}; no inline style, no violation, loads on consent`, async () => {
      const visitor = await embedsVisitor();
      await visitor.context.addInitScript(watchViolations);
      await visitor.context.addInitScript(init);
      // The page's own adopted sheet, which the add-on must keep.
      await visitor.context.addInitScript(() => {
        if (!document.adoptedStyleSheets) return;
        const own = new CSSStyleSheet();
        own.replaceSync('h1 { letter-spacing: 3px }');
        document.adoptedStyleSheets = [own];
      });
      const page = await visitor.open(suite.server.page(html, { headers: { 'content-security-policy': csp } }));
      const placeholder = region(page, 'Video van YouTube: Productdemo');
      await placeholder.waitFor(TIMEOUT);
      assert.equal(await placeholder.evaluate((node) => getComputedStyle(node).display), 'flex');
      assert.equal(Math.round((await placeholder.boundingBox()).width), 560);
      // (The widget keeps room at the page's bottom through the CSSOM on <body>; the add-on sets no style at all.)
      assert.equal(await page.locator('.ib-embed[style], .ib-embed [style], iframe[style]').count(), 0);
      const styleElements = await page.evaluate(() => [...document.querySelectorAll('style')].map((style) => style.nonce));
      if (kind.startsWith('without')) assert.deepEqual(styleElements, [nonce]);
      else {
        assert.deepEqual(styleElements, []);
        assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('h1')).letterSpacing), '3px');
      }
      assert.equal(await placeholder.getByRole('link', { name: 'Privacyverklaring' }).evaluate((link) => link.pathname), '/privacyverklaring');
      await placeholder.getByRole('button', { name: 'Marketingcookies toestaan' }).click();
      await page.waitForFunction((url) => document.getElementById('yt1').src === url, YOUTUBE_1, TIMEOUT);
      await page.waitForFunction(() => document.getElementById('yt1').contentDocument === null, null, TIMEOUT);
      assert.deepEqual(await page.evaluate(() => window.violations), []);
      assert.deepEqual(ours(visitor, 'error'), []);
      assert.deepEqual(visitor.pageErrors, []);
      await visitor.context.close();
    });
  }
});
