import { CONSENT_COOKIE } from './core/cookie.js';
import { report } from './core/log.js';
import { NECESSARY } from './core/record.js';
import { GA_ID, GTAG_URL } from './gate/google-analytics.js';
import { languages } from './ui/copy.js';
import type { Copy, LanguageCode } from './ui/copy.js';

/** A cookie a category covers: listed in the preferences and deleted when consent is withdrawn. */
export interface CookieDescription {
  /** The cookie's name; a trailing `*` matches any suffix, as in `_ga_*`. */
  name: string;
  purpose?: string;
  /** How long it is kept, as the visitor reads it: "2 jaar". */
  lifetime?: string;
}

/** A consent category as configured; built-in ids (`necessary`, `analytics`) only need what changes. */
export interface CategoryOptions {
  /** Lower-case id, used in the cookie, the API and `data-consent`. */
  id: string;
  label?: string;
  description?: string;
  cookies?: CookieDescription[];
}

/** A category ready to show and to gate. */
export interface Category extends Required<CategoryOptions> {}

/**
 * Everything a site can configure, from the script tag's `data-*`, the element's attributes,
 * the JSON block `#ib-cookie-consent-config` or `start(options)`.
 */
export interface ConsentOptions {
  /** GA4 measurement id (`G-…`); without it no analytics is loaded. */
  gaId?: string;
  /** Link to the privacy statement: http(s) or relative. */
  privacyUrl?: string;
  /** Policy revision; raise it to ask every visitor again. Default 1. */
  revision?: number | string;
  /** e.g. `.inforbusiness.com` to share the choice with all subdomains. Default: this host only. */
  cookieDomain?: string;
  /** Days a choice lasts. Default 365, at most 396 (13 months). */
  cookieDays?: number | string;
  /** Where gtag.js comes from, e.g. a first-party tagging server. Default Google's. */
  gtagUrl?: string;
  /** The page's CSP nonce, given to gtag.js and to activated scripts. */
  nonce?: string;
  /** Extra categories, or changes to the built-in ones. */
  categories?: CategoryOptions[];
  /** Replacement copy for the current language. */
  texts?: Partial<Copy>;
  /** `nl` (default) or `en`; otherwise the element's or page's `lang` decides. */
  lang?: string;
  /** `bar` (default) or `box`. */
  layout?: string;
  /** `light` or `dark`; default follows the visitor's system. */
  theme?: string;
  /** Shows a small "Cookie-instellingen" button once a choice is made; as an attribute, present or absent. */
  floatingButton?: boolean | string;
}

/**
 * Options from an element's attributes: the script tag's `data-ga-id` (with prefix `data-`)
 * or the `<ib-cookie-consent>` element's `ga-id` both become `gaId`. Other attributes are ignored
 * by resolveOptions, so no list of names is needed here.
 */
export function readAttributeOptions(element: Element | null | undefined, prefix = ''): ConsentOptions {
  const options: Record<string, string> = {};
  for (const { name, value } of element?.attributes ?? []) {
    if (name.startsWith(prefix)) options[name.slice(prefix.length).replace(/-./g, (dash) => dash[1].toUpperCase())] = value;
  }
  return options;
}

export interface ResolvedConfig {
  gaId?: string;
  gtagUrl: string;
  nonce?: string;
  privacyUrl?: string;
  revision: number;
  cookieDomain?: string;
  cookieDays: number;
  categories: Category[];
  copy: Copy;
  lang: LanguageCode;
}

const DEFAULT_DAYS = 365;
/** Dutch and EU guidance: ask again after 13 months at the latest. */
const MAX_DAYS = 396;
/** Only http(s) and relative URLs: never `javascript:` or `data:` from configuration. */
const UNSAFE_URL = 'must be http(s) or relative';
const GA_OFF = 'no GA';
/** What Google Analytics may set (lifetimes in the copy); all are deleted on withdrawal. */
const ANALYTICS_COOKIES = ['_ga', '_ga_*', '_gid', '_gat*', '_gcl_au'];

/** Checks every option, reports what a site owner must fix, and fills in the defaults. */
export function resolveOptions(options: ConsentOptions): ResolvedConfig {
  const lang: LanguageCode = /^en/i.test(options.lang || document.documentElement.lang) ? 'en' : 'nl';
  const { categories: categoryCopy, gaLifetimes, days, ...defaultCopy } = languages[lang];
  const copy = { ...defaultCopy, ...options.texts };
  if (!/weiger|reject|refuse|decline|deny/i.test(copy.reject)) {
    report('warn', `texts.reject "${copy.reject}" must refuse, like "Alles weigeren".`);
  }

  let { gaId, gtagUrl = GTAG_URL, privacyUrl, cookieDomain } = options;
  // Attributes and JSON may give numbers as text.
  let revision = Number(options.revision ?? 1);
  let cookieDays = Number(options.cookieDays ?? DEFAULT_DAYS);
  /** Reports an option that cannot be used as given: its value, the rule, and what happens instead. */
  const refuse = (option: string, value: unknown, rule: string, instead: string, level: 'warn' | 'error' = 'error') =>
    report(level, `${option} "${value}" ${rule}; ${instead}.`);
  if (gaId !== undefined && !GA_ID.test(gaId)) {
    refuse('ga-id', gaId, 'is not a GA4 id (G-AB12CD34)', GA_OFF);
    gaId = undefined;
  }
  if (gaId && !isSafeUrl(gtagUrl)) {
    refuse('gtag-url', gtagUrl, UNSAFE_URL, GA_OFF);
    gaId = undefined;
  }
  if (privacyUrl === undefined) {
    report('warn', 'Add data-privacy-url to link the privacy statement.');
  } else if (!isSafeUrl(privacyUrl)) {
    refuse('privacy-url', privacyUrl, UNSAFE_URL, 'no link', 'warn');
    privacyUrl = undefined;
  }
  if (!(Number.isInteger(revision) && revision >= 0)) {
    refuse('revision', revision, 'must be a whole number', 'using 1');
    revision = 1;
  }
  if (!(cookieDays > 0 && cookieDays <= MAX_DAYS)) {
    refuse('cookie-days', cookieDays, `must be 1-${MAX_DAYS} (13 months)`, `using ${DEFAULT_DAYS}`);
    cookieDays = DEFAULT_DAYS;
  }
  const host = location.hostname;
  const domain = cookieDomain?.replace(/^\./, '');
  if (domain !== undefined && host !== domain && !host.endsWith(`.${domain}`)) {
    refuse('cookie-domain', cookieDomain, `does not cover ${host}`, 'using this host');
    cookieDomain = undefined;
  }

  const builtIn = (id: string, cookies: CookieDescription[]): Category => {
    const [label, description] = categoryCopy[id];
    return { id, label, description, cookies };
  };
  const categories = [
    builtIn(NECESSARY, [{ name: CONSENT_COOKIE, lifetime: `${cookieDays} ${days}` }]),
    builtIn('analytics', ANALYTICS_COOKIES.map((name, index) => ({ name, lifetime: gaLifetimes[index] }))),
  ];
  for (const category of options.categories ?? []) {
    if (!/^[a-z][a-z0-9_-]*$/.test(category?.id)) {
      refuse('category id', category?.id, 'must be a-z, 0-9, - or _', 'skipped');
      continue;
    }
    if ((category as { enabled?: unknown }).enabled && category.id !== NECESSARY) {
      report('warn', `"${category.id}" cannot be on by default: consent is opt-in.`);
    }
    let target = categories.find(({ id }) => id === category.id);
    if (!target) categories.push((target = { id: category.id, label: category.id, description: '', cookies: [] }));
    Object.assign(target, category);
  }

  return { gaId, gtagUrl, nonce: options.nonce, privacyUrl, revision, cookieDomain, cookieDays, categories, copy, lang };
}

function isSafeUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, location.href).protocol);
  } catch {
    return false;
  }
}
