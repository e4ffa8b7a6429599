import type { ConsentStore } from '../core/consent.js';
import { gtag, hasCommand } from './data-layer.js';
import { createScript } from './trusted-types.js';

declare global {
  interface Window {
    dataLayer?: unknown[];
    gtag?: (...args: unknown[]) => void;
  }
}

type ConsentSignals = Record<string, 'granted' | 'denied'>;

const signal = (granted: boolean) => (granted ? 'granted' : 'denied');

/** Google's default host for gtag.js; `gtagUrl` replaces it for server-side tagging. */
export const GTAG_URL = 'https://www.googletagmanager.com/gtag/js';

/** A GA4 measurement id: `G-` and letters or digits. */
export const GA_ID = /^G-[A-Z0-9]+$/;

/**
 * Defines `window.gtag` (unless the page has a function of its own) and pushes the Consent Mode
 * v2 defaults: everything but the technically necessary storage denied. Must run before any
 * other gtag command, and only once.
 */
export function pushConsentDefaults(): void {
  if (typeof window.gtag !== 'function') window.gtag = gtag;
  if (hasCommand('consent')) return;
  gtag('consent', 'default', {
    ...adSignals(false),
    analytics_storage: 'denied',
    functionality_storage: 'granted',
    security_storage: 'granted',
  });
}

function adSignals(granted: boolean): ConsentSignals {
  const value = signal(granted);
  return { ad_storage: value, ad_user_data: value, ad_personalization: value, personalization_storage: value };
}

export interface GoogleAnalyticsSettings {
  /** GA4 measurement id, already checked against {@link GA_ID}. */
  gaId: string;
  /** Where gtag.js is loaded from. */
  gtagUrl: string;
  /** The page's CSP nonce for the gtag.js script element. */
  nonce?: string;
  /** The configured categories: without a `marketing` one the ad signals stay denied. */
  categories: readonly { id: string }[];
}

/**
 * Keeps Google Analytics in line with consent, now and after every change: loads gtag.js once
 * analytics is granted, and switches it off when it is withdrawn. Before a choice exists it does
 * nothing, so the denied defaults stand ("basic" Consent Mode). Returns the unsubscribe.
 */
export function gateGoogleAnalytics(store: ConsentStore, { gaId: id, gtagUrl, nonce, categories }: GoogleAnalyticsSettings) {
  const hasMarketing = categories.some((category) => category.id === 'marketing');
  const disableFlag = `ga-disable-${id}`;
  const flags = window as unknown as Record<string, boolean>;
  let loaded = false;
  const apply = () => {
    // Before any choice the denied defaults stand; after reset() a loaded GA must still be stopped.
    if (!store.get() && !loaded) return;
    const analytics = store.has('analytics');
    const ads = hasMarketing && store.has('marketing');
    gtag('consent', 'update', { ...adSignals(ads), analytics_storage: signal(analytics) });
    if (!analytics) {
      flags[disableFlag] = true;
      return;
    }
    delete flags[disableFlag];
    if (loaded) return;
    loaded = true;
    const url = new URL(gtagUrl, location.href);
    url.searchParams.set('id', id);
    document.head.append(createScript({ src: url.href, nonce }));
    gtag('js', new Date());
    gtag('config', id, ads ? {} : { allow_google_signals: false, allow_ad_personalization_signals: false });
  };
  apply();
  return store.subscribe(apply);
}
