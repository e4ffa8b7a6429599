import type { ConsentStore } from '../core/consent.js';
import { report } from '../core/log.js';

/**
 * Says, once each, when the page itself runs Google's tags before analytics consent, which the
 * widget cannot gate: a gtag.js or gtm.js it did not add (it adds none before consent), or the
 * page's own Consent Mode default that grants.
 */
export function reportPageTags(store: ConsentStore): void {
  if (store.has('analytics')) return;
  for (const { src } of document.querySelectorAll<HTMLScriptElement>('script[src*="/gtag/js"],script[src*="/gtm.js"]')) {
    report(`${src} loads before consent: remove it; use data-ga-id or data-gtm-id.`);
  }
  try {
    // gtag's `arguments` objects, or plain events such as Tag Manager's start.
    for (const entry of window.dataLayer as { [index: number]: unknown }[]) {
      if (entry[0] === 'consent' && entry[1] === 'default' && /(analytics|ad)_storage":"granted/.test(JSON.stringify(entry[2]))) {
        report("The page's own consent default grants: move ib-cookie-consent.js above it.");
      }
    }
  } catch {
    // No data layer, or one the page broke: data-layer.ts reports that.
  }
}
