import type { ConsentStore } from '../core/consent.js';
import { pushToDataLayer } from './data-layer.js';
import { GOOGLE_TAG_HOST, googleTags, loadGoogleTag } from './google-tag.js';

/** Where the container comes from unless `gtmUrl` names a first-party tagging server. */
export const GTM_URL = `${GOOGLE_TAG_HOST}/gtm.js`;

/** A Tag Manager container id: `GTM-` and letters or digits. */
export const GTM_ID = /^GTM-[A-Z0-9]+$/;

export interface TagManagerSettings {
  gtmId: string;
  gtmUrl: string;
  /** The category the container waits for: `analytics`, or `marketing` when it carries ad tags. */
  gtmCategory: string;
  nonce?: string;
}

/**
 * Loads the Tag Manager container under the same rule as Google Analytics: never before its
 * category is granted, once when it is, with the page's nonce. What its tags may do after that
 * the Consent Mode signals and `ib_consent_update` events tell them. Returns the unsubscribe.
 */
export function gateTagManager(store: ConsentStore, { gtmId, gtmUrl, gtmCategory, nonce }: TagManagerSettings): () => void {
  const tag = (googleTags['Tag Manager'] = { category: gtmCategory });
  const apply = () => {
    if ('status' in tag || !store.has(gtmCategory)) return;
    // As Google's own snippet does: without this event no "All Pages" trigger fires.
    pushToDataLayer({ 'gtm.start': Date.now(), event: 'gtm.js' });
    loadGoogleTag('Tag Manager', new URL(gtmUrl, location.href), gtmId, nonce);
  };
  apply();
  return store.subscribe(apply);
}
