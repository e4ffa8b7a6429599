import type { ConsentStore } from './consent.js';

/**
 * Whether the browser sends Global Privacy Control: the visitor has told every site not to sell
 * or share their data (Firefox, Brave, DuckDuckGo, extensions; not Chrome itself).
 */
export const hasPrivacySignal = () => (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true;

/**
 * A visitor whose browser sends the signal and who has not chosen yet has already said no: the
 * refusal is recorded as such (source `gpc`), so no banner asks them. Any choice they make later,
 * and any stored choice, wins over the signal. Run once the store's listeners are in place, so
 * that the refusal reaches them like any other decision.
 */
export function honourPrivacySignal(store: ConsentStore): void {
  if (hasPrivacySignal() && !store.get()) store.accept([], 'gpc');
}
