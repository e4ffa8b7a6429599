import type { ConsentApi } from './start.js';

/**
 * The running widget's API, for the add-ons, which know nothing else of it; `undefined` before it
 * starts. `window.ibConsent` may also be an element with that id (DOM clobbering), so its
 * functions are checked.
 */
export function runningApi(): ConsentApi | undefined {
  const api = window.ibConsent;
  return typeof api?.has == 'function' && typeof api.accept == 'function' && typeof api.get == 'function' ? api : undefined;
}
