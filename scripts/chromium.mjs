/**
 * Which Chromium every test and script drives, and how; the one place that looks for it.
 * CHROME_PATH over everything, then Debian's /usr/bin/chromium, then an installed Google Chrome
 * wherever playwright-core's `channel: 'chrome'` would find it (Linux, macOS, Windows).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export const CHROMIUM_MISSING =
  'No Chromium found. Install one (Debian: apt-get install chromium; or Google Chrome), ' +
  'or point CHROME_PATH at its executable.';

/** Where playwright-core looks for stable Google Chrome on this OS, if it is installed there. */
function installedChrome() {
  try {
    // Not playwright-core's public API, but an export of its package.json: the same lookup
    // `channel: 'chrome'` makes, which knows the install paths of every OS.
    const { registry } = createRequire(import.meta.url)('playwright-core/lib/coreBundle').registry;
    return registry.findExecutable('chrome')?.executablePath('javascript');
  } catch {
    return undefined;
  }
}

/** The Chromium executable, or undefined when there is none (CHROMIUM_MISSING says what to do). */
export function findChromium() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : undefined;
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  const chrome = installedChrome();
  return chrome && existsSync(chrome) ? chrome : undefined;
}

/** The Chromium executable; throws CHROMIUM_MISSING (with a wrong CHROME_PATH named) when there is none. */
export function chromiumPath() {
  const path = findChromium();
  if (path) return path;
  const wrongPath = process.env.CHROME_PATH ? `CHROME_PATH=${process.env.CHROME_PATH} does not exist. ` : '';
  throw new Error(wrongPath + CHROMIUM_MISSING);
}

/** Without these, Chromium floods a closed network with update and sync requests. */
export const chromiumArgs = [
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // Tests never reach a real host: every name but the local ones resolves to nothing.
  '--host-resolver-rules=MAP *.ib.localtest 127.0.0.1, MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];

/** playwright-core's (and puppeteer-core's) launch options for that Chromium. */
export function chromiumLaunchOptions() {
  return { executablePath: chromiumPath(), args: chromiumArgs };
}
