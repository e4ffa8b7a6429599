/**
 * The ESM entry for bundlers. Importing it starts nothing; `start(options)` does what the
 * script tag does. The other functions act on the started widget, like `window.ibConsent`;
 * before `start()` they report it once and answer as if nothing were granted.
 */
import { report } from './core/log.js';
import { NECESSARY } from './core/record.js';
import { RUNNING, start } from './start.js';
import type { ConsentApi } from './start.js';

export { start };
export type { ConsentApi } from './start.js';
export type { ConsentChange } from './core/consent.js';
export type { ConsentRecord } from './core/record.js';
export type { CategoryOptions, ConsentOptions, CookieDescription, TextOptions } from './options.js';
export type { Copy } from './copy.js';
export { IbCookieConsent } from './ui/ib-cookie-consent.js';

function running(): ConsentApi | undefined {
  const api = (window as unknown as Record<symbol, ConsentApi | undefined>)[RUNNING];
  if (!api) report('Call start(options) before using the consent API; until then nothing is granted.');
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
/** Before start() it waits for the widget to start, then for the category. */
export const whenGranted: ConsentApi['whenGranted'] = (category) =>
  running()?.whenGranted(category) ??
  new Promise((resolve) => addEventListener('ib-consent-ready', () => resolve(whenGranted(category)), { once: true }));
export const debug: ConsentApi['debug'] = () => running()?.debug();
