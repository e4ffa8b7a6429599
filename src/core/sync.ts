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
  // The message carries nothing: the cookie is the only truth, the message says "read it". The
  // other page's cookie write can reach this page's view of the cookies after its message
  // (Chromium keeps cookies in another process; a busy machine shows it), so it is read again
  // once the write has surely landed: a withdrawal must not leave a tab in the background tracking.
  channel.onmessage = () => {
    refresh();
    setTimeout(refresh, 500);
  };
  store.subscribe(() => channel.postMessage(0));
}
