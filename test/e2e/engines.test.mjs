/**
 * The core of a visit on the built dist/ in Firefox and WebKit (Chromium's e2e is every other file
 * here): a fresh visit asks and loads nothing from Google, accepting loads gtag.js and stores the
 * choice, a reload keeps it, the footer link reopens the preferences, and rejecting there withdraws
 * (the _ga cookies go) and stays withdrawn; no step logs an error or throws into the page.
 *
 * Firefox runs through puppeteer-core over WebDriver BiDi, WebKit through WebKitWebDriver (classic
 * WebDriver, which cannot intercept requests). So both browsers reach every host but the local
 * one through a proxy of ours, which records each request and answers Google's gtag.js with a stub
 * (over TLS with a self-signed certificate the browsers are told to accept); nothing else gets out.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { after, before, describe, it } from 'node:test';
import puppeteer from 'puppeteer-core';
import { ENGINE_LABELS, MISSING, firefoxProxyPrefs, selectedEngines, startWebKitDriver } from '../../scripts/browsers.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';
import { GTAG_HOST, selfSignedCertificate, sitePage } from './harness.mjs';

const GA = 'G-E2ETEST1';
const GOOGLE_HOST = /(^|\.)(google(-analytics|tagmanager|adservices|syndication)?\.[a-z.]+|doubleclick\.net|gstatic\.com)$/;
/** Stands in for gtag.js and, as the real one does, leaves Google Analytics' cookies behind. */
const GTAG_STUB = `window.gtagStubLoads = (window.gtagStubLoads || 0) + 1;
document.cookie = '_ga=GA1.1.123.456; path=/; max-age=3600';
document.cookie = '_ga_E2ETEST1=GS1.1.123.1.0.0; path=/; max-age=3600';`;

/**
 * First in the page, before the widget: keeps every uncaught exception, rejected promise and
 * console.error, since WebDriver classic cannot read WebKit's console. Kept in sessionStorage, so
 * an error during a reload is still there to read after it.
 */
const ERROR_RECORDER = `<script>
(() => {
  const keep = (text) => sessionStorage.setItem('pageErrors', JSON.stringify([...JSON.parse(sessionStorage.getItem('pageErrors') || '[]'), String(text)]));
  addEventListener('error', (event) => keep(event.message));
  addEventListener('unhandledrejection', (event) => keep(event.reason));
  const { error } = console;
  console.error = (...args) => { keep(args.join(' ')); error.apply(console, args); };
})();
</script>`;

const FOOTER = '<main><h1>Inforbusiness</h1></main><footer><a href="#" data-ib-consent-open>Cookie-instellingen</a></footer>';

/**
 * The only way off this machine: an http proxy that records every request. gtag.js from Google
 * gets the stub (its CONNECT tunnel ends in a TLS server with a certificate for Google's host);
 * any other host is refused, as if it did not resolve.
 */
async function startForeignNetwork() {
  const requests = [];
  const stubGtag = (request, response) => {
    const url = new URL(request.url, `https://${request.headers.host}`);
    requests.push(url.href);
    if (url.hostname === GTAG_HOST && url.pathname === '/gtag/js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(GTAG_STUB);
    } else {
      response.writeHead(502).end();
    }
  };
  const google = createTlsServer(selfSignedCertificate(GTAG_HOST), stubGtag);
  const proxy = createServer(stubGtag);
  proxy.on('connect', (request, socket) => {
    const [host] = request.url.split(':');
    if (host !== GTAG_HOST) {
      requests.push(`https://${request.url}`);
      return socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    }
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    google.emit('connection', socket);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: proxy.address().port,
    requests,
    gtagRequests: () => requests.filter((url) => new URL(url).hostname === GTAG_HOST && new URL(url).pathname === '/gtag/js'),
    googleRequests: () => requests.filter((url) => GOOGLE_HOST.test(new URL(url).hostname)),
    close: () => new Promise((resolve) => {
      proxy.closeAllConnections();
      proxy.close(resolve);
    }),
  };
}

/**
 * A visitor with a cookie jar of their own, driven the same way in each engine: `run` evaluates a
 * JavaScript expression in the page, `click` clicks (as a real pointer would) the element such an
 * expression returns.
 */
const newVisitorIn = {
  async firefox({ executable, proxyPort }) {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: executable,
      acceptInsecureCerts: true,
      extraPrefsFirefox: firefoxProxyPrefs({ host: '127.0.0.1', port: proxyPort }),
    });
    const context = await browser.createBrowserContext();
    const page = await context.newPage();
    return {
      open: (url) => page.goto(url),
      reload: () => page.reload(),
      run: (expression) => page.evaluate(expression),
      click: async (expression) => (await page.evaluateHandle(expression)).asElement().click(),
      cookies: () => context.cookies(),
      close: () => browser.close(),
    };
  },

  async webkit({ executable, proxyPort }) {
    const driver = await startWebKitDriver(executable, { proxy: { host: '127.0.0.1', port: proxyPort } });
    const send = async (method, path, body) => {
      const response = await fetch(`${driver.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body && JSON.stringify(body),
      });
      const { value } = await response.json();
      if (!response.ok) throw new Error(`WebDriver ${method} ${path}: ${value.error}: ${value.message}`);
      return value;
    };
    const { sessionId } = await send('POST', '/session', {
      capabilities: {
        alwaysMatch: {
          ...driver.capabilities,
          acceptInsecureCerts: true,
        },
      },
    });
    const session = (method, path, body) => send(method, `/session/${sessionId}${path}`, body);
    const run = (expression) => session('POST', '/execute/sync', { script: `return (${expression});`, args: [] });
    return {
      open: (url) => session('POST', '/url', { url }),
      reload: () => session('POST', '/refresh', {}),
      run,
      click: async (expression) => {
        const element = await run(expression);
        await session('POST', `/element/${Object.values(element)[0]}/click`, {});
      },
      cookies: () => session('GET', '/cookie'),
      close: async () => {
        await session('DELETE', '').catch(() => {});
        driver.stop();
      },
    };
  },
};

/** Polls `expression` in the page until it is true; generous, as the machine may be busy. */
async function waitUntil(visitor, expression, what, timeout = 20_000) {
  for (const deadline = Date.now() + timeout; Date.now() < deadline;) {
    if (await visitor.run(expression).catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.fail(`Timed out waiting until ${what}: ${expression}`);
}

const shadow = (selector) => `document.querySelector('ib-cookie-consent')?.shadowRoot?.querySelector(${JSON.stringify(selector)})`;
/** The button named `name` in the banner (`section`) or the dialog. */
const button = (scope, name) =>
  `[...(${shadow(scope)}?.querySelectorAll('button') ?? [])].find((button) => button.innerText.trim() === ${JSON.stringify(name)})`;
const BANNER_SHOWN = `Boolean(${shadow('section')}?.getClientRects().length)`;
const DIALOG_OPEN = `Boolean(${shadow('dialog')}?.open)`;

const { engines: available, found, strict } = selectedEngines();

for (const engine of ['firefox', 'webkit']) {
  const label = ENGINE_LABELS[engine];
  const asked = engine in found;
  const missing = asked && !available.includes(engine);
  // Missing on a laptop: skipped, saying what to install. Missing in CI, or when TEST_ENGINES names
  // it: the suite fails in before().
  const skip = !asked ? 'not in TEST_ENGINES' : missing && !strict ? `${label} is not installed: ${MISSING[engine]}` : false;

  describe(`${label}: the core of a visit on dist/`, { skip }, () => {
    const suite = {};
    before(async () => {
      if (missing) throw new Error(MISSING[engine]);
      suite.server = await startStaticServer({ root: new URL('../../', import.meta.url).pathname });
      suite.network = await startForeignNetwork();
      suite.visitor = await newVisitorIn[engine]({ executable: found[engine], proxyPort: suite.network.port });
      const html = sitePage({ data: { 'ga-id': GA }, head: ERROR_RECORDER, body: FOOTER });
      suite.server.setPage('/site.html', html);
      suite.url = `http://127.0.0.1:${suite.server.port}/site.html`;
    });
    after(async () => {
      await suite.visitor?.close();
      await suite.network?.close();
      await suite.server?.close();
    });

    const cookie = async (name) => (await suite.visitor.cookies()).find((entry) => entry.name === name);
    const storedCategories = async () => JSON.parse(decodeURIComponent((await cookie('ib_consent'))?.value ?? 'null'))?.categories;
    /** Every step ends by checking that nothing went wrong in the page so far. */
    const assertNoPageErrors = async () =>
      assert.deepEqual(JSON.parse(await suite.visitor.run("sessionStorage.getItem('pageErrors') || '[]'")), []);

    it('shows the banner on a fresh visit and requests nothing from Google', async () => {
      const { visitor, network } = suite;
      await visitor.open(suite.url);
      await waitUntil(visitor, BANNER_SHOWN, 'the banner shows');
      for (const name of ['Alles accepteren', 'Alles weigeren', 'Instellingen']) {
        assert.equal(await visitor.run(`Boolean(${button('section', name)})`), true, name);
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(await visitor.run('document.querySelectorAll(\'script[src*="gtag/js"]\').length'), 0);
      // Google's hosts only: Firefox's own traffic (remote settings) goes through the proxy too.
      assert.deepEqual(network.googleRequests(), []);
      assert.equal(await cookie('ib_consent'), undefined);
      await assertNoPageErrors();
    });

    it('loads gtag.js (stubbed) with the id and stores the choice when the visitor accepts', async () => {
      const { visitor, network } = suite;
      await visitor.click(button('section', 'Alles accepteren'));
      await waitUntil(visitor, 'window.gtagStubLoads === 1', 'the gtag.js stub has run');
      assert.deepEqual(network.gtagRequests().map((url) => new URL(url).searchParams.get('id')), [GA]);
      assert.deepEqual(await storedCategories(), ['necessary', 'analytics']);
      assert.equal(await visitor.run(BANNER_SHOWN), false);
      assert.ok(await cookie('_ga'), 'the stub left _ga');
      await assertNoPageErrors();
    });

    it('keeps the choice on a reload: no banner, GA loaded again', async () => {
      const { visitor, network } = suite;
      await visitor.reload();
      await waitUntil(visitor, 'window.gtagStubLoads === 1', 'the gtag.js stub has run again');
      assert.equal(network.gtagRequests().length, 2);
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(await visitor.run(BANNER_SHOWN), false);
      assert.equal(await visitor.run("ibConsent.has('analytics')"), true);
      await assertNoPageErrors();
    });

    it('reopens the preferences from the footer link, showing the stored choice', async () => {
      const { visitor } = suite;
      await visitor.click("document.querySelector('[data-ib-consent-open]')");
      await waitUntil(visitor, DIALOG_OPEN, 'the preferences dialog is open');
      assert.equal(await visitor.run(`${shadow('dialog input[value=analytics]')}.checked`), true);
      await assertNoPageErrors();
    });

    it('withdraws with "Alles weigeren" in the dialog: _ga cookies deleted, refusal kept after a reload', async () => {
      const { visitor, network } = suite;
      await visitor.click(button('dialog', 'Alles weigeren'));
      await waitUntil(visitor, `!${DIALOG_OPEN}`, 'the dialog has closed');
      assert.deepEqual(await storedCategories(), ['necessary']);
      assert.deepEqual((await visitor.cookies()).map(({ name }) => name).filter((name) => name.startsWith('_ga')), []);
      await assertNoPageErrors();
      await visitor.reload();
      await waitUntil(visitor, 'Boolean(window.ibConsent)', 'the widget has started');
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(await visitor.run(BANNER_SHOWN), false);
      assert.equal(await visitor.run("ibConsent.has('analytics')"), false);
      assert.equal(await visitor.run('window.gtagStubLoads ?? 0'), 0);
      assert.equal(network.gtagRequests().length, 2);
      assert.deepEqual(network.googleRequests(), network.gtagRequests(), 'only gtag.js, only after consent');
      await assertNoPageErrors();
    });
  });
}
