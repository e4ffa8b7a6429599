import { gtag, hasCommand } from './data-layer.js';

declare global {
  interface Window {
    dataLayer?: unknown[];
    gtag?: (...args: unknown[]) => void;
  }
}

const signal = (granted: boolean) => (granted ? 'granted' : 'denied');

/** The Consent Mode v2 signals: analytics storage, and the four ad signals, which follow marketing. */
export function consentSignals(analytics: boolean, marketing: boolean): Record<string, 'granted' | 'denied'> {
  const ads = signal(marketing);
  return { ad_storage: ads, ad_user_data: ads, ad_personalization: ads, personalization_storage: ads, analytics_storage: signal(analytics) };
}

/**
 * Defines `window.gtag` (unless the page has a function of its own) and pushes the Consent Mode
 * v2 defaults: everything but the technically necessary storage denied. Runs as the script tag
 * runs, with or without a GA id, so that a Google snippet placed after it sees them first; once.
 */
export function pushConsentDefaults(): void {
  if (typeof window.gtag !== 'function') window.gtag = gtag;
  if (hasCommand('consent')) return;
  gtag('consent', 'default', { ...consentSignals(false, false), functionality_storage: 'granted', security_storage: 'granted' });
}
