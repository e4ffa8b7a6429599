/**
 * Drives the built dist/ib-cookie-consent.js the way a visitor meets it: real pages from a local
 * server, Chromium (scripts/chromium.mjs) through playwright-core, Google's hosts intercepted and stubbed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { startStaticServer } from '../../scripts/static-server.mjs';

/** The project's files, and pages the tests write, on a free local port. */
export async function startServer(tls) {
  const server = await startStaticServer({ root: new URL('../../', import.meta.url).pathname, tls });
  let count = 0;
  return {
    /** Serves `html` at a new path and returns its URL on `host`. */
    page(html, { headers = {}, host = 'localhost' } = {}) {
      const path = `/page-${++count}.html`;
      server.setPage(path, html, headers);
      return `${tls ? 'https' : 'http'}://${host}:${server.port}${path}`;
    },
    /** Answers requests to `path` with `handler(request, response)`. */
    handle: server.setHandler,
    close: server.close,
  };
}

/** A throwaway self-signed certificate (openssl) for `host`: a real https page, or a stand-in for Google. */
export function selfSignedCertificate(host) {
  const folder = mkdtempSync(join(tmpdir(), 'ib-consent-tls-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${host}`,
      '-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(folder, 'key.pem')), cert: readFileSync(join(folder, 'cert.pem')) };
  } finally {
    rmSync(folder, { recursive: true });
  }
}

/**
 * A server and a browser for one test file, started before its tests and stopped after them;
 * `{ https: true }` serves the pages over TLS with a self-signed certificate.
 */
export function setUpSuite({ https = false } = {}) {
  const suite = {};
  before(async () => {
    suite.server = await startServer(https ? selfSignedCertificate('www.ib.localtest') : undefined);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}

export async function launchBrowser() {
  return chromium.launch(chromiumLaunchOptions());
}

export const GTAG_HOST = 'www.googletagmanager.com';

/**
 * A fresh visitor (own cookies) whose requests are watched: gtag.js from Google is answered by a
 * stub, anything else off this machine is aborted, and both are recorded.
 */
export async function newVisitor(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const visitor = { context, gtagRequests: [], foreignRequests: [], consoleMessages: [], pageErrors: [] };
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname.endsWith('.ib.localtest')) {
      return route.continue();
    }
    if (url.hostname === GTAG_HOST && url.pathname === '/gtag/js') {
      visitor.gtagRequests.push(url.href);
      return route.fulfill({ contentType: 'text/javascript', body: 'window.gtagStubLoads = (window.gtagStubLoads || 0) + 1;' });
    }
    visitor.foreignRequests.push(url.href);
    return route.abort();
  });
  visitor.open = async (url) => {
    const page = await context.newPage();
    page.on('console', (message) => visitor.consoleMessages.push({ type: message.type(), text: message.text() }));
    page.on('pageerror', (error) => visitor.pageErrors.push(String(error)));
    await page.goto(url);
    await page.waitForFunction(() => window.ibConsent || document.readyState === 'complete');
    return page;
  };
  visitor.messages = (type) => visitor.consoleMessages.filter((message) => message.type === type).map(({ text }) => text);
  return visitor;
}

/** The page a site builds: `head`, the widget's script tag with these data-* attributes, `addOns` (their script tags), `body`. */
export function sitePage({ data = {}, head = '', addOns = '', body = '<main><h1>Inforbusiness</h1><a href="#" data-ib-consent-open>Cookie-instellingen</a></main>' } = {}) {
  const attributes = Object.entries({ 'privacy-url': '/privacyverklaring', ...data })
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` data-${name}="${value}"`)
    .join('');
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Test</title>${head}
<script src="/dist/ib-cookie-consent.js" defer${attributes}></script>${addOns}</head><body>${body}</body></html>`;
}

/** The stored ib_consent record, parsed, or undefined. */
export async function storedConsent(context) {
  const cookie = (await context.cookies()).find(({ name }) => name === 'ib_consent');
  return cookie && JSON.parse(decodeURIComponent(cookie.value));
}

/** gtag commands as plain arrays. */
export function dataLayer(page) {
  return page.evaluate(() => (window.dataLayer ?? []).map((entry) => JSON.parse(JSON.stringify(Array.from(entry)))));
}

export const banner = (page) => page.locator('ib-cookie-consent section');
export const bannerButton = (page, name) => page.locator('ib-cookie-consent section').getByRole('button', { name, exact: true });
