/**
 * The ESM entry for bundlers. Importing it starts nothing; `start(options)` does what the
 * script tag does. The other functions act on the started widget, like `window.ibConsent`;
 * before `start()` they report it once and answer as if nothing were granted.
 * Importing it where there is no DOM (Node, for server rendering) works too: there the widget
 * never runs, `start()` says so once, and the others answer, quietly, as if nothing were granted.
 */
import { report } from './core/log.js';
import { NECESSARY } from './core/record.js';
import { RUNNING, start as startWidget } from './start.js';
import type { ConsentApi } from './start.js';
import type { ConsentOptions } from './options.js';
import { version } from './version.js';

export type { ConsentApi, ConsentEventMap } from './start.js';
export type { ConsentChange } from './core/consent.js';
export type { ConsentRecord, ConsentSource } from './core/record.js';
export type { Category, CategoryOptions, ConsentOptions, CookieDescription, ResolvedConfig, TextOptions } from './options.js';
export type { Copy } from './copy.js';
export { IbCookieConsent } from './ui/ib-cookie-consent.js';
export { version };

/** False in Node (a server-rendered site's build imports this module there). */
const inBrowser = typeof document == 'object';

/**
 * Starts the widget once per page (see start.ts). Outside a browser it does nothing, says so
 * once, and returns functions that grant nothing.
 */
export function start(options?: ConsentOptions): ConsentApi {
  if (inBrowser) return startWidget(options);
  report('start() does nothing outside a browser (no document): call it in the page.', 'warn');
  return serverApi;
}

function running(): ConsentApi | undefined {
  const api = (globalThis as unknown as Record<symbol, ConsentApi | undefined>)[RUNNING];
  if (!api && inBrowser) report('Call start(options) before using the consent API; until then nothing is granted.');
  return api;
}

export const get: ConsentApi['get'] = () => running()?.get() ?? null;
export const has: ConsentApi['has'] = (category) => running()?.has(category) ?? category === NECESSARY;
export const accept: ConsentApi['accept'] = (categories) => running()?.accept(categories);
export const acceptAll: ConsentApi['acceptAll'] = () => running()?.acceptAll();
export const rejectAll: ConsentApi['rejectAll'] = () => running()?.rejectAll();
export const showBanner: ConsentApi['showBanner'] = () => running()?.showBanner();
export const showPreferences: ConsentApi['showPreferences'] = () => running()?.showPreferences();
export const reset: ConsentApi['reset'] = () => running()?.reset();
/**
 * Before start() it waits for the widget to start, then for the category. Outside a browser
 * nothing is ever granted, so the promise never settles.
 */
export const whenGranted: ConsentApi['whenGranted'] = (category) =>
  running()?.whenGranted(category) ??
  new Promise((resolve) => {
    if (inBrowser) addEventListener('ib-consent-ready', () => resolve(whenGranted(category)), { once: true });
  });
export const debug: ConsentApi['debug'] = () => running()?.debug();

/** What start() returns outside a browser: the functions above, which grant nothing there. */
const serverApi = { get, has, accept, acceptAll, rejectAll, showBanner, showPreferences, reset, whenGranted, debug, version };
