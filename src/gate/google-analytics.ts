import type { ConsentStore } from '../core/consent.js';
import { consentSignals } from './consent-mode.js';
import { gtag } from './data-layer.js';
import { createScript } from './trusted-types.js';

/** Where gtag.js comes from unless `gtagUrl` says otherwise. */
export const GTAG_URL = 'https://www.googletagmanager.com/gtag/js';

/** A GA4 measurement id: `G-` and letters or digits. */
export const GA_ID = /^G-[A-Z0-9]+$/;

/**
 * How far gtag.js got, for debug(): `loading`, then the script's `load` or `error` event, so
 * that "allowed" is never mistaken for "loaded".
 */
export let gtagStatus: string | undefined;

export interface GoogleAnalyticsSettings {
  /** GA4 measurement id, already checked against {@link GA_ID}. */
  gaId: string;
  /** Where gtag.js is loaded from. */
  gtagUrl: string;
  /** The page's CSP nonce for the gtag.js script element. */
  nonce?: string;
}

/**
 * Keeps Google Analytics in line with consent, now and after every change: tells it the Consent
 * Mode signals, loads gtag.js once analytics is granted, and switches it off when it is
 * withdrawn. Before a choice exists it does nothing, so the denied defaults stand ("basic"
 * Consent Mode). The ad signals follow a `marketing` category; without one they stay denied.
 * Returns the unsubscribe.
 */
export function gateGoogleAnalytics(store: ConsentStore, { gaId: id, gtagUrl, nonce }: GoogleAnalyticsSettings): () => void {
  const disableFlag = `ga-disable-${id}`;
  const flags = window as unknown as Record<string, boolean>;
  // One gate per page; a new one (in tests) starts from nothing loaded.
  gtagStatus = undefined;
  const apply = () => {
    // Before any choice the denied defaults stand; after reset() a loaded GA must still be stopped.
    if (!store.get() && !gtagStatus) return;
    const analytics = store.has('analytics');
    const ads = store.has('marketing');
    gtag('consent', 'update', consentSignals(analytics, ads));
    if (!analytics) {
      flags[disableFlag] = true;
      return;
    }
    delete flags[disableFlag];
    if (gtagStatus) return;
    gtagStatus = 'loading';
    const url = new URL(gtagUrl, location.href);
    url.searchParams.set('id', id);
    const script = createScript({ src: url.href, nonce });
    // The browser's console names the URL of an error (a 404, a blocker, the CSP).
    script.onload = script.onerror = (event) => (gtagStatus = (event as Event).type);
    document.head.append(script);
    gtag('js', new Date());
    gtag('config', id, ads ? {} : { allow_google_signals: false, allow_ad_personalization_signals: false });
  };
  apply();
  return store.subscribe(apply);
}
