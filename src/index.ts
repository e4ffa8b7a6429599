/**
 * The ESM entry for bundlers. Importing it starts nothing; `start(options)` does what the
 * script tag does. The other functions act on the started widget, like `window.ibConsent`.
 */
import { start } from './start.js';
import type { ConsentApi } from './start.js';

export { start };
export type { ConsentApi } from './start.js';
export type { ConsentChange } from './core/consent.js';
export type { ConsentRecord } from './core/record.js';
export type { CategoryOptions, ConsentOptions, CookieDescription } from './options.js';
export type { Copy } from './ui/copy.js';
export { IbCookieConsent } from './ui/ib-cookie-consent.js';

function running(): ConsentApi {
  if (!window.ibConsent) throw new Error('[ib-cookie-consent] Call start(options) first.');
  return window.ibConsent;
}

export const get: ConsentApi['get'] = () => running().get();
export const has: ConsentApi['has'] = (category) => running().has(category);
export const accept: ConsentApi['accept'] = (categories) => running().accept(categories);
export const acceptAll: ConsentApi['acceptAll'] = () => running().acceptAll();
export const rejectAll: ConsentApi['rejectAll'] = () => running().rejectAll();
export const showBanner: ConsentApi['showBanner'] = () => running().showBanner();
export const showPreferences: ConsentApi['showPreferences'] = () => running().showPreferences();
export const reset: ConsentApi['reset'] = () => running().reset();
export const whenGranted: ConsentApi['whenGranted'] = (category) => running().whenGranted(category);
export const debug: ConsentApi['debug'] = () => running().debug();
