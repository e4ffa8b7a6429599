import { expect } from '@open-wc/testing';
import { createConsentStore } from '../../src/core/consent.js';
import type { ConsentChange } from '../../src/core/consent.js';
import { removeCookies } from '../../src/core/cookie.js';
import { captureConsole, captureCookieWrites, clearCookies, plantConsentCookie, rawCookie } from '../helpers.js';

const settings = { categories: ['necessary', 'analytics', 'marketing'].map((id) => ({ id })), revision: 2, cookieDays: 365 };
const DAY = 864e5;

function storedRecord(overrides: object = {}) {
  const now = new Date().toISOString();
  return { categories: ['necessary', 'analytics'], revision: 2, consentId: 'id-1', givenAt: now, updatedAt: now, ...overrides };
}

describe('ConsentStore', () => {
  beforeEach(clearCookies);
  afterEach(clearCookies);

  it('has no record and grants only necessary before a choice', () => {
    const store = createConsentStore(settings);
    expect(store.get()).to.equal(null);
    expect(store.has('necessary')).to.equal(true);
    expect(store.has('analytics')).to.equal(false);
    expect(rawCookie('ib_consent')).to.equal(undefined);
  });

  it('stores the choice as URI-encoded JSON in ib_consent', () => {
    createConsentStore(settings).accept(['analytics']);
    const stored = JSON.parse(decodeURIComponent(rawCookie('ib_consent')!));
    expect(stored.categories).to.deep.equal(['necessary', 'analytics']);
    expect(stored.revision).to.equal(2);
    expect(stored.consentId).to.match(/^\d{1,10}(-\d{1,10}){3}$/);
    expect(Date.parse(stored.givenAt)).to.be.closeTo(Date.now(), 5000);
    expect(stored.updatedAt).to.equal(stored.givenAt);
  });

  it('grants only categories this page configures, whatever a shared cookie holds', () => {
    plantConsentCookie(storedRecord({ categories: ['necessary', 'analytics', 'marketing'] }));
    const store = createConsentStore({ ...settings, categories: ['necessary', 'analytics'].map((id) => ({ id })) });
    expect(store.has('analytics')).to.equal(true);
    expect(store.has('marketing'), 'a category another subdomain configures').to.equal(false);
    expect(store.get()!.categories).to.include('marketing');
  });

  it('records where a choice was made: the API by default, or the source given', () => {
    const store = createConsentStore(settings);
    store.acceptAll();
    expect(store.get()!.source).to.equal('api');
    store.accept([], 'banner');
    expect(JSON.parse(decodeURIComponent(rawCookie('ib_consent')!)).source).to.equal('banner');
  });

  it('reads a record written before sources existed as valid', () => {
    plantConsentCookie(storedRecord());
    const store = createConsentStore(settings);
    expect(store.has('analytics')).to.equal(true);
    expect(store.get()!.source).to.equal(undefined);
  });

  it('writes path=/, SameSite=Lax, an expiry a year after the choice, and no Secure on http', () => {
    const capture = captureCookieWrites();
    try {
      createConsentStore(settings).accept([]);
    } finally {
      capture.restore();
    }
    const write = capture.writes.find((w) => w.startsWith('ib_consent='))!;
    expect(write).to.match(/; path=\//);
    expect(write).to.match(/; sameSite=Lax/i);
    expect(write).not.to.match(/secure/i);
    expect(write).not.to.match(/domain=/i);
    const expires = Date.parse(write.match(/expires=([^;]+)/)![1]);
    expect(expires - Date.now()).to.be.closeTo(365 * DAY, 5000);
  });

  it('adds the configured cookie domain, and falls back to this host when the browser refuses it', () => {
    const capture = captureCookieWrites();
    const console = captureConsole();
    try {
      // The browser refuses a domain that does not cover the page: the choice must not be lost.
      createConsentStore({ ...settings, cookieDomain: '.inforbusiness.com' }).accept([]);
    } finally {
      capture.restore();
      console.restore();
    }
    const writes = capture.writes.filter((w) => w.startsWith('ib_consent=') && !w.startsWith('ib_consent=;'));
    expect(writes[0]).to.match(/; domain=\.inforbusiness\.com/);
    expect(writes[1]).not.to.match(/domain=/);
    expect(rawCookie('ib_consent')).to.contain('necessary');
    expect(console.errors.join()).to.contain('refused cookie-domain ".inforbusiness.com"');
  });

  it('reads a valid stored choice on the next page view', () => {
    plantConsentCookie(storedRecord());
    const store = createConsentStore(settings);
    expect(store.get()?.consentId).to.equal('id-1');
    expect(store.has('analytics')).to.equal(true);
    expect(store.has('marketing')).to.equal(false);
  });

  it('asks again when the stored revision is lower than the configured one', () => {
    plantConsentCookie(storedRecord({ revision: 1 }));
    expect(createConsentStore(settings).get()).to.equal(null);
  });

  it('asks again when the choice is older than the configured lifetime', () => {
    const old = new Date(Date.now() - 31 * DAY).toISOString();
    plantConsentCookie(storedRecord({ givenAt: old, updatedAt: old }));
    expect(createConsentStore(settings).get()).not.to.equal(null);
    expect(createConsentStore({ ...settings, cookieDays: 30 }).get()).to.equal(null);
  });

  it('ignores a bad cookie with one warning and without throwing', () => {
    plantConsentCookie('{"categories":');
    const console = captureConsole();
    try {
      expect(createConsentStore(settings).get()).to.equal(null);
      expect(createConsentStore(settings).get()).to.equal(null);
    } finally {
      console.restore();
    }
    expect(console.warnings).to.have.length(1);
    expect(console.warnings[0]).to.match(/^\[ib-cookie-consent\] .*ib_consent/);
  });

  it('never counts a record without necessary as consent', () => {
    plantConsentCookie(storedRecord({ categories: ['analytics'] }));
    const console = captureConsole();
    try {
      expect(createConsentStore(settings).has('analytics')).to.equal(false);
    } finally {
      console.restore();
    }
  });

  it('reports exactly what a change granted and revoked', () => {
    const store = createConsentStore(settings);
    const changes: ConsentChange[] = [];
    store.subscribe((change) => changes.push(change));
    store.accept(['analytics', 'marketing']);
    store.accept(['analytics']);
    store.reset();
    expect(changes.map(({ granted, revoked }) => ({ granted, revoked }))).to.deep.equal([
      { granted: ['analytics', 'marketing'], revoked: [] },
      { granted: [], revoked: ['marketing'] },
      { granted: [], revoked: ['analytics'] },
    ]);
    expect(changes[2].record).to.equal(null);
  });

  it('keeps the consentId when the choice changes', () => {
    const store = createConsentStore(settings);
    store.accept(['analytics']);
    const { consentId } = store.get()!;
    store.accept([]);
    expect(store.get()!.consentId).to.equal(consentId);
  });

  it('grants exactly the known categories given, and names the unknown id it leaves out', () => {
    const store = createConsentStore(settings);
    const console = captureConsole();
    store.accept(['marketing', 'advertising']);
    console.restore();
    expect(console.warnings.join()).to.contain('advertising is no category');
    expect(store.get()!.categories).to.deep.equal(['necessary', 'marketing']);
    expect(store.has('analytics')).to.equal(false);
    expect(rawCookie('ib_consent')).not.to.contain('advertising');
  });

  for (const [what, argument] of [['a string', 'analytics'], ['null', null], ['numbers', [1]], ['an object', { analytics: true }]] as const) {
    it(`refuses accept() with ${what}, saying how to call it, and changes nothing`, () => {
      const store = createConsentStore(settings);
      const console = captureConsole();
      expect(() => store.accept(argument as never)).not.to.throw();
      console.restore();
      expect(store.get()).to.equal(null);
      expect(console.errors.join()).to.contain("accept(['analytics'])");
    });
  }

  it('reports a change once: repeating the same choice notifies nobody', () => {
    const store = createConsentStore(settings);
    const changes: ConsentChange[] = [];
    store.subscribe((change) => changes.push(change));
    for (let i = 0; i < 50; i++) store.acceptAll();
    store.rejectAll();
    store.rejectAll();
    expect(changes.map(({ granted, revoked }) => [granted.length, revoked.length])).to.deep.equal([[2, 0], [0, 2]]);
  });

  it('writes nothing for a choice that repeats the stored one: a cookie the server re-issued keeps its date and expiry', () => {
    const earlier = new Date(Date.now() - 3 * DAY).toISOString();
    plantConsentCookie(storedRecord({ givenAt: earlier, updatedAt: earlier, source: 'banner' }));
    const store = createConsentStore(settings);
    const cookieWrites = captureCookieWrites();
    store.accept(['analytics'], 'preferences');
    cookieWrites.restore();
    expect(cookieWrites.writes).to.deep.equal([]);
    expect(store.get()).to.include({ updatedAt: earlier, source: 'banner' });
    store.accept([], 'preferences');
    expect(JSON.parse(decodeURIComponent(rawCookie('ib_consent')!)).source, 'a different choice is written').to.equal('preferences');
  });

  it('writes a repeated choice again when the cookie is gone meanwhile (cleared by the visitor, or expired in Safari)', () => {
    plantConsentCookie(storedRecord());
    const store = createConsentStore(settings);
    clearCookies();
    const changes: ConsentChange[] = [];
    store.subscribe((change) => changes.push(change));
    store.accept(['analytics'], 'preferences');
    expect(JSON.parse(decodeURIComponent(rawCookie('ib_consent')!)).categories).to.deep.equal(['necessary', 'analytics']);
    expect(changes, 'the same grants: no change to report').to.have.length(0);
  });

  it('marks a change read from the cookie (another tab or subdomain) as made elsewhere, and one made here not', () => {
    const store = createConsentStore(settings);
    const changes: ConsentChange[] = [];
    store.subscribe((change) => changes.push(change));
    store.accept(['analytics']);
    plantConsentCookie(storedRecord({ categories: ['necessary'], updatedAt: new Date(Date.now() + 1000).toISOString() }));
    store.refresh();
    store.reset();
    expect(changes.map(({ elsewhere }) => elsewhere)).to.deep.equal([undefined, true, undefined]);
  });

  it('keeps notifying the other listeners when one throws', () => {
    const store = createConsentStore(settings);
    const heard: string[] = [];
    store.subscribe(() => {
      throw new Error('site bug');
    });
    store.subscribe(() => heard.push('second'));
    const console = captureConsole();
    store.acceptAll();
    console.restore();
    expect(heard).to.deep.equal(['second']);
    expect(console.errors.join()).to.contain('site bug');
  });

  it('reads the newest of two ib_consent cookies, and a new choice leaves one', () => {
    const old = new Date(Date.now() - 5 * DAY).toISOString();
    // Host-only (as planted) and on a parent path: two cookies named ib_consent, oldest first.
    document.cookie = `ib_consent=${encodeURIComponent(JSON.stringify(storedRecord({ givenAt: old, updatedAt: old })))}; path=/`;
    document.cookie = `ib_consent=${encodeURIComponent(JSON.stringify(storedRecord({ categories: ['necessary'] })))}; path=${location.pathname.replace(/[^/]*$/, '')}`;
    const store = createConsentStore(settings);
    expect(store.has('analytics'), 'the older grant won').to.equal(false);
  });

  it('follows the cookie on refresh(): another tab\'s choice or withdrawal becomes a change here', () => {
    const store = createConsentStore(settings);
    const changes: ConsentChange[] = [];
    store.subscribe((change) => changes.push(change));
    store.refresh();
    expect(changes).to.have.length(0);
    plantConsentCookie(storedRecord());
    store.refresh();
    expect(store.has('analytics')).to.equal(true);
    clearCookies();
    store.refresh();
    expect(store.get()).to.equal(null);
    expect(changes.map(({ granted, revoked }) => [granted, revoked])).to.deep.equal([[['analytics'], []], [[], ['analytics']]]);
  });

  it('reset deletes the cookie and withdraws everything', () => {
    const store = createConsentStore(settings);
    store.accept(['analytics']);
    store.reset();
    expect(rawCookie('ib_consent')).to.equal(undefined);
    expect(store.get()).to.equal(null);
    expect(store.has('analytics')).to.equal(false);
  });

  describe('whenGranted', () => {
    it('resolves at once for a granted category', async () => {
      const store = createConsentStore(settings);
      store.accept(['analytics']);
      await store.whenGranted('analytics');
    });

    it('waits for the choice that grants the category', async () => {
      const store = createConsentStore(settings);
      let resolved = false;
      const granted = store.whenGranted('analytics').then(() => (resolved = true));
      store.accept([]);
      await Promise.resolve();
      expect(resolved).to.equal(false);
      store.accept(['analytics']);
      await granted;
      expect(resolved).to.equal(true);
    });
  });
});

describe('removeCookies', () => {
  afterEach(clearCookies);

  it('never tries the bare top-level domain or the parents of an IP address', () => {
    document.cookie = '_ga=1; path=/';
    const capture = captureCookieWrites();
    try {
      removeCookies(['_ga']);
    } finally {
      capture.restore();
    }
    // The test page is on localhost: one label, so the host-only deletion is the only one.
    expect(capture.writes).to.have.length(1);
    expect(capture.writes[0]).not.to.match(/domain=/);
  });

  it('deletes exact names and trailing-* patterns, and nothing else', () => {
    for (const name of ['_ga', '_ga_ABC123', '_gid', '_gat_UA1', '_gcl_au', '_gax', 'session']) {
      document.cookie = `${name}=1; path=/`;
    }
    removeCookies(['_ga', '_ga_*', '_gid', '_gat*', '_gcl_au']);
    expect(document.cookie.split('; ').sort()).to.deep.equal(['_gax=1', 'session=1']);
  });
});
