import { report } from '../core/log.js';
import { createScript } from './trusted-types.js';

/** Google's host for gtag.js and gtm.js; `gtag-url` and `gtm-url` replace it for a tagging server. */
export const GOOGLE_TAG_HOST = 'https://www.googletagmanager.com';

/**
 * Each Google tag the widget gates, by name: the category it waits for, and how far loading
 * got. `debug()` shows it, so that "allowed" is never mistaken for "loaded".
 */
export const googleTags: Record<string, { category: string; status?: 'loading' | 'loaded' | 'failed' }> = {};

/** Loads a gated Google tag (once: callers check), with the page's nonce, and follows how it went. */
export function loadGoogleTag(name: string, url: URL, id: string, nonce?: string): void {
  const tag = googleTags[name];
  url.searchParams.set('id', id);
  const script = createScript({ src: url.href, nonce });
  tag.status = 'loading';
  script.onload = () => (tag.status = 'loaded');
  script.onerror = () => {
    tag.status = 'failed';
    report(`${name} did not load from ${url.origin}: check the URL and the CSP's script-src.`);
  };
  document.head.append(script);
}
