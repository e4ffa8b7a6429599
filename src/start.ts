import { createConsentStore } from './core/consent.js';
import type { ConsentChange, ConsentStore } from './core/consent.js';
import { readConsentCookies } from './core/cookie.js';
import { report } from './core/log.js';
import type { ConsentRecord } from './core/record.js';
import { hasPrivacySignal, honourPrivacySignal } from './core/privacy-signal.js';
import { followOtherPages } from './core/sync.js';
import { clearWithdrawnCookies } from './gate/category-cookies.js';
import { followConsentMode, pushConsentDefaults } from './gate/consent-mode.js';
import { gateGoogleAnalytics } from './gate/google-analytics.js';
import { googleTags } from './gate/google-tag.js';
import { reportPageTags } from './gate/page-tags.js';
import { reloadOnWithdraw } from './gate/reload-on-withdraw.js';
import { gateTagManager } from './gate/tag-manager.js';
import { gateScripts } from './gate/scripts.js';
import { ELEMENT_OPTIONS, readAttributeOptions, resolveOptions } from './options.js';
import type { ConsentOptions, ResolvedConfig } from './options.js';
import { sendReceipts } from './receipts.js';
import { IbCookieConsent } from './ui/ib-cookie-consent.js';
import { watchPage } from './watch-page.js';

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
 * Where the running widget is kept. A symbol, not `window.ibConsent`: an element with
 * `id="ibConsent"` in user content makes that name exist (DOM clobbering).
 */
export const RUNNING = Symbol.for(TAG);
const page = window as unknown as Record<symbol, ConsentApi | undefined>;

/**
 * Starts the widget once per page: reads the stored choice, gates Google Analytics and the
 * page's waiting scripts, shows the banner when a choice is needed and exposes `window.ibConsent`.
 * A second call (or a second copy of the script) returns the running instance. Never throws.
 */
export function start(options: ConsentOptions = {}): ConsentApi {
  const running = page[RUNNING];
  if (running) return running;
  // Below the browser range (Safari before 10.1) nothing can show; the denied defaults stand.
  if (!window.customElements) throw 'this browser lacks customElements; nothing is granted';
  const element = createElement();
  // The element's own attributes set its look, and win there.
  const config = resolveOptions({ ...options, ...readAttributeOptions(element, '', ELEMENT_OPTIONS) });
  const store = createConsentStore(config);

  // The script tag pushed them already (a no-op then); the ESM build starts here.
  pushConsentDefaults();
  reportPageTags(store);
  clearWithdrawnCookies(store, config.categories);
  // The signals and the ib_consent_update event first: the tags read them as they load.
  followConsentMode(store);
  if (config.gaId) gateGoogleAnalytics(store, { ...config, gaId: config.gaId });
  if (config.gtmId) gateTagManager(store, { ...config, gtmId: config.gtmId });
  gateScripts(store, config.nonce);
  if (config.receiptUrl) sendReceipts(store, config.receiptUrl, config);
  followOtherPages(store);
  showConsent(element, store, config);
  if (config.reloadOnWithdraw) reloadOnWithdraw(store);
  // Last, so that a refusal it records reaches every reaction above.
  if (config.gpc !== 'ask') honourPrivacySignal(store);

  const { get, has, accept, acceptAll, rejectAll, reset, whenGranted } = store;
  const api: ConsentApi = {
    get,
    has,
    accept,
    acceptAll,
    rejectAll,
    reset,
    whenGranted,
    // After a single-page app replaced <body>, the observer has put the element back before these run.
    showBanner: () => element.showBanner(),
    showPreferences: () => void element.showPreferences(),
    debug: () =>
      console.table({
        ...Object.fromEntries(config.categories.map(({ id }) => [id, has(id)])),
        // Per tag: denied, allowed (not asked for yet), loading, loaded or failed.
        ...Object.fromEntries(
          Object.entries(googleTags).map(([name, { category, status }]) => [name, has(category) ? (status ?? 'allowed') : 'denied']),
        ),
        revision: `${get()?.revision ?? '-'} (configured ${config.revision})`,
        source: get()?.source ?? '-',
        cookie: String(readConsentCookies()),
      }),
  };
  // Every call is guarded: a site's mistake is reported, never thrown into its code.
  for (const [name, call] of Object.entries(api) as [keyof ConsentApi, (...args: unknown[]) => unknown][]) {
    api[name] = ((...args: unknown[]) => {
      try {
        return call(...args);
      } catch (error) {
        report(`ibConsent.${name}() failed: ${error}`);
      }
    }) as never;
  }
  page[RUNNING] = window.ibConsent = api;

  // Any element with data-ib-consent-open, such as a footer link, reopens the preferences.
  document.addEventListener('click', (event) => {
    const opener = (event.target as Element | null)?.closest?.('[data-ib-consent-open]');
    if (!opener) return;
    event.preventDefault();
    void element.showPreferences(opener as HTMLElement);
  });
  if (!document.querySelector('[data-ib-consent-open]') && !element.floatingButton) {
    report('No way to withdraw: add a data-ib-consent-open link or floating-button.', 'warn');
  }
  emit(element, 'ib-consent-ready', { record: get() });
  return api;
}

/** Dispatches one of the widget's events: bubbling and composed, so the element, document and window hear it. */
function emit<T>(element: Element, type: string, detail: T): void {
  // Before <body> exists (start() from a module in <head>) the element is not in the page yet.
  (element.isConnected ? element : document).dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/**
 * The page's `<ib-cookie-consent>` if it has one, else a new one. When another script defined
 * that tag first, the widget still shows, under a tag of its own.
 */
function createElement(): IbCookieConsent {
  const defined = customElements.get(TAG);
  if (defined !== IbCookieConsent) {
    if (defined) report(`<${TAG}> taken by another script; using <${TAG}-widget>.`);
    customElements.define(defined ? `${TAG}-widget` : TAG, IbCookieConsent);
  }
  const found = document.querySelector(TAG);
  return found instanceof IbCookieConsent ? found : new IbCookieConsent();
}

/**
 * Wires the element to the store: configured once, kept in the page (first in `<body>`, so
 * keyboard and screen-reader users meet the banner first, also after a single-page app replaced
 * `<body>`), and updated and announced on every change.
 */
function showConsent(element: IbCookieConsent, store: ConsentStore, config: ResolvedConfig): void {
  const { categories, copy, privacyUrl, lang, theme, floatingButton, nonce } = config;
  Object.assign(element, { categories, copy, privacyUrl, lang, floatingButton, privacySignal: hasPrivacySignal(), choose: store.accept });
  // The native property: a <style> in the shadow root needs it where sheets cannot be constructed.
  if (nonce) element.nonce = nonce;
  // The copy is Dutch or English whatever the page's direction.
  element.dir = 'ltr';
  if (theme) element.setAttribute('theme', theme);
  /** One widget: a page's second element, or the copy a new <body> brings (a cloned snapshot, server-rendered markup), goes. */
  const removeCopies = () => {
    for (const copy of document.querySelectorAll(element.localName)) if (copy !== element) copy.remove();
  };
  // Runs on every batch of DOM changes: it only looks further when the element had to be put back.
  const attach = () => {
    // First in <body>, wherever the page put it (hidden user content included).
    if (!document.body || element.parentNode === document.body) return;
    document.body.prepend(element);
    removeCopies();
  };
  const update = () => {
    element.granted = store.get()?.categories ?? [];
    element.bannerOpen = !store.get();
  };
  attach();
  removeCopies();
  update();
  watchPage(attach);
  store.subscribe((change) => {
    // A change made right after <body> was replaced, before the observer ran, is still heard.
    attach();
    element.closePreferences();
    update();
    emit(element, 'ib-consent-change', change);
  });
}
