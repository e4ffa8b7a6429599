import { createConsentStore } from './core/consent.js';
import type { ConsentChange, ConsentStore } from './core/consent.js';
import { readConsentCookies } from './core/cookie.js';
import { report } from './core/log.js';
import { hasPrivacySignal, honourPrivacySignal } from './core/privacy-signal.js';
import type { ConsentRecord } from './core/record.js';
import { followOtherPages } from './core/sync.js';
import { clearWithdrawnCookies } from './gate/category-cookies.js';
import { pushConsentDefaults } from './gate/consent-mode.js';
import { gateGoogleAnalytics, gtagStatus } from './gate/google-analytics.js';
import type { GoogleAnalyticsSettings } from './gate/google-analytics.js';
import { gateScripts } from './gate/scripts.js';
import { ELEMENT_OPTIONS, readAttributeOptions, resolveOptions } from './options.js';
import type { ConsentOptions, ResolvedConfig } from './options.js';
import { IbCookieConsent } from './ui/ib-cookie-consent.js';
import { version } from './version.js';
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
  /** The widget's version, as in the built file's first line: which file a page really runs. */
  readonly version: string;
  /**
   * The configuration as the widget resolved it (defaults filled in): for the add-ons, and to
   * check in devtools. Read it, never change it. Absent only outside a browser (server rendering).
   */
  readonly config?: Readonly<ResolvedConfig>;
}

/** The widget's events; each bubbles from the element (composed) to `document` and `window`. */
export interface ConsentEventMap {
  /** A choice was made, changed or withdrawn. */
  'ib-consent-change': CustomEvent<ConsentChange>;
  /** The stored choice has been read (`record` is `null` before a valid choice). */
  'ib-consent-ready': CustomEvent<{ record: ConsentRecord | null }>;
}

declare global {
  interface Window {
    ibConsent?: ConsentApi;
  }
  interface HTMLElementTagNameMap {
    'ib-cookie-consent': IbCookieConsent;
  }
  // So `addEventListener('ib-consent-change', …)` gives a typed `detail` on all three.
  interface HTMLElementEventMap extends ConsentEventMap {}
  interface DocumentEventMap extends ConsentEventMap {}
  interface WindowEventMap extends ConsentEventMap {}
}

const TAG = 'ib-cookie-consent';
/**
 * Where the running widget is kept. A symbol, not `window.ibConsent`: an element with
 * `id="ibConsent"` in user content makes that name exist (DOM clobbering).
 */
export const RUNNING = Symbol.for(TAG);
// globalThis, not window: importing this module in Node (server rendering) must not throw.
const page = globalThis as unknown as Record<symbol, ConsentApi | undefined>;

/**
 * Starts the widget once per page: reads the stored choice, gates Google Analytics and the
 * page's waiting scripts, shows the banner when a choice is needed and exposes `window.ibConsent`.
 * A second call (or a second copy of the script) returns the running instance. Never throws.
 */
export function start(options: ConsentOptions = {}): ConsentApi {
  const running = page[RUNNING];
  if (running) return running;
  const element = createElement();
  // The element's own attributes set its look, and win there.
  const config = resolveOptions({ ...options, ...readAttributeOptions(element, '', ELEMENT_OPTIONS) });
  const store = createConsentStore(config);

  // The script tag pushed them already (a no-op then); the ESM build starts here.
  pushConsentDefaults();
  clearWithdrawnCookies(store, config.categories);
  if (config.gaId) gateGoogleAnalytics(store, config as GoogleAnalyticsSettings);
  gateScripts(store, config.nonce);
  followOtherPages(store);
  showConsent(element, store, config);

  const { get, has, accept, acceptAll, rejectAll, reset, whenGranted } = store;
  const api: Omit<ConsentApi, 'version' | 'config'> = {
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
        // denied, allowed (not asked for yet), loading, then load or error.
        googleAnalytics: config.gaId && (has('analytics') ? (gtagStatus ?? 'allowed') : 'denied'),
        revision: get()?.revision ?? '-',
        source: get()?.source ?? '-',
        configuredRevision: config.revision,
        cookie: String(readConsentCookies()),
      }),
  };
  // Every call is guarded: a site's mistake is reported, never thrown into its code. Each takes one
  // argument at most, and is given only that: the source of a choice made here is always `api`.
  for (const [name, call] of Object.entries(api) as [keyof typeof api, (argument: unknown) => unknown][]) {
    api[name] = ((argument: unknown) => {
      try {
        return call(argument);
      } catch (error) {
        report(`ibConsent.${name}() failed: ${error}`);
      }
    }) as never;
  }
  const published = (page[RUNNING] = window.ibConsent = { ...api, version, config });

  // Any element with data-ib-consent-open, such as a footer link, reopens the preferences.
  document.addEventListener('click', (event) => {
    const opener = (event.target as Element | null)?.closest?.('[data-ib-consent-open]');
    if (!opener) return;
    event.preventDefault();
    void element.showPreferences(opener as HTMLElement);
  });
  // After ibConsent exists, so that the add-ons hear of this refusal like any other decision.
  if (config.gpc != 'ask') honourPrivacySignal(store);
  if (!document.querySelector('[data-ib-consent-open]') && !element.floatingButton) {
    report('No way to withdraw: add a data-ib-consent-open link or floating-button.', 'warn');
  }
  emit(element, 'ib-consent-ready', { record: get() });
  return published;
}

/** Dispatches one of the widget's events: bubbling and composed, so the element, document and window hear it. */
function emit<T>(element: Element, type: string, detail: T): void {
  // Before <body> exists (start() from a module in <head>) the element is not in the page yet.
  (element.isConnected ? element : document).dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}

/**
 * The page's `<ib-cookie-consent>` if it has one, else a new one. When another script defined
 * that tag first (an older copy of the widget, or a name clash), nothing starts: a second banner
 * is worse than none, the denied defaults stand and the stored choice stays as it is.
 */
function createElement(): IbCookieConsent {
  const defined = customElements.get(TAG);
  if (!defined) customElements.define(TAG, IbCookieConsent);
  else if (defined !== IbCookieConsent) throw `another script defined <${TAG}>: remove it`;
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
