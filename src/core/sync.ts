import type { ConsentStore } from './consent.js';

/**
 * Keeps this page in step with the stored choice when it changes elsewhere: another tab
 * (BroadcastChannel, same origin only), another subdomain sharing the cookie (re-read whenever
 * the page becomes visible again), or a later page before the visitor pressed Back (the
 * back/forward cache restores this page as it was). Every source just asks the store to re-read.
 */
export function followOtherPages(store: ConsentStore): void {
  const { refresh } = store;
  addEventListener('pageshow', (event) => event.persisted && refresh());
  document.addEventListener('visibilitychange', () => document.visibilityState === 'visible' && refresh());
  if (typeof BroadcastChannel !== 'function') return;
  const channel = new BroadcastChannel('ib-cookie-consent');
  channel.onmessage = refresh;
  // The message carries nothing: the cookie is the only truth, the message says "read it".
  store.subscribe(() => channel.postMessage(0));
}
