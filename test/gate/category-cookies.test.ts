import { expect } from '@open-wc/testing';
import { createConsentStore } from '../../src/core/consent.js';
import type { ConsentStore } from '../../src/core/consent.js';
import { clearWithdrawnCookies } from '../../src/gate/category-cookies.js';
import { resolveOptions } from '../../src/options.js';
import type { Category } from '../../src/options.js';
import { captureConsole, clearCookies, rawCookie } from '../helpers.js';

const ANALYTICS_COOKIES = ['_ga', '_ga_123', '_ga_ABC'];
const MARKETING_COOKIES = ['_fbp', 'mk_1', 'mk_2'];

/** The categories as the widget configures them: GA's cookies under analytics, plus a marketing one. */
function configuredCategories(): Category[] {
  const console = captureConsole();
  try {
    return resolveOptions({
      privacyUrl: '/privacy',
      categories: [{ id: 'marketing', cookies: [{ name: '_fbp' }, { name: 'mk_*' }] }],
    }).categories;
  } finally {
    console.restore();
  }
}

const setCookies = (names: string[]) => names.forEach((name) => (document.cookie = `${name}=1; path=/`));
const present = (names: string[]) => names.filter((name) => rawCookie(name) !== undefined);

describe('clearWithdrawnCookies', () => {
  const categories = configuredCategories();
  let store: ConsentStore;
  let stop: (() => void) | undefined;

  beforeEach(() => {
    clearCookies();
    store = createConsentStore({ categories, revision: 1, cookieDays: 365 });
  });

  afterEach(() => {
    stop?.();
    stop = undefined;
    clearCookies();
  });

  it('is configured with GA\'s cookies under analytics', () => {
    expect(categories.map(({ id }) => id)).to.deep.equal(['necessary', 'analytics', 'marketing']);
    expect(categories[1].cookies.map(({ name }) => name)).to.include.members(['_ga', '_ga_*']);
  });

  it('deletes the cookies of every category without consent at start (before a choice)', () => {
    setCookies([...ANALYTICS_COOKIES, ...MARKETING_COOKIES, 'site_session']);
    stop = clearWithdrawnCookies(store, categories);
    expect(present(ANALYTICS_COOKIES)).to.deep.equal([]);
    expect(present(MARKETING_COOKIES)).to.deep.equal([]);
    expect(rawCookie('site_session')).to.equal('1');
  });

  it('deletes _ga and _ga_123 at start when analytics was refused', () => {
    store.rejectAll();
    setCookies(['_ga', '_ga_123']);
    stop = clearWithdrawnCookies(store, categories);
    expect(present(['_ga', '_ga_123'])).to.deep.equal([]);
    // The choice itself is never deleted.
    expect(rawCookie('ib_consent')).to.not.equal(undefined);
  });

  it('keeps _ga and _ga_123 while analytics is granted', () => {
    store.accept(['analytics']);
    setCookies(['_ga', '_ga_123', ...MARKETING_COOKIES]);
    stop = clearWithdrawnCookies(store, categories);
    expect(present(['_ga', '_ga_123'])).to.deep.equal(['_ga', '_ga_123']);
    expect(present(MARKETING_COOKIES)).to.deep.equal([]);
    setCookies(MARKETING_COOKIES);
    store.accept(['analytics', 'marketing']);
    expect(present(['_ga', '_ga_123', ...MARKETING_COOKIES])).to.deep.equal(['_ga', '_ga_123', ...MARKETING_COOKIES]);
  });

  it('deletes them when analytics is withdrawn, without a reload', () => {
    stop = clearWithdrawnCookies(store, categories);
    store.accept(['analytics', 'marketing']);
    setCookies(['_ga', '_ga_123', ...MARKETING_COOKIES]);
    store.accept(['marketing']);
    expect(present(['_ga', '_ga_123'])).to.deep.equal([]);
    expect(present(MARKETING_COOKIES)).to.deep.equal(MARKETING_COOKIES);
    setCookies(['_ga', '_ga_123']);
    store.rejectAll();
    expect(present(['_ga', '_ga_123', ...MARKETING_COOKIES])).to.deep.equal([]);
    expect(rawCookie('ib_consent')).to.not.equal(undefined);
  });

  it('deletes them when all consent is reset', () => {
    stop = clearWithdrawnCookies(store, categories);
    store.accept(['analytics']);
    setCookies(['_ga', '_ga_123']);
    store.reset();
    expect(present(['_ga', '_ga_123'])).to.deep.equal([]);
  });

  it('stops deleting once unsubscribed', () => {
    stop = clearWithdrawnCookies(store, categories);
    store.accept(['analytics']);
    setCookies(['_ga', '_ga_123']);
    stop();
    store.rejectAll();
    expect(present(['_ga', '_ga_123'])).to.deep.equal(['_ga', '_ga_123']);
  });
});
