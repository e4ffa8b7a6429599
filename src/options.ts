import { CONSENT_COOKIE } from './core/cookie.js';
import { report } from './core/log.js';
import { NECESSARY } from './core/record.js';
import { languages } from './copy.js';
import type { Copy, LanguageCode } from './copy.js';
import { GA_ID, GTAG_URL } from './gate/google-analytics.js';

/** A cookie a category covers: listed in the preferences and deleted when consent is withdrawn. */
export interface CookieDescription {
  /** The cookie's name; a trailing `*` matches any suffix, as in `_ga_*`. */
  name: string;
  purpose?: string;
  /** How long it is kept, as the visitor reads it: "2 jaar". */
  lifetime?: string;
}

/**
 * A consent category as configured. For a built-in id (`necessary`, `analytics`) only what
 * changes is needed: `label` and `description` replace, `cookies` are added to the built-in list.
 */
export interface CategoryOptions {
  /** Lower-case id, used in the cookie, the API and `data-consent`. */
  id: string;
  label?: string;
  description?: string;
  cookies?: CookieDescription[];
}

/** A category ready to show and to gate. */
export interface Category extends Required<CategoryOptions> {}

/** Replacement copy: flat for the page's language, or per language (`{ nl: {…}, en: {…} }`). */
export type TextOptions = Partial<Copy> | Partial<Record<LanguageCode, Partial<Copy>>>;

/**
 * Everything a site can configure, from the script tag's `data-*`, the element's attributes,
 * the JSON block `script#ib-cookie-consent-config` or `start(options)`.
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
  /** Replacement copy, flat or per language. */
  texts?: TextOptions;
  /** `nl` (default) or `en`; otherwise the element's or page's `lang` decides. */
  lang?: string;
  /** `bar` (default) or `box`. */
  layout?: 'bar' | 'box';
  /** `light` or `dark`; default follows the visitor's system. */
  theme?: 'light' | 'dark';
  /** Shows a small "Cookie-instellingen" button once a choice is made; as an attribute, present or absent. */
  floatingButton?: boolean | string;
}

/** Every option, by the name an attribute gives it (`data-ga-id` and `ga-id` become `gaId`). */
const OPTION_NAMES = [
  'gaId',
  'privacyUrl',
  'revision',
  'cookieDomain',
  'cookieDays',
  'gtagUrl',
  'nonce',
  'categories',
  'texts',
  'lang',
  'layout',
  'theme',
  'floatingButton',
] as const;

/**
 * Options from an element's attributes: the script tag's `data-ga-id` (with prefix `data-`)
 * or the `<ib-cookie-consent>` element's `ga-id` both become `gaId`. Attributes that are not
 * options (a CDN's `data-cf-*`, `class`) are left alone.
 */
export function readAttributeOptions(element: Element | null | undefined, prefix = ''): Record<string, string> {
  const options: Record<string, string> = {};
  for (const { name, value } of element?.attributes ?? []) {
    const option = name.slice(prefix.length).replace(/-./g, (dash) => dash[1].toUpperCase());
    if (name.startsWith(prefix) && (OPTION_NAMES as readonly string[]).includes(option)) options[option] = value;
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
  layout?: 'bar' | 'box';
  theme?: 'light' | 'dark';
  floatingButton: boolean;
}

const DEFAULT_DAYS = 365;
/** Dutch and EU guidance: ask again after 13 months at the latest. */
const MAX_DAYS = 396;
/** Only http(s) and relative URLs: never `javascript:` or `data:` from configuration. */
const UNSAFE_URL = 'must be http(s) or relative';
const GA_OFF = 'no GA';
/** What Google Analytics may set (purposes and lifetimes in the copy); all are deleted on withdrawal. */
const ANALYTICS_COOKIES = ['_ga', '_ga_*', '_gid', '_gat*', '_gcl_au'];
const CATEGORY_ID = /^[a-z][a-z0-9_-]*$/;
/** A cookie name (RFC 6265 token), optionally ending in `*`. */
const COOKIE_NAME = /^[\w!#$%&'+.^`|~-]+\*?$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
/** The value for messages: short, one line. */
function show(value: unknown): string {
  try {
    return JSON.stringify(value).slice(0, 80);
  } catch {
    // undefined, a BigInt, a cycle, an object without a prototype.
    return typeof value;
  }
}

/**
 * Checks the whole options object by shape, reports each problem once (the value, the rule and
 * what happens instead), and fills in the defaults. Never throws: whatever it is given, the
 * result is a usable configuration.
 */
export function resolveOptions(input: unknown): ResolvedConfig {
  const options: Record<string, unknown> = isObject(input) ? input : {};
  /** Reports an option that cannot be used as given: its value, the rule, and what happens instead. */
  const refuse = (option: string, value: unknown, rule: string, instead: string, level: 'warn' | 'error' = 'error') =>
    report(level, `${option} ${show(value)} ${rule}; ${instead}.`);
  if (!isObject(input)) refuse('options', input, 'must be an object', 'using the defaults');
  for (const name of Object.keys(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(name)) refuse('option', name, 'is unknown', 'ignored', 'warn');
  }
  /** A text option: its string, or undefined after a message when it is something else. */
  const text = (name: string): string | undefined => {
    const value = options[name];
    if (value === undefined || isText(value)) return value;
    refuse(name, value, 'must be text', 'ignored');
  };
  const oneOf = <T extends string>(name: string, allowed: readonly T[]): T | undefined => {
    const value = text(name);
    if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
    refuse(name, value, `must be ${allowed.join(' or ')}`, 'using the default');
  };

  const lang: LanguageCode = /^en\b/i.test(text('lang') || document.documentElement.lang) ? 'en' : 'nl';
  const { necessary, analytics, days, ...defaultCopy } = languages[lang];
  const copy: Copy = { ...defaultCopy, ...readTexts(options.texts, lang, refuse) };
  if (!/weiger|reject|refuse|decline|deny/i.test(copy.reject)) {
    report('warn', `texts.reject "${copy.reject}" must refuse, like "Alles weigeren".`);
  }

  let gaId = text('gaId');
  let privacyUrl = text('privacyUrl');
  let cookieDomain = text('cookieDomain');
  const gtagUrl = text('gtagUrl') ?? GTAG_URL;
  // Attributes and JSON may give numbers as text; anything else (a list, an object) is refused.
  const number = (name: string, fallback: number) => {
    const value = options[name] ?? fallback;
    return (typeof value === 'number' || isText(value)) && String(value).trim() ? Number(value) : NaN;
  };
  let revision = number('revision', 1);
  let cookieDays = number('cookieDays', DEFAULT_DAYS);
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
  if (!(Number.isInteger(revision) && revision >= 0 && revision < 2 ** 31)) {
    refuse('revision', options.revision, 'must be a whole number', 'using 1');
    revision = 1;
  }
  if (!(cookieDays >= 1 && cookieDays <= MAX_DAYS)) {
    refuse('cookie-days', options.cookieDays, `must be 1-${MAX_DAYS} (13 months)`, `using ${DEFAULT_DAYS}`);
    cookieDays = DEFAULT_DAYS;
  }
  const host = location.hostname;
  const domain = cookieDomain?.replace(/^\./, '').toLowerCase();
  if (domain !== undefined && ((host !== domain && !host.endsWith(`.${domain}`)) || !domain.includes('.'))) {
    refuse('cookie-domain', cookieDomain, `does not cover ${host}, or is a top-level domain`, 'using this host');
    cookieDomain = undefined;
  }
  const nonce = text('nonce') || undefined;

  const builtIn = (id: string, { label, description, cookies }: (typeof languages)['nl']['necessary'], names: string[]) => ({
    id,
    label,
    description,
    cookies: names.map((name, index) => ({ name, purpose: cookies[index][0], lifetime: cookies[index][1] })),
  });
  const categories: Category[] = [
    builtIn(NECESSARY, { ...necessary, cookies: [[necessary.cookies[0][0], `${cookieDays} ${days}`]] }, [CONSENT_COOKIE]),
    builtIn('analytics', analytics, ANALYTICS_COOKIES),
  ];
  const configured = options.categories;
  if (configured !== undefined && !Array.isArray(configured)) refuse('categories', configured, 'must be a list', 'ignored');
  for (const category of Array.isArray(configured) ? configured : []) {
    const id = isObject(category) ? category.id : undefined;
    if (!isText(id) || !CATEGORY_ID.test(id)) {
      refuse('category id', id ?? category, 'must be a-z, 0-9, - or _', 'category skipped');
      continue;
    }
    if (category.enabled && id !== NECESSARY) report('warn', `"${id}" cannot be on by default: consent is opt-in.`);
    let target = categories.find((known) => known.id === id);
    if (!target) categories.push((target = { id, label: id, description: '', cookies: [] }));
    for (const key of ['label', 'description'] as const) {
      const value = category[key];
      // A blank label would leave a heading and a switch without a name.
      if (isText(value) && (value.trim() || key === 'description')) target[key] = value;
      else if (value !== undefined) refuse(`${id}.${key}`, value, 'must be text', 'ignored');
    }
    target.cookies = [...target.cookies, ...readCookies(id, category.cookies, refuse)];
  }

  const floatingButton = options.floatingButton;
  return {
    gaId,
    gtagUrl,
    nonce,
    privacyUrl,
    revision,
    cookieDomain,
    cookieDays,
    categories,
    copy,
    lang,
    layout: oneOf('layout', ['bar', 'box']),
    theme: oneOf('theme', ['light', 'dark']),
    // As an attribute it is present (even empty) or absent; JSON and start() give booleans.
    floatingButton: floatingButton !== undefined && floatingButton !== false && floatingButton !== 'false',
  };
}

type Refuse = (option: string, value: unknown, rule: string, instead: string) => void;

/** The site's copy for `lang`: from `texts.nl`/`texts.en`, or a flat `texts` for the page's language. */
function readTexts(texts: unknown, lang: LanguageCode, refuse: Refuse): Partial<Copy> {
  if (texts === undefined) return {};
  if (!isObject(texts)) return refuse('texts', texts, 'must be an object', 'ignored'), {};
  const perLanguage = Object.keys(texts).some((key) => Object.hasOwn(languages, key));
  const chosen = perLanguage ? texts[lang] ?? {} : texts;
  const copy: Record<string, string> = {};
  for (const [key, value] of Object.entries(isObject(chosen) ? chosen : {})) {
    if (!Object.hasOwn(languages.nl, key) || ['necessary', 'analytics', 'days'].includes(key)) refuse('texts key', key, 'is unknown', 'ignored');
    else if (!isText(value) || !value.trim()) refuse(`texts.${key}`, value, 'must be text', 'using the default');
    else copy[key] = value;
  }
  return copy;
}

/** A category's own cookies, each checked; the consent cookie can never be one of them. */
function readCookies(id: string, cookies: unknown, refuse: Refuse): CookieDescription[] {
  if (cookies === undefined) return [];
  if (!Array.isArray(cookies)) return refuse(`${id}.cookies`, cookies, 'must be a list', 'ignored'), [];
  return cookies.flatMap((cookie: unknown) => {
    const { name, purpose, lifetime } = isObject(cookie) ? cookie : ({} as Record<string, unknown>);
    const matchesConsent = isText(name) && (name === CONSENT_COOKIE || (name.endsWith('*') && CONSENT_COOKIE.startsWith(name.slice(0, -1))));
    if (!isText(name) || !COOKIE_NAME.test(name) || matchesConsent) {
      refuse(`${id} cookie`, cookie, `needs a cookie name (not ${CONSENT_COOKIE}, which keeps the choice)`, 'skipped');
      return [];
    }
    return [{ name, purpose: isText(purpose) ? purpose : '', lifetime: isText(lifetime) ? lifetime : '' }];
  });
}

function isSafeUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, location.href).protocol);
  } catch {
    return false;
  }
}
