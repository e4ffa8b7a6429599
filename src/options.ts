import { CONSENT_COOKIE, matchesCookieName } from './core/cookie.js';
import { report } from './core/log.js';
import { NECESSARY } from './core/record.js';
import { dutch } from './copy.js';
import type { BuiltInCopy, Copy } from './copy.js';
import { GA_ID, GTAG_URL } from './gate/google-analytics.js';

/** Text the visitor reads: one string, or one per language (`{ nl: "Analytisch", en: "Analytics" }`). */
export type LocalText = string | Record<string, string>;

/** A cookie a category covers: listed in the preferences and deleted when consent is withdrawn. */
export interface CookieDescription<Text = LocalText> {
  /** The cookie's name; a trailing `*` matches any suffix, as in `_ga_*`. */
  name: string;
  purpose?: Text;
  /** How long it is kept, as the visitor reads it: "2 jaar". */
  lifetime?: Text;
}

/**
 * A consent category as configured. For a built-in id (`necessary`, `analytics`) only what
 * changes is needed: `label` and `description` replace, `cookies` are added to the built-in list
 * (one with a name already listed replaces that entry, as a translation does).
 */
export interface CategoryOptions {
  /** Lower-case id, used in the cookie, the API and `data-consent`. */
  id: string;
  label?: LocalText;
  description?: LocalText;
  cookies?: CookieDescription[];
}

/** A category ready to show and to gate, its text in the page's language. */
export interface Category {
  id: string;
  label: string;
  description: string;
  cookies: Required<CookieDescription<string>>[];
}

/** Replacement copy: flat, in the page's language, or per language (`{ nl: {…}, en: {…} }`). */
export type TextOptions = Partial<Copy> | Record<string, Partial<Copy>>;

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
  /** The page's language (default: `<html lang>`); copy other than Dutch comes from `texts`. */
  lang?: string;
  /** `light` or `dark`; default follows the visitor's system. */
  theme?: 'light' | 'dark';
  /** Shows a small "Cookie-instellingen" button once a choice is made; as an attribute, present or absent. */
  floatingButton?: boolean | string;
  /**
   * A browser that sends Global Privacy Control has refused, and sees no banner; `ask` shows it
   * the banner as usual (with a sentence about the signal).
   */
  gpc?: 'ask';
}

/**
 * The options an `<ib-cookie-consent>` element in the page may set: only its look. User content
 * can hold any element, so where scripts come from, the nonce and the cookie are never read there.
 */
export const ELEMENT_OPTIONS = ['theme', 'floatingButton', 'lang'];

/**
 * Options from an element's attributes: the script tag's `data-ga-id` (with prefix `data-`)
 * becomes `gaId`, the element's `floating-button` becomes `floatingButton`. Attributes that are
 * not among `names` (a CDN's `data-cf-*`, `class`) are left alone.
 */
export function readAttributeOptions(element: Element | null | undefined, prefix = '', names = Object.keys(RULES)): Record<string, string> {
  const options: Record<string, string> = {};
  for (const { name, value } of element?.attributes ?? []) {
    const option = name.slice(prefix.length).replace(/-./g, (dash) => dash[1].toUpperCase());
    if (name.startsWith(prefix) && names.includes(option)) options[option] = value;
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
  /** The language of `copy`: the page's when the site gave copy for it, else `nl`. */
  lang: string;
  theme?: 'light' | 'dark';
  floatingButton: boolean;
  /** `ask`: show the banner also to a browser that sends Global Privacy Control. */
  gpc?: 'ask';
}

const DEFAULT_DAYS = 365;
/** Dutch and EU guidance: ask again after 13 months at the latest. */
const MAX_DAYS = 396;
/**
 * What GA4's gtag.js sets (Google's "Cookie usage on websites"; purposes and lifetimes in the
 * copy), all deleted on withdrawal. Universal Analytics' _gid and _gat are gone with it; the Ads
 * cookies (_gcl_*, _gac_*) need ad storage, so they belong to a site's marketing category.
 */
const ANALYTICS_COOKIES = ['_ga', '_ga_*'];
const CATEGORY_ID = /^[a-z][a-z0-9_-]*$/;
/** The primary subtag of a language tag: `en` of `en-GB`. */
const LANGUAGE = /^[a-z]{2,3}(?![a-z])/i;
/** A cookie name (RFC 6265 token), optionally ending in `*`. */
const COOKIE_NAME = /^[\w!#$%&'+.^`|~-]+\*?$/;

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown): value is string => typeof value === 'string';
const isNonBlank = (value: unknown): value is string => isText(value) && !!value.trim();
/** Only http(s) and relative URLs: never `javascript:` or `data:` from configuration. */
function isSafeUrl(value: unknown): value is string {
  try {
    return isText(value) && /^https?:$/.test(new URL(value, location.href).protocol);
  } catch {
    return false;
  }
}
/** A whole number from min to max; attributes and JSON may give it as text. */
const wholeNumber = (min: number, max: number) => (value: unknown) =>
  (typeof value === 'number' || isNonBlank(value)) && Number.isInteger(+value) && +value >= min && +value <= max;

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
 * Reports a value a site owner gave that cannot be used: the option, the value and the rule.
 * What happens instead is always the same: the value is ignored, and the default (no GA, no
 * link, this host only, revision 1, 365 days) stands.
 */
function refuse(option: string, value: unknown, rule: string, level?: 'warn'): void {
  report(`${option} ${show(value)} ${rule}; ignored.`, level);
}

/** Every option's rule: the check its value must pass, and the rule as the message says it. */
const RULES: Record<string, [check: (value: unknown) => boolean, rule: string]> = {
  gaId: [(value) => isText(value) && GA_ID.test(value), 'must be like G-AB12CD34'],
  privacyUrl: [isSafeUrl, 'must be http(s) or relative'],
  gtagUrl: [isSafeUrl, 'must be http(s) or relative'],
  revision: [wholeNumber(0, 2 ** 31), 'must be a whole number'],
  cookieDays: [wholeNumber(1, MAX_DAYS), `must be 1-${MAX_DAYS} days (13 months)`],
  cookieDomain: [isText, 'must be text'],
  nonce: [isText, 'must be text'],
  lang: [(value) => isText(value) && LANGUAGE.test(value), 'must be a language code like nl'],
  theme: [(value) => value === 'light' || value === 'dark', 'must be light or dark'],
  floatingButton: [(value) => typeof value === 'boolean' || isText(value), 'must be true or false'],
  categories: [Array.isArray, 'must be a list'],
  texts: [isObject, 'must be an object'],
  gpc: [(value) => value === 'ask', 'must be ask'],
};

/**
 * Checks the whole options object by shape, reports each problem once (the value and the rule),
 * and fills in the defaults. Never throws: whatever it is given, the result is usable.
 */
export function resolveOptions(input: unknown): ResolvedConfig {
  if (!isObject(input)) refuse('options', input, 'must be an object');
  const options: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(isObject(input) ? input : {})) {
    if (!Object.hasOwn(RULES, name)) refuse('option', name, 'is unknown', 'warn');
    else if (value === undefined || RULES[name][0](value)) options[name] = value;
    else refuse(name, value, RULES[name][1]);
  }
  // gtag.js or a container from somewhere else than the site asked for is no tag at all.
  if (input && (input as Record<string, unknown>).gtagUrl !== options.gtagUrl) options.gaId = undefined;
  const { privacyUrl, cookieDomain, nonce, lang: pageLang, floatingButton } = options as Record<string, string>;
  const gtagUrl = (options.gtagUrl as string) ?? GTAG_URL;
  const revision = +(options.revision ?? 1);
  const cookieDays = +(options.cookieDays ?? DEFAULT_DAYS);

  const { lang, copy } = resolveCopy(options.texts as Record<string, unknown> | undefined, pageLang);
  /** A category string in the copy's language: given as text, or per language. */
  const local = (value: unknown) => (isObject(value) ? value[lang] : value);
  if (!/weiger|reject|refuse|decline|deny/i.test(copy.reject)) {
    report(`texts.reject "${copy.reject}" must refuse, like "Alles weigeren".`, 'warn');
  }
  if (privacyUrl === undefined) report('Add data-privacy-url to link the privacy statement.', 'warn');
  const host = location.hostname;
  const domain = cookieDomain?.replace(/^\./, '').toLowerCase();
  // The host itself or a parent of it, with a dot: a top-level domain is never stored.
  const coversHost = domain?.includes('.') && `.${host}`.endsWith(`.${domain}`);
  if (domain !== undefined && !coversHost) refuse('cookie-domain', cookieDomain, `must cover ${host} and not be top-level`);

  const builtIn = (id: string, { label, description, cookies }: BuiltInCopy, names: string[]): Category => ({
    id,
    label,
    description,
    cookies: names.map((name, index) => ({ name, purpose: cookies[index][0], lifetime: cookies[index][1] || `${cookieDays} ${copy.days}` })),
  });
  const categories = [builtIn(NECESSARY, dutch.necessary, [CONSENT_COOKIE]), builtIn('analytics', dutch.analytics, ANALYTICS_COOKIES)];
  for (const category of (options.categories as unknown[]) ?? []) {
    // Nothing is on by default: an `enabled` flag (other banners have one) is simply not read.
    const { id, cookies, ...text } = isObject(category) ? category : ({} as Record<string, unknown>);
    if (!isText(id) || !CATEGORY_ID.test(id)) {
      refuse('category id', id ?? category, 'must be a-z, 0-9, - or _');
      continue;
    }
    let target = categories.find((known) => known.id === id);
    if (!target) categories.push((target = { id, label: id, description: '', cookies: [] }));
    // A blank label would leave a heading and a switch without a name.
    for (const [key, check] of [['label', isNonBlank], ['description', isText]] as const) {
      const value = local(text[key]);
      if (check(value)) target[key] = value;
      else if (value !== undefined) refuse(`${id}.${key}`, value, 'must be text');
    }
    // Cookies add to a built-in category's list: configuring analytics never drops Google's.
    for (const cookie of readCookies(id, cookies, local)) {
      const known = target.cookies.find(({ name }) => name === cookie.name);
      if (!known) target.cookies.push(cookie);
      // Naming a listed cookie again translates or corrects what it gives.
      else Object.assign(known, { purpose: cookie.purpose || known.purpose, lifetime: cookie.lifetime || known.lifetime });
    }
  }

  // gaId, privacyUrl and theme as checked; `texts` comes along, unread.
  return {
    ...options,
    gtagUrl,
    nonce: nonce || undefined,
    revision,
    cookieDomain: coversHost ? cookieDomain : undefined,
    cookieDays,
    categories,
    copy,
    lang,
    // As an attribute it is present (even empty) or absent; JSON and start() give booleans.
    floatingButton: floatingButton !== undefined && (floatingButton as unknown) !== false && floatingButton !== 'false',
  };
}

/**
 * The copy and its language: Dutch, merged with the site's `texts` for the page's language
 * (`texts.en`, or a flat `texts`, which is in the page's language). A language the site gave no
 * copy for shows Dutch, and says so in `lang`; a sentence a translation leaves out stays Dutch.
 */
function resolveCopy(texts: Record<string, unknown> = {}, pageLang?: string): { lang: string; copy: Copy } {
  // A language code is short, a copy key is not: `texts.en` is per language, `texts.title` flat.
  const perLanguage = Object.entries(texts).some(([key, value]) => key.length < 4 && isObject(value));
  let lang = (LANGUAGE.exec(pageLang || document.documentElement.lang)?.[0] ?? 'nl').toLowerCase();
  let given = perLanguage ? texts[lang] : texts;
  if (!isObject(given) || !Object.keys(given).length) {
    lang = 'nl';
    given = perLanguage ? texts.nl : {};
  }
  const { necessary, analytics, ...copy } = dutch;
  for (const [key, value] of Object.entries(isObject(given) ? given : {})) {
    if (!Object.hasOwn(copy, key)) refuse('texts key', key, 'is unknown');
    else if (isNonBlank(value)) copy[key as keyof Copy] = value;
    else refuse(`texts.${key}`, value, 'must be text');
  }
  return { lang, copy };
}

/** A category's own cookies, each checked; the consent cookie can never be one of them. */
function readCookies(id: string, cookies: unknown, local: (value: unknown) => unknown): Category['cookies'] {
  if (cookies === undefined) return [];
  if (!Array.isArray(cookies)) return refuse(`${id}.cookies`, cookies, 'must be a list'), [];
  return cookies.flatMap((cookie: unknown) => {
    const { name, ...text } = isObject(cookie) ? cookie : ({} as Record<string, unknown>);
    /** Purpose and lifetime are optional: what is not text is shown empty. */
    const optionalText = (key: string) => {
      const value = local(text[key]);
      return isText(value) ? value : '';
    };
    // Withdrawing a category deletes its cookies; necessary is never withdrawn, so it may name the choice.
    const deletesChoice = id !== NECESSARY && isText(name) && matchesCookieName(name, CONSENT_COOKIE);
    if (!isText(name) || !COOKIE_NAME.test(name) || deletesChoice) {
      refuse(`${id} cookie`, cookie, `needs a cookie name other than ${CONSENT_COOKIE}`);
      return [];
    }
    return [{ name, purpose: optionalText('purpose'), lifetime: optionalText('lifetime') }];
  });
}
