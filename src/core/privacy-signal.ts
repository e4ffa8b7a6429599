import type { ConsentStore } from './consent.js';

/**
 * Whether the browser sends Global Privacy Control: the visitor has told every site not to
 * sell or share their data (Firefox, Brave, DuckDuckGo, extensions; not Chromium itself).
 */
export const hasPrivacySignal = () => (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true;

/**
 * A visitor whose browser sends the signal and who has not chosen yet has already said no:
 * their refusal is recorded as such (source `gpc`), so no banner asks them. Any choice they
 * make later, and any stored choice, wins over the signal. Run after the store's listeners are
 * in place, so that the refusal reaches them like any other decision.
 */
export function honourPrivacySignal(store: ConsentStore): void {
  if (hasPrivacySignal() && !store.get()) store.accept([], 'gpc');
}
