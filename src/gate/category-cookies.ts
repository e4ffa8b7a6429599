import type { ConsentStore } from '../core/consent.js';
import { removeCookies } from '../core/cookie.js';
import type { Category } from '../options.js';

/**
 * Deletes the cookies of every category that is not granted: at start (what a tag left before a
 * refusal) and after every change, so withdrawing consent takes effect without a reload.
 * Returns the unsubscribe.
 */
export function clearWithdrawnCookies(store: ConsentStore, categories: readonly Category[]): () => void {
  const clear = () => {
    for (const { id, cookies } of categories) {
      if (!store.has(id)) removeCookies(cookies.map(({ name }) => name));
    }
  };
  clear();
  return store.subscribe(clear);
}
