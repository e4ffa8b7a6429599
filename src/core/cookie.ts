import Cookies from 'js-cookie';
import type { ConsentRecord } from './record.js';

/** The one cookie this widget owns. Its name and format are known only here. */
export const CONSENT_COOKIE = 'ib_consent';

const DAY = 864e5;

/** Where the consent cookie lives and how long it lasts. */
export interface ConsentCookieSettings {
  /** `.inforbusiness.com` shares the choice with every subdomain; unset means host-only. */
  cookieDomain?: string;
  /** Days after the latest choice that the cookie (and the consent) stays valid. */
  cookieDays: number;
}

export function readConsentCookie(): string | undefined {
  return Cookies.get(CONSENT_COOKIE);
}

export function writeConsentCookie(record: ConsentRecord, { cookieDomain, cookieDays }: ConsentCookieSettings): void {
  Cookies.set(CONSENT_COOKIE, JSON.stringify(record), {
    path: '/',
    domain: cookieDomain,
    sameSite: 'Lax',
    // A Secure cookie is silently dropped on a plain-http page, which would lose the choice.
    secure: location.protocol === 'https:',
    expires: new Date(expiresAt(record, cookieDays)),
  });
}

/** When a choice stops counting as consent: `days` after the latest choice (epoch ms). */
export function expiresAt(record: ConsentRecord, days: number): number {
  return Date.parse(record.updatedAt) + days * DAY;
}

/**
 * Deletes cookies by name (a trailing `*` matches any suffix) on path `/` for this host and
 * every parent domain, because trackers set them on the widest domain they can. The browser
 * ignores a public suffix such as `co.uk`, so no suffix list is needed.
 */
export function removeCookies(names: readonly string[]): void {
  const labels = location.hostname.split('.');
  const domains = [undefined, ...labels.map((_, i) => labels.slice(i).join('.'))];
  const matches = (cookie: string) =>
    names.some((name) => (name.endsWith('*') ? cookie.startsWith(name.slice(0, -1)) : cookie === name));
  for (const cookie of Object.keys(Cookies.get()).filter(matches)) {
    for (const domain of domains) Cookies.remove(cookie, { path: '/', domain });
  }
}
