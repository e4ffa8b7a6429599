import type { ConsentStore } from '../core/consent.js';
import { report } from '../core/log.js';

/**
 * Says, once each, when the page itself runs Google's tags before analytics consent, which the
 * widget cannot gate: a gtag.js or gtm.js it did not add (it adds none before consent), Tag
 * Manager already running, or the page's own Consent Mode default that grants.
 */
export function reportPageTags(store: ConsentStore): void {
  if (store.has('analytics')) return;
  const fix = 'remove it; use data-ga-id or data-gtm-id';
  const scripts = document.querySelectorAll<HTMLScriptElement>('script[src*="/gtag/js"],script[src*="/gtm.js"]');
  for (const { src } of scripts) report(`${src} loads before consent: ${fix}.`);
  if (!scripts.length && (window as { google_tag_manager?: unknown }).google_tag_manager) {
    report(`Tag Manager runs before consent: ${fix}.`);
  }
  const layer = window.dataLayer;
  // Entries are gtag's `arguments` objects, or plain events such as Tag Manager's start.
  const grants = (entry: unknown) => {
    const command = entry as { [index: number]: { analytics_storage?: string; ad_storage?: string } } | null;
    return command?.[0] + '' + command?.[1] === 'consentdefault' && /granted/.test(`${command![2]?.analytics_storage}${command![2]?.ad_storage}`);
  };
  if (Array.isArray(layer) && layer.some(grants)) {
    report("The page's own consent default grants: move ib-cookie-consent.js above it.");
  }
}
