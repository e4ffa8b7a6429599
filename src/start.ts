import { ConsentStore } from './core/consent.js';
import type { ConsentChange } from './core/consent.js';
import { removeCookies, readConsentCookie } from './core/cookie.js';
import { report } from './core/log.js';
import type { ConsentRecord } from './core/record.js';
import { gateGoogleAnalytics, pushConsentDefaults } from './gate/google-analytics.js';
import type { GoogleAnalyticsSettings } from './gate/google-analytics.js';
import { activateGatedScripts } from './gate/scripts.js';
import { readAttributeOptions, resolveOptions } from './options.js';
import type { ConsentOptions } from './options.js';
import { IbCookieConsent } from './ui/ib-cookie-consent.js';

/** `window.ibConsent`: what the site's code and marketing in devtools use. */
export interface ConsentApi {
  /** The current choice, or `null` before a valid one. */
  get(): ConsentRecord | null;
  /** Whether a category is granted; `necessary` always is. */
  has(category: string): boolean;
  /** Grants exactly these categories (plus `necessary`). */
  accept(categories: string[]): void;
  acceptAll(): void;
  rejectAll(): void;
  showBanner(): void;
  showPreferences(): void;
  /** Withdraws everything, deletes the consent cookie and shows the banner again. */
  reset(): void;
  /** Resolves once the category is granted (at once if it already is). */
  whenGranted(category: string): Promise<void>;
  /** Prints the consent state as a table in the console. */
  debug(): void;
}

declare global {
  interface Window {
    ibConsent?: ConsentApi;
  }
  interface HTMLElementTagNameMap {
    'ib-cookie-consent': IbCookieConsent;
  }
  interface DocumentEventMap {
    'ib-consent-change': CustomEvent<ConsentChange>;
    'ib-consent-ready': CustomEvent<{ record: ConsentRecord | null }>;
  }
}

const TAG = 'ib-cookie-consent';

/**
 * Starts the widget once per page: reads the stored choice, gates Google Analytics and the
 * page's waiting scripts, shows the banner when a choice is needed and exposes `window.ibConsent`.
 * A second call (or a second copy of the script) returns the running instance.
 */
export function start(options: ConsentOptions = {}): ConsentApi {
  if (window.ibConsent) return window.ibConsent;
  if (!customElements.get(TAG)) customElements.define(TAG, IbCookieConsent);
  const element: IbCookieConsent = document.querySelector(TAG) ?? document.createElement(TAG);
  // The element's own attributes win over everything else.
  const merged = { ...options, ...readAttributeOptions(element) };
  const config = resolveOptions(merged);
  // Presentation options live on the element as attributes, where its CSS reads them.
  element.lang = config.lang;
  if (merged.layout) element.setAttribute('layout', merged.layout);
  if (merged.theme) element.setAttribute('theme', merged.theme);
  // An attribute is present (even empty) or absent; JSON and start() give booleans.
  element.floatingButton = merged.floatingButton !== undefined && merged.floatingButton !== false;

  const store = new ConsentStore(config);
  const { get, has, accept, acceptAll, rejectAll, reset, whenGranted } = store;
  const gateAnalytics = config.gaId ? (pushConsentDefaults(), gateGoogleAnalytics(config as GoogleAnalyticsSettings)) : undefined;

  const applyConsent = () => {
    gateAnalytics?.(store);
    for (const { id, cookies } of config.categories) {
      if (!has(id)) removeCookies(cookies.map(({ name }) => name));
    }
    activateGatedScripts(has, config.nonce);
    element.granted = get()?.categories ?? [];
    element.bannerOpen = !get();
  };
  const emit = <T>(type: string, detail: T) =>
    element.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));

  Object.assign(element, { categories: config.categories, copy: config.copy, privacyUrl: config.privacyUrl });
  element.choose = accept;
  store.subscribe((change) => {
    applyConsent();
    emit('ib-consent-change', change);
  });
  applyConsent();

  const api: ConsentApi = {
    get,
    has,
    accept,
    acceptAll,
    rejectAll,
    reset,
    whenGranted,
    showBanner: () => element.showBanner(),
    showPreferences: () => void element.showPreferences(),
    debug: () =>
      console.table({
        ...Object.fromEntries(config.categories.map(({ id }) => [id, has(id)])),
        googleAnalytics: !!config.gaId && has('analytics'),
        revision: get()?.revision,
        cookie: readConsentCookie(),
      }),
  };
  window.ibConsent = api;

  // Any element with data-ib-consent-open, such as a footer link, reopens the preferences.
  document.addEventListener('click', (event) => {
    const opener = (event.target as Element).closest?.('[data-ib-consent-open]');
    if (!opener) return;
    event.preventDefault();
    void element.showPreferences(opener as HTMLElement);
  });

  // The script tag starts after parsing and module scripts are deferred, so <body> exists.
  if (!element.isConnected) document.body.append(element);
  if (!document.querySelector('[data-ib-consent-open]') && !element.floatingButton) {
    report('warn', 'No way to withdraw consent: add a data-ib-consent-open link or floating-button.');
  }
  emit('ib-consent-ready', { record: get() });
  return api;
}
