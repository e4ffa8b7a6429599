import Cookies from 'js-cookie';
import { report } from './log.js';
import type { ConsentRecord } from './record.js';

/** The one cookie this widget owns. Its name and format are known only here. */
export const CONSENT_COOKIE = 'ib_consent';

const DAY = 864e5;
const PAGE_ONLY = 'the choice lasts for this page only.';

/** Where the consent cookie lives and how long it lasts. */
export interface ConsentCookieSettings {
  /** `.inforbusiness.com` shares the choice with every subdomain; unset means host-only. */
  cookieDomain?: string;
  /** Days after the latest choice that the cookie (and the consent) stays valid. */
  cookieDays: number;
}

/**
 * Runs a cookie access. `document.cookie` throws in a sandboxed frame and on some privacy
 * settings: then the choice lives for this page only, and the site owner hears it once.
 */
function guarded<T>(access: () => T, fallback: T): T {
  try {
    return access();
  } catch {
    report(`Cookies blocked (sandboxed?): ${PAGE_ONLY}`);
    return fallback;
  }
}

/**
 * Every `ib_consent` value the browser sends, oldest first: a host-only cookie and a domain
 * cookie with the same name can both exist (from before `cookie-domain` was set), and
 * js-cookie's `get()` would return only the first.
 */
export function readConsentCookies(): string[] {
  return readCookies()
    .filter(([name]) => name === CONSENT_COOKIE)
    .map(([, value]) => {
      try {
        return Cookies.converter.read(value, CONSENT_COOKIE);
      } catch {
        // A broken %-escape: kept as it is, so it is reported as an invalid record.
        return value;
      }
    });
}

/** Every cookie as [name, raw value], duplicates included; js-cookie skips one it cannot decode. */
function readCookies(): [string, string][] {
  return guarded(
    () =>
      document.cookie
        .split('; ')
        .filter(Boolean)
        .map((cookie) => {
          const at = cookie.indexOf('=');
          return [cookie.slice(0, at), cookie.slice(at + 1)];
        }),
    [],
  );
}

/**
 * Stores the record as the visitor's only `ib_consent`: other variants (host-only, other parent
 * domains) are deleted first, so an old one can never be read instead. Checks that the browser
 * kept it; a cookie domain the browser refuses (a public suffix) falls back to this host.
 * Returns whether the choice is stored.
 */
export function writeConsentCookie(record: ConsentRecord, { cookieDomain, cookieDays }: ConsentCookieSettings): boolean {
  const value = JSON.stringify(record);
  const write = (domain: string | undefined) => {
    removeCookies([CONSENT_COOKIE]);
    // js-cookie's default path is `/`, for every set() and remove().
    Cookies.set(CONSENT_COOKIE, value, {
      domain,
      sameSite: 'Lax',
      // A Secure cookie is silently dropped on a plain-http page, which would lose the choice.
      secure: location.protocol === 'https:',
      expires: new Date(expiresAt(record, cookieDays)),
    });
    return readConsentCookies().includes(value);
  };
  return guarded(() => {
    if (write(cookieDomain)) return true;
    if (cookieDomain && write(undefined)) {
      report(`Browser refused cookie-domain "${cookieDomain}" (public suffix?); this host only.`);
      return true;
    }
    report(`Browser kept no cookie: ${PAGE_ONLY}`);
    return false;
  }, false);
}

/** When a choice stops counting as consent: `days` after the latest choice (epoch ms). */
export function expiresAt(record: ConsentRecord, days: number): number {
  return Date.parse(record.updatedAt) + days * DAY;
}

/**
 * The domains a cookie of this page can live on: host-only (undefined), this host and every
 * parent domain but the top-level one, which browsers refuse (and Firefox logs an error for).
 * An IP address has no parent domains.
 */
function cookieDomains(): (string | undefined)[] {
  const host = location.hostname;
  if (/^[\d.]+$|:|^\[/.test(host)) return [undefined];
  const labels = host.split('.');
  return [undefined, ...labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'))];
}

/** Whether a cookie's name matches a configured one, where a trailing `*` matches any suffix. */
export function matchesCookieName(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : name === pattern;
}

/**
 * Deletes cookies by name (a trailing `*` matches any suffix) on path `/` on every domain this
 * page can reach, because trackers set them on the widest domain they can.
 */
export function removeCookies(names: readonly string[]): void {
  const matches = (cookie: string) => names.some((pattern) => matchesCookieName(pattern, cookie));
  const found = new Set(readCookies().map(([name]) => name).filter(matches));
  guarded(() => {
    for (const cookie of found) {
      for (const domain of cookieDomains()) Cookies.remove(cookie, { domain });
    }
  }, undefined);
}
