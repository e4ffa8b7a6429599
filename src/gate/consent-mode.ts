import type { ConsentStore } from '../core/consent.js';
import { report } from '../core/log.js';
import { gtag, hasCommand, pushToDataLayer } from './data-layer.js';

declare global {
  interface Window {
    dataLayer?: unknown[];
    gtag?: (...args: unknown[]) => void;
  }
}

const signal = (granted: boolean) => (granted ? 'granted' : 'denied');

function adSignals(granted: boolean) {
  const value = signal(granted);
  return { ad_storage: value, ad_user_data: value, ad_personalization: value, personalization_storage: value };
}

/**
 * Defines `window.gtag` (unless the page has a function of its own) and pushes the Consent Mode
 * v2 defaults: everything but the technically necessary storage denied. Runs as the script tag
 * runs, with or without a GA id, so that a Google snippet placed after it sees them first; once.
 */
export function pushConsentDefaults(): void {
  if (typeof window.gtag !== 'function') window.gtag = gtag;
  if (hasCommand('consent')) return;
  // A Google snippet above the widget's script: its tags may have read the data layer already.
  if (hasCommand()) report('Google ran first: move ib-cookie-consent.js above its snippet.');
  gtag('consent', 'default', {
    ...adSignals(false),
    analytics_storage: 'denied',
    functionality_storage: 'granted',
    security_storage: 'granted',
  });
}

/**
 * Tells Google's tags, whoever loads them, about the stored choice and every change: a Consent
 * Mode `update`, then the data-layer event `ib_consent_update` with every category as a boolean,
 * for Tag Manager triggers. Before any choice the defaults stand, and only the event goes out.
 * The ad signals follow a `marketing` category; without one they stay denied. Returns the unsubscribe.
 */
export function followConsentMode(store: ConsentStore): () => void {
  const ids = store.settings.categories.map(({ id }) => id);
  const apply = (change?: unknown) => {
    if (change || store.get()) {
      gtag('consent', 'update', { ...adSignals(store.has('marketing')), analytics_storage: signal(store.has('analytics')) });
    }
    pushToDataLayer({ event: 'ib_consent_update', ib_consent: Object.fromEntries(ids.map((id) => [id, store.has(id)])) });
  };
  apply();
  return store.subscribe(apply);
}
