/**
 * What the placeholder says about an embed, read from its URL: which service it comes from and
 * whether it is a video. Also the one check every URL the add-on sets must pass.
 */
import { checkedUrl } from '../checked-url.js';

/** An embed's service as visitors know it: its name, and whether it shows a video. */
export interface EmbedService {
  name: string;
  video: boolean;
}

/**
 * `raw` resolved against the page, when it is https: or relative (then it shares the page's own
 * scheme); `null` for anything else (`javascript:`, `data:`, `http:` to another host). The
 * add-ons' URL check, and one rule more for an embed: an absolute http: URL is refused. The
 * resolved scheme is checked, not the text: the URL parser drops tabs and line breaks, so
 * `java\tscript:` is `javascript:`.
 */
export function embedUrl(raw: string | null | undefined): string | null {
  if (raw == null) return null;
  const url = checkedUrl(raw);
  const relative = !/^\s*[a-z][a-z\d+.-]*:/i.test(raw);
  return url && (url.protocol == 'https:' || relative) ? url.href : null;
}

/**
 * The service behind an embed URL: YouTube, Vimeo and Google Maps by name, anything else by its
 * host name (without `www.`). `named` (the iframe's `data-service`) replaces the name.
 */
export function serviceOf(url: string, named?: string): EmbedService {
  const { hostname, pathname } = new URL(url);
  const host = hostname.replace(/^www\./, '');
  const [name, video] = /(^|\.)(youtube(-nocookie)?\.com|youtu\.be)$/.test(host)
    ? ['YouTube', true]
    : /(^|\.)vimeo\.com$/.test(host)
      ? ['Vimeo', true]
      : /^(maps\.)?google\.[a-z.]+$/.test(host) && (host.startsWith('maps.') || pathname.startsWith('/maps'))
        ? ['Google Maps', false]
        : [host, false];
  return { name: named?.trim() || name, video };
}
