import type { ConsentStore } from '../core/consent.js';

/**
 * A script that ran cannot be unloaded: its timers, listeners and cookies stay until the page
 * goes. With `reload-on-withdraw`, withdrawing a category reloads the page, so that only what is
 * still granted runs again. Subscribe it last: the cookie and every other reaction come first.
 */
export function reloadOnWithdraw(store: ConsentStore): () => void {
  return store.subscribe(({ revoked }) => revoked.length && location.reload());
}
