import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { dutch } from '../src/copy.js';
import { resolveOptions } from '../src/options.js';
import type { ResolvedConfig } from '../src/options.js';
import { forgetReports } from '../src/core/log.js';
import { captureConsole } from './helpers.js';

// The failing assertion in the report, not only the counterexample.
fc.configureGlobal({ includeErrorInReport: true });
const NUM_RUNS = 300;

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
  'theme',
  'floatingButton',
] as const;
/** The keys of the copy a site can replace: every sentence, not the built-in categories' own. */
const COPY_KEYS = Object.keys(dutch).filter((key) => !['necessary', 'analytics'].includes(key));
const CONSENT_COOKIE = 'ib_consent';
const CATEGORY_ID = /^[a-z][a-z0-9_-]*$/;
const GA_ID = /^G-[A-Z0-9]+$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
/** Whether a cookie name (a trailing `*` matching any suffix) would delete the consent cookie. */
const coversConsentCookie = (name: string) => name === CONSENT_COOKIE || (name.endsWith('*') && CONSENT_COOKIE.startsWith(name.slice(0, -1)));
const isHttpOrRelative = (url: string) => {
  try {
    return /^https?:$/.test(new URL(url, location.href).protocol);
  } catch {
    return false;
  }
};

/** Resolves with the console captured and report()'s once-per-page memory emptied first. */
function resolve(input: unknown): { config: ResolvedConfig; messages: string[] } {
  forgetReports();
  const console = captureConsole();
  let config: ResolvedConfig | undefined;
  try {
    expect(() => (config = resolveOptions(input))).not.to.throw();
  } finally {
    console.restore();
  }
  return { config: config!, messages: [...console.warnings, ...console.errors] };
}

/** What the rest of the widget relies on, whatever the input. */
function expectUsable(config: ResolvedConfig): void {
  expect(Number.isInteger(config.revision), `revision ${config.revision} is an integer`).to.equal(true);
  expect(config.revision).to.be.at.least(0);
  expect(config.cookieDays).to.be.a('number').within(1, 396);

  const ids = config.categories.map(({ id }) => id);
  expect(ids.slice(0, 2)).to.deep.equal(['necessary', 'analytics']);
  for (const id of ids) expect(id).to.be.a('string').and.to.match(CATEGORY_ID);
  expect(new Set(ids).size, `unique ids ${ids}`).to.equal(ids.length);
  for (const [index, category] of config.categories.entries()) {
    expect(category.label).to.be.a('string');
    expect(category.description).to.be.a('string');
    expect(Array.isArray(category.cookies)).to.equal(true);
    for (const cookie of category.cookies) {
      expect(cookie.name).to.be.a('string').and.not.equal('');
      expect(cookie.purpose).to.be.a('string');
      expect(cookie.lifetime).to.be.a('string');
      // Withdrawal deletes a category's cookies; necessary is never withdrawn, so only its list may
      // name the consent cookie (its own entry, or a site's translation of it: ib_consent*).
      if (index !== 0) expect(coversConsentCookie(cookie.name), `${category.id} cookie ${cookie.name}`).to.equal(false);
    }
  }
  expect(config.categories[0].cookies[0].name).to.equal(CONSENT_COOKIE);

  for (const key of COPY_KEYS) {
    const text = (config.copy as unknown as Record<string, unknown>)[key];
    expect(text, `copy.${key}`).to.be.a('string');
    expect((text as string).trim(), `copy.${key}`).to.not.equal('');
  }

  if (config.gaId !== undefined) expect(config.gaId).to.match(GA_ID);
  if (config.privacyUrl !== undefined) expect(isHttpOrRelative(config.privacyUrl), config.privacyUrl).to.equal(true);
  if (config.gaId !== undefined) expect(isHttpOrRelative(config.gtagUrl), config.gtagUrl).to.equal(true);
  expect(config.gtagUrl).to.be.a('string');
  expect([undefined, 'light', 'dark']).to.include(config.theme);
  // The page's language where the site gave copy for it, else Dutch: always a primary subtag.
  expect(config.lang).to.match(/^[a-z]{2,3}$/);
  expect(config.floatingButton).to.be.a('boolean');
  if (config.nonce !== undefined) expect(config.nonce).to.be.a('string').and.not.equal('');
  if (config.cookieDomain !== undefined) expect(config.cookieDomain).to.be.a('string');
}

/** A number as options give it: a number, or text (attributes, JSON). */
const asNumber = (value: unknown) => ((typeof value === 'number' || typeof value === 'string') && String(value).trim() ? Number(value) : NaN);

/**
 * Each option that is plainly wrong must be named in a message: `[pattern of its name in the
 * message, whether the input is wrong]`. Only what can be told from outside, without redoing
 * resolveOptions.
 */
const RULES: [RegExp, (options: Record<string, unknown>) => boolean][] = [
  [/\b(gaId|ga-id)\b/, ({ gaId }) => gaId !== undefined && (typeof gaId !== 'string' || !GA_ID.test(gaId))],
  [/\b(privacyUrl|privacy-url)\b/, ({ privacyUrl }) => privacyUrl !== undefined && (typeof privacyUrl !== 'string' || !isHttpOrRelative(privacyUrl))],
  [
    /\brevision\b/,
    ({ revision }) => revision !== undefined && revision !== null && !(Number.isInteger(asNumber(revision)) && asNumber(revision) >= 0),
  ],
  [
    /\bcookieDays\b/,
    ({ cookieDays }) => cookieDays !== undefined && cookieDays !== null && !(asNumber(cookieDays) >= 1 && asNumber(cookieDays) <= 396),
  ],
  [/\b(cookieDomain|cookie-domain)\b/, ({ cookieDomain }) => cookieDomain !== undefined && cookieDomain !== location.hostname],
  [/\btheme\b/, ({ theme }) => theme !== undefined && theme !== 'light' && theme !== 'dark'],
  [/\b(lang|nonce|gtagUrl)\b/, ({ lang, nonce, gtagUrl }) => [lang, nonce, gtagUrl].some((value) => value !== undefined && typeof value !== 'string')],
  [/\blang\b/, ({ lang }) => typeof lang === 'string' && !/^[a-z]{2,3}(?![a-z])/i.test(lang)],
  [/\bcategories\b/, ({ categories }) => categories !== undefined && !Array.isArray(categories)],
  [
    /\bcategory id\b/,
    ({ categories }) =>
      Array.isArray(categories) &&
      categories.some((category) => !isPlainObject(category) || typeof category.id !== 'string' || !CATEGORY_ID.test(category.id)),
  ],
  [/\btexts\b/, ({ texts }) => texts !== undefined && !isPlainObject(texts)],
  [/\boption ".*" is unknown\b/, (options) => Object.keys(options).some((key) => !(OPTION_NAMES as readonly string[]).includes(key))],
];

function expectInvalidNamed(input: unknown, messages: string[]): void {
  if (!isPlainObject(input)) {
    expect(messages.join('\n'), 'a non-object is named').to.match(/options .* must be an object/);
    return;
  }
  for (const [pattern, wrong] of RULES) {
    if (wrong(input)) expect(messages.some((message) => pattern.test(message)), `a message matching ${pattern}`).to.equal(true);
  }
}

// --- arbitraries --------------------------------------------------------------------------------

/** Any JavaScript value a site's code could pass, short of BigInt (see its own property). */
const anything = fc.anything({
  maxDepth: 3,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
  withObjectString: true,
});
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }));
/** Mostly plausible values, with anything at all mixed in. */
const or = <T>(...plausible: fc.Arbitrary<T>[]) => fc.oneof(...plausible, anyString, anything);

const numberish = (...special: (string | number)[]) =>
  or<unknown>(fc.integer(), fc.double(), fc.integer({ min: -2, max: 400 }).map(String), fc.constantFrom(...special));

const url = fc.oneof(
  fc.webUrl(),
  fc.constantFrom(
    '/privacy',
    'privacy.html',
    '//example.com/p',
    '#privacy',
    '',
    ' ',
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,hi',
    'mailto:privacy@example.com',
    'http://[',
    'https:',
  ),
);

const cookie = or<unknown>(
  fc.record(
    {
      name: or<unknown>(
        fc.constantFrom('ib_consent', 'ib_*', 'i*', '*', 'ib_consent*', 'ib_consent2', 'IB_CONSENT', '_fbp', '_ga_*', '', ' ', 'a b', 'a;b', 'a=b', 'x**'),
        fc.stringMatching(/^[\w!#$%&'+.^`|~-]{1,12}\*?$/),
      ),
      purpose: or<unknown>(fc.constantFrom('Meet', '')),
      lifetime: or<unknown>(fc.constantFrom('1 jaar', '')),
    },
    { requiredKeys: [] },
  ),
);

const category = or<unknown>(
  fc.record(
    {
      id: or<unknown>(
        fc.constantFrom('necessary', 'analytics', 'marketing', 'Marketing', '1x', 'a-b', 'a_b', '', 'constructor', '__proto__', 'toString', 'ib consent'),
        fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/),
      ),
      label: or<unknown>(fc.constantFrom('Marketing', '', ' ')),
      description: or<unknown>(fc.constantFrom('Advertenties', '')),
      enabled: fc.boolean(),
      cookies: or<unknown>(fc.array(cookie, { maxLength: 4 })),
    },
    { requiredKeys: [] },
  ),
);

const textKey = fc.oneof(
  fc.constantFrom(...COPY_KEYS, 'nl', 'en', 'necessary', 'analytics', 'days', 'toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'),
  anyString,
);
const textValue = or<unknown>(fc.constantFrom('', '  ', 'Alles weigeren', 'Reject all', 'Accept', 'Titel'));
const flatTexts = fc.dictionary(textKey, textValue, { maxKeys: 6 });
const texts = or<unknown>(flatTexts, fc.record({ nl: or<unknown>(flatTexts), en: or<unknown>(flatTexts) }, { requiredKeys: [] }));

/** Every known option, each present or not, with plausible, wrong and arbitrary values. */
const knownOptions = fc.record(
  {
    gaId: or<unknown>(fc.stringMatching(/^G-[A-Z0-9]{1,10}$/), fc.constantFrom('G-', 'g-abc', 'UA-123-1', 'G-ABC\n', ' G-ABC', 'G-ABC 1')),
    privacyUrl: or<unknown>(url),
    revision: numberish('1', ' 2 ', '0x10', '1e3', '-0', '', ' ', 'Infinity', '2147483648', 2 ** 31, -1, 1.5, '1.0'),
    cookieDomain: or<unknown>(fc.constantFrom(location.hostname, `.${location.hostname}`, 'example.com', '.com', 'com', '', 'LOCALHOST')),
    cookieDays: numberish('365', ' 30 ', '0', '396', '397', '1e2', '', 'Infinity', 0.5, 396.5, 1),
    gtagUrl: or<unknown>(url),
    nonce: or<unknown>(fc.constantFrom('', 'abc123', 'r4nd0m==')),
    categories: or<unknown>(fc.array(category, { maxLength: 5 })),
    texts,
    lang: or<unknown>(fc.constantFrom('nl', 'en', 'en-GB', 'EN', 'de', '', 'english')),
    theme: or<unknown>(fc.constantFrom('light', 'dark', 'auto', '')),
    floatingButton: or<unknown>(fc.boolean(), fc.constantFrom('', 'false', 'true')),
  },
  { requiredKeys: [] },
);

/** Known options with, sometimes, unknown ones next to them. */
const options = fc
  .tuple(knownOptions, fc.option(fc.dictionary(anyString, anything, { maxKeys: 3 }), { nil: undefined }))
  .map(([known, extra]) => ({ ...extra, ...known }));

// --- properties ---------------------------------------------------------------------------------

describe('resolveOptions (properties)', () => {
  it('never throws on any JSON value, returns a usable config and names a non-object', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        const { config, messages } = resolve(input);
        expectUsable(config);
        expectInvalidNamed(input, messages);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws on JSON-shaped options, returns a usable config and names each wrong option', () => {
    fc.assert(
      fc.property(options.map((value) => JSON.parse(JSON.stringify(value) ?? 'null')), (input) => {
        const { config, messages } = resolve(input);
        expectUsable(config);
        expectInvalidNamed(input, messages);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws on any values under the known option keys, returns a usable config and names each wrong option', () => {
    fc.assert(
      fc.property(options, (input) => {
        const { config, messages } = resolve(input);
        expectUsable(config);
        expectInvalidNamed(input, messages);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws on any value at all, BigInt included (start(options) takes whatever a site passes)', () => {
    const withBigInt = fc.anything({ maxDepth: 3, withBigInt: true, withNullPrototype: true, withBoxedValues: true });
    fc.assert(
      fc.property(
        fc.oneof(
          withBigInt,
          fc.record(Object.fromEntries(OPTION_NAMES.map((name) => [name, withBigInt])), { requiredKeys: [] }),
          fc.record({ categories: fc.array(fc.oneof(withBigInt, fc.record({ id: withBigInt, cookies: fc.array(withBigInt) }))) }),
        ),
        (input) => {
          expectUsable(resolve(input).config);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });

  it('keeps every valid value as given', () => {
    const valid = fc.record({
      gaId: fc.stringMatching(/^G-[A-Z0-9]{1,10}$/),
      privacyUrl: fc.oneof(fc.webUrl(), fc.constantFrom('/privacy', 'privacy.html')),
      revision: fc.oneof(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.nat().map(String)),
      cookieDays: fc.oneof(fc.integer({ min: 1, max: 396 }), fc.integer({ min: 1, max: 396 }).map(String)),
      theme: fc.constantFrom('light' as const, 'dark' as const),
      lang: fc.constantFrom('nl'),
      categories: fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), { maxLength: 4 }).map((ids) =>
        ids.map((id) => ({ id, label: `Label ${id}`, cookies: [{ name: `${id}_cookie` }] })),
      ),
    });
    fc.assert(
      fc.property(valid, (input) => {
        const { config, messages } = resolve(input);
        expectUsable(config);
        expect(config).to.include({
          gaId: input.gaId,
          privacyUrl: input.privacyUrl,
          revision: Number(input.revision),
          cookieDays: Number(input.cookieDays),
          theme: input.theme,
          lang: input.lang,
        });
        for (const { id, label } of input.categories) {
          const resolved = config.categories.find((category) => category.id === id)!;
          if (id !== 'necessary' && id !== 'analytics') expect(resolved.label).to.equal(label);
          expect(resolved.cookies.map(({ name }) => name)).to.include(`${id}_cookie`);
        }
        expect(messages).to.deep.equal([]);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('gives the copy only its own keys: none from Object.prototype', () => {
    fc.assert(
      fc.property(texts, (input) => {
        const { config } = resolve({ privacyUrl: '/privacy', texts: input });
        for (const key of Object.keys(config.copy)) expect(COPY_KEYS, `copy key ${key}`).to.include(key);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('uses a flat texts\' valid sentences whatever sits next to them (but a language key)', () => {
    const sentence = fc.tuple(fc.constantFrom(...COPY_KEYS.filter((key) => key !== 'reject')), fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,20}$/));
    // Short keys holding objects read as languages (texts.en); any other neighbour must not matter.
    const others = fc.dictionary(textKey.filter((key) => key.length >= 4), textValue, { maxKeys: 3 });
    fc.assert(
      fc.property(sentence, others, ([key, text], rest) => {
        const { config } = resolve({ privacyUrl: '/privacy', lang: 'nl', texts: { ...rest, [key]: text } });
        expect((config.copy as unknown as Record<string, unknown>)[key], `copy.${key}`).to.equal(text);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('gives every category a label to show', () => {
    fc.assert(
      fc.property(fc.array(category, { maxLength: 5 }), (input) => {
        const { config } = resolve({ privacyUrl: '/privacy', categories: input });
        for (const { id, label } of config.categories) expect(label.trim(), `label of ${id}`).to.not.equal('');
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
