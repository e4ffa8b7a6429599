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
  revision?: number;
  /** e.g. `.inforbusiness.com` to share the choice with all subdomains. Default: this host only. */
  cookieDomain?: string;
  /** Days a choice lasts. Default 365, at most 396 (13 months). */
  cookieDays?: number;
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
  /** Shows a small "Cookie-instellingen" button once a choice is made. */
  floatingButton?: boolean;
}

/** The options that fit in an HTML attribute (kebab-case on the element, `data-*` on the script tag). */
export const ATTRIBUTE_OPTIONS = [
  'gaId', 'privacyUrl', 'revision', 'cookieDomain', 'cookieDays', 'gtagUrl',
  'nonce', 'lang', 'layout', 'theme', 'floatingButton',
] as const;

/** Reads the attribute options through `get`, which returns a raw attribute value or null. */
export function readAttributeOptions(get: (key: (typeof ATTRIBUTE_OPTIONS)[number]) => string | null | undefined): ConsentOptions {
  const options: Record<string, unknown> = {};
  for (const key of ATTRIBUTE_OPTIONS) {
    const value = get(key);
    if (value == null) continue;
    options[key] =
      key === 'revision' || key === 'cookieDays' ? Number(value) : key === 'floatingButton' ? value !== 'false' : value;
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
const UNSAFE_URL = 'must be an http(s) or relative URL';
/** What Google Analytics may set, with Google's lifetimes; all are deleted on withdrawal. */
const ANALYTICS_COOKIES: [name: string, amount: number, unit: string][] = [
  ['_ga', 2, 'year'],
  ['_ga_*', 2, 'year'],
  ['_gid', 1, 'day'],
  ['_gat*', 1, 'minute'],
  ['_gcl_au', 3, 'month'],
];

/** Checks every option, reports what a site owner must fix, and fills in the defaults. */
export function resolveOptions(options: ConsentOptions): ResolvedConfig {
  const lang: LanguageCode = (options.lang || document.documentElement.lang).toLowerCase().startsWith('en') ? 'en' : 'nl';
  const { categories: categoryCopy, ...defaultCopy } = languages[lang];
  const lifetime = (amount: number, unit: string) =>
    new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'long' }).format(amount);
  const copy = { ...defaultCopy, ...options.texts };
  if (!/weiger|reject|refuse|decline|deny/i.test(copy.rejectAll)) {
    report('warn', `texts.rejectAll "${copy.rejectAll}" must say "weigeren": refusing must be as clear as accepting.`);
  }

  let { gaId, gtagUrl = GTAG_URL, privacyUrl, revision = 1, cookieDays = DEFAULT_DAYS, cookieDomain } = options;
  if (gaId !== undefined && !GA_ID.test(gaId)) {
    report('error', `ga-id "${gaId}" is not a GA4 id like G-AB12CD34; Google Analytics stays off.`);
    gaId = undefined;
  }
  if (gaId && !isSafeUrl(gtagUrl)) {
    report('error', `gtag-url "${gtagUrl}" ${UNSAFE_URL}; Google Analytics stays off.`);
    gaId = undefined;
  }
  if (privacyUrl === undefined) {
    report('warn', 'Add data-privacy-url="/privacyverklaring" to link the privacy statement.');
  } else if (!isSafeUrl(privacyUrl)) {
    report('warn', `privacy-url "${privacyUrl}" ${UNSAFE_URL}; no link shown.`);
    privacyUrl = undefined;
  }
  if (!Number.isInteger(revision) || revision < 0) {
    report('error', `revision "${revision}" must be a whole number; using 1.`);
    revision = 1;
  }
  if (!(cookieDays > 0)) {
    report('error', `cookie-days "${cookieDays}" must be a positive number; using ${DEFAULT_DAYS}.`);
    cookieDays = DEFAULT_DAYS;
  } else if (cookieDays > MAX_DAYS) {
    report('warn', `cookie-days ${cookieDays} exceeds 13 months; using ${MAX_DAYS}.`);
    cookieDays = MAX_DAYS;
  }
  const host = location.hostname;
  const domain = cookieDomain?.replace(/^\./, '');
  if (domain !== undefined && host !== domain && !host.endsWith(`.${domain}`)) {
    report('error', `cookie-domain "${cookieDomain}" does not match ${host}; using ${host} only.`);
    cookieDomain = undefined;
  }

  const builtIn: CategoryOptions[] = [
    { id: NECESSARY, cookies: [{ name: CONSENT_COOKIE, lifetime: lifetime(cookieDays, 'day') }] },
    { id: 'analytics', cookies: ANALYTICS_COOKIES.map(([name, amount, unit]) => ({ name, lifetime: lifetime(amount, unit) })) },
  ];
  for (const category of options.categories ?? []) {
    if (!/^[a-z][a-z0-9_-]*$/.test(category?.id)) {
      report('error', `Category id "${category?.id}" skipped; use a-z, 0-9, - or _.`);
      continue;
    }
    if ((category as { enabled?: unknown }).enabled === true && category.id !== NECESSARY) {
      report('warn', `Category "${category.id}" cannot be on by default (consent must be opt-in); it starts off.`);
    }
    const existing = builtIn.find(({ id }) => id === category.id);
    if (existing) Object.assign(existing, category);
    else builtIn.push(category);
  }
  const categories = builtIn.map(({ id, label, description, cookies = [] }): Category => {
    const [defaultLabel = id, defaultDescription = ''] = categoryCopy[id] ?? [];
    return {
      id,
      label: label ?? defaultLabel,
      description: description ?? defaultDescription,
      cookies,
    };
  });

  return { gaId, gtagUrl, nonce: options.nonce, privacyUrl, revision, cookieDomain, cookieDays, categories, copy, lang };
}

function isSafeUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, location.href).protocol);
  } catch {
    return false;
  }
}
