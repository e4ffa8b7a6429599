import type { ConsentStore } from '../core/consent.js';
import { gtag } from './data-layer.js';
import { GOOGLE_TAG_HOST, googleTags, loadGoogleTag } from './google-tag.js';

/** Where gtag.js comes from unless `gtagUrl` says otherwise. */
export const GTAG_URL = `${GOOGLE_TAG_HOST}/gtag/js`;

/** A GA4 measurement id: `G-` and letters or digits. */
export const GA_ID = /^G-[A-Z0-9]+$/;

export interface GoogleAnalyticsSettings {
  /** GA4 measurement id, already checked against {@link GA_ID}. */
  gaId: string;
  /** Where gtag.js is loaded from. */
  gtagUrl: string;
  /** The page's CSP nonce for the gtag.js script element. */
  nonce?: string;
}

/**
 * Keeps Google Analytics in line with consent, now and after every change: loads gtag.js once
 * analytics is granted, and switches it off when it is withdrawn (`consent-mode.ts` tells it
 * the signals first). Before a choice exists it does nothing. Returns the unsubscribe.
 */
export function gateGoogleAnalytics(store: ConsentStore, { gaId: id, gtagUrl, nonce }: GoogleAnalyticsSettings): () => void {
  const disableFlag = `ga-disable-${id}`;
  const flags = window as unknown as Record<string, boolean>;
  const tag = (googleTags['Google Analytics'] = { category: 'analytics' });
  const apply = () => {
    // Before any choice the denied defaults stand; after reset() a loaded GA must still be stopped.
    if (!store.get() && !('status' in tag)) return;
    if (!store.has('analytics')) {
      flags[disableFlag] = true;
      return;
    }
    delete flags[disableFlag];
    if ('status' in tag) return;
    loadGoogleTag('Google Analytics', new URL(gtagUrl, location.href), id, nonce);
    gtag('js', new Date());
    gtag(
      'config',
      id,
      store.has('marketing') ? {} : { allow_google_signals: false, allow_ad_personalization_signals: false },
    );
  };
  apply();
  return store.subscribe(apply);
}
