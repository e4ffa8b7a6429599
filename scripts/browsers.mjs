/**
 * The three engines the tests run in, next to scripts/chromium.mjs: where Firefox and WebKit live,
 * which engines a run asks for (TEST_ENGINES), and a WebKitWebDriver with a display of its own.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { CHROMIUM_MISSING, findChromium } from './chromium.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/** The hosts tests serve pages from; a proxy given below takes every other request. */
const LOCAL_HOSTS = ['localhost', '127.0.0.1'];

/** Firefox preferences that send every request but local ones to the http proxy at `{ host, port }`. */
export function firefoxProxyPrefs({ host, port }) {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': host,
    'network.proxy.http_port': port,
    'network.proxy.ssl': host,
    'network.proxy.ssl_port': port,
    'network.proxy.no_proxies_on': LOCAL_HOSTS.join(', '),
    'network.proxy.allow_hijacking_localhost': false,
  };
}

/** How an engine is called in messages, as the tests' own output names it. */
export const ENGINE_LABELS = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

const existing = (paths) => paths.find((path) => path && existsSync(path));
const onPath = (name) => existing((process.env.PATH ?? '').split(delimiter).map((folder) => join(folder, name)));
/** An override from the environment is taken as given, so a wrong one is reported, not bypassed. */
const overridden = (name) => (process.env[name] ? [process.env[name]] : undefined);

/** Firefox (FIREFOX_PATH, then Debian's firefox-esr or firefox, then macOS's), or undefined. */
export function findFirefox() {
  return existing(overridden('FIREFOX_PATH') ?? [
    '/usr/bin/firefox-esr',
    '/usr/bin/firefox',
    '/Applications/Firefox.app/Contents/MacOS/firefox',
  ]);
}

const multiarchLib = `/usr/lib/${process.arch === 'arm64' ? 'aarch64' : 'x86_64'}-linux-gnu`;

/**
 * WebKitGTK's WebDriver and the MiniBrowser it drives (WEBKIT_WEBDRIVER_PATH and MINIBROWSER_PATH,
 * then Debian's webkit2gtk-driver), and a display for it: an Xvfb of our own, else the desktop's.
 * Undefined when one of them is missing. Safari's safaridriver is another protocol, not used here.
 */
export function findWebKit() {
  const driver = existing(overridden('WEBKIT_WEBDRIVER_PATH') ?? ['/usr/bin/WebKitWebDriver']);
  const miniBrowser = existing(overridden('MINIBROWSER_PATH') ?? [
    `${multiarchLib}/webkit2gtk-4.1/MiniBrowser`,
    `${multiarchLib}/webkitgtk-6.0/MiniBrowser`,
    `${multiarchLib}/webkit2gtk-4.0/MiniBrowser`,
  ]);
  const xvfb = onPath('Xvfb');
  if (!driver || !miniBrowser || !(xvfb || process.env.DISPLAY)) return undefined;
  return { driver, miniBrowser, xvfb };
}

export const MISSING = {
  chromium: CHROMIUM_MISSING,
  firefox: 'No Firefox found. Install one (Debian: apt-get install firefox-esr), or point FIREFOX_PATH at its executable.',
  webkit: 'No WebKit found. Debian: apt-get install webkit2gtk-driver xvfb (WebKitWebDriver, its MiniBrowser and a ' +
    'virtual display); or point WEBKIT_WEBDRIVER_PATH and MINIBROWSER_PATH at them.',
};

const finders = { chromium: findChromium, firefox: findFirefox, webkit: findWebKit };

/**
 * The engines this run tests in: TEST_ENGINES (a comma-separated list) or all three. `missing`
 * lists those asked for but not installed, each with what to install; `strict` says a missing
 * engine is a failure: in CI, and when TEST_ENGINES names it. On a laptop without one the others
 * still run, and the missing one is reported.
 */
export function selectedEngines() {
  const asked = process.env.TEST_ENGINES?.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = asked?.filter((name) => !ENGINES.includes(name)) ?? [];
  if (unknown.length) throw new Error(`TEST_ENGINES: unknown engine ${unknown.join(', ')}; use ${ENGINES.join(', ')}.`);
  const wanted = asked?.length ? ENGINES.filter((name) => asked.includes(name)) : ENGINES;
  const found = Object.fromEntries(wanted.map((name) => [name, finders[name]()]));
  return {
    engines: wanted.filter((name) => found[name]),
    found,
    missing: wanted.filter((name) => !found[name]).map((name) => ({ engine: name, message: MISSING[name] })),
    strict: Boolean(asked?.length) || Boolean(process.env.CI),
  };
}

/** A port nobody listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts Xvfb on a display number it picks itself (-displayfd), so parallel runs never collide. */
function startXvfb(xvfb) {
  const child = spawn(xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr.on('data', (chunk) => (log += chunk));
  return new Promise((resolve, reject) => {
    let number = '';
    child.stdio[3].on('data', (chunk) => {
      number += chunk;
      if (number.includes('\n')) resolve({ display: `:${number.trim()}`, process: child });
    });
    child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}) before it had a display:\n${log}`)));
    child.once('error', reject);
  });
}

/** Resolves once the driver answers /status; rejects if it exits or stays silent for 20 s. */
async function waitForDriver(url, child) {
  let exited = false;
  child.once('exit', () => (exited = true));
  for (const deadline = Date.now() + 20_000; Date.now() < deadline && !exited;) {
    try {
      if ((await fetch(`${url}/status`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not start at ${url}`);
}

/**
 * Starts WebKitWebDriver on a free port, MiniBrowser's display being our own Xvfb where Xvfb is
 * installed (no window on a developer's desktop, and keyboard focus that nothing else takes),
 * else $DISPLAY. Returns the driver's address, the W3C capabilities for a MiniBrowser session and
 * `stop()`. Both processes are also killed when this Node process exits, however it exits.
 *
 * `proxy` ({ host, port }, an http proxy) takes every request but local ones. It is given to
 * MiniBrowser itself: WebKitWebDriver's `proxy` capability leaves https unproxied.
 */
export async function startWebKitDriver(webkit = findWebKit(), { proxy } = {}) {
  if (!webkit) throw new Error(MISSING.webkit);
  const children = [];
  const stop = () => {
    for (const child of children.reverse()) if (child.exitCode === null && child.signalCode === null) child.kill();
  };
  process.once('exit', stop);
  try {
    const display = webkit.xvfb ? await startXvfb(webkit.xvfb) : { display: process.env.DISPLAY };
    if (display.process) children.push(display.process);
    const port = await freePort();
    const driver = spawn(webkit.driver, [`--port=${port}`], {
      env: { ...process.env, DISPLAY: display.display },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    children.push(driver);
    // MiniBrowser's GTK warnings go to this pipe; only a failure to start shows them.
    let log = '';
    driver.stderr.on('data', (chunk) => (log = (log + chunk).slice(-4000)));
    const url = `http://127.0.0.1:${port}`;
    await waitForDriver(url, driver).catch((error) => {
      throw new Error(`${error.message}\n${log}`);
    });
    return {
      url,
      port,
      capabilities: {
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': {
          binary: webkit.miniBrowser,
          args: [
            '--automation',
            ...(proxy ? [`--proxy=http://${proxy.host}:${proxy.port}`, ...LOCAL_HOSTS.map((host) => `--ignore-host=${host}`)] : []),
          ],
        },
        // webdriverio 9 would otherwise ask for WebDriver BiDi, which WebKitWebDriver lacks.
        'wdio:enforceWebDriverClassic': true,
      },
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}
