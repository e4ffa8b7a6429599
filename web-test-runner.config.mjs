/**
 * Every browser test in Chromium, Firefox and WebKit (TEST_ENGINES=firefox,webkit for fewer).
 * Chromium and Firefox through puppeteer-core (Firefox over WebDriver BiDi); WebKit through a
 * WebKitWebDriver this config starts itself, with MiniBrowser on a virtual display.
 */
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { webdriverLauncher } from '@web/test-runner-webdriver';
import puppeteer from 'puppeteer-core';
import { chromiumArgs } from './scripts/chromium.mjs';
import { ENGINE_LABELS, firefoxProxyPrefs, selectedEngines, startWebKitDriver } from './scripts/browsers.mjs';

const { engines, found, missing, strict } = selectedEngines();
if (missing.length) {
  const report = missing.map(({ engine, message }) => `${ENGINE_LABELS[engine]} tests NOT run: ${message}`).join('\n');
  if (strict) {
    console.error(`${report}\n(TEST_ENGINES or CI asks for every engine named, so this run fails.)`);
    process.exit(1);
  }
  // Said before the run and again after it, where a developer reads the result.
  console.warn(report);
  process.once('exit', () => console.warn(`\n${report}`));
}

/**
 * Foreign hosts fail at once, as Chromium's --host-resolver-rules make them: every request but the
 * local ones goes to a proxy on a port where nothing listens (9, discard).
 */
const CLOSED_PROXY = { host: '127.0.0.1', port: 9 };

const launchers = {
  chromium: () => chromeLauncher({ puppeteer, launchOptions: { executablePath: found.chromium, args: chromiumArgs } }),
  firefox: () =>
    chromeLauncher({
      puppeteer,
      launchOptions: {
        browser: 'firefox',
        executablePath: found.firefox,
        extraPrefsFirefox: firefoxProxyPrefs(CLOSED_PROXY),
      },
    }),
  webkit: async () => {
    const driver = await startWebKitDriver(found.webkit, { proxy: CLOSED_PROXY });
    return webdriverLauncher({
      hostname: '127.0.0.1',
      port: driver.port,
      path: '/',
      logLevel: 'error',
      capabilities: driver.capabilities,
    });
  },
};

/**
 * `setViewport()` of test/helpers.ts in every engine: puppeteer sets the viewport (Chromium and
 * Firefox); WebDriver can only size the window, so the window is made larger than the viewport by
 * MiniBrowser's toolbar. MiniBrowser's window is never narrower than 447 px: asked for less, the
 * command fails, saying so, rather than let a test measure the wrong width.
 */
function viewportPlugin() {
  return {
    name: 'viewport-in-every-engine',
    async executeCommand({ command, payload, session }) {
      if (command !== 'viewport') return undefined;
      const { width, height } = payload;
      if (session.browser.type === 'puppeteer') {
        await session.browser.getPage(session.id).setViewport({ width, height });
        return true;
      }
      const { driver } = session.browser;
      const [outerWidth, outerHeight, innerWidth, innerHeight] = await driver.execute(
        'return [outerWidth, outerHeight, innerWidth, innerHeight]',
      );
      // The window resizes some time after the command returns (Xvfb has no window manager to wait
      // for): ask again until the page sees the new size, for up to 5 s.
      for (let attempt = 1; ; attempt++) {
        if (attempt % 10 === 1) {
          await driver.setWindowRect(null, null, width + outerWidth - innerWidth, height + outerHeight - innerHeight);
        }
        const size = await driver.execute('return [innerWidth, innerHeight]');
        if (size[0] === width && size[1] === height) return true;
        if (attempt === 50) {
          throw new Error(`The viewport is ${size.join('x')}, not ${width}x${height} (MiniBrowser is at least 447 px wide).`);
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  };
}

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['production'] },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), viewportPlugin()],
  browsers: await Promise.all(engines.map((engine) => launchers[engine]())),
  // Test files share the browser's cookie jar for localhost, so they run one at a time (per engine:
  // each engine has its own jar, so the engines run side by side).
  concurrency: 1,
  // Generous: three engines share two busy cores, and MiniBrowser alone can take seconds to start.
  browserStartTimeout: 120_000,
  testFramework: { config: { timeout: 20_000 } },
};
