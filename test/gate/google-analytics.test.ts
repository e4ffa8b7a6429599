import { expect } from '@open-wc/testing';
import { createConsentStore } from '../../src/core/consent.js';
import type { ConsentStore } from '../../src/core/consent.js';
import { followConsentMode, pushConsentDefaults } from '../../src/gate/consent-mode.js';
import { GTAG_URL, gateGoogleAnalytics } from '../../src/gate/google-analytics.js';
import type { GoogleAnalyticsSettings } from '../../src/gate/google-analytics.js';
import { forgetReports } from '../../src/core/log.js';
import { captureConsole, clearCookies } from '../helpers.js';

const ID = 'G-TEST123';
const STUB = '/test/fixtures/gtag-stub.js';
const CATEGORIES = [{ id: 'necessary' }, { id: 'analytics' }, { id: 'marketing' }];
const WITHOUT_MARKETING = [{ id: 'necessary' }, { id: 'analytics' }];
const DISABLE = `ga-disable-${ID}`;
const page = window as unknown as Record<string, unknown>;

const DEFAULTS = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  personalization_storage: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'granted',
  security_storage: 'granted',
};
const signals = (analytics: string, ads: string) => ({
  ad_storage: ads,
  ad_user_data: ads,
  ad_personalization: ads,
  personalization_storage: ads,
  analytics_storage: analytics,
});

/** The gtag commands in the data layer as plain arrays (gtag pushes `arguments` objects; events are plain objects). */
const commands = () =>
  ((window.dataLayer ?? []) as object[]).filter((entry) => !('event' in entry)).map((entry) => Array.from(entry as ArrayLike<unknown>));
/** The ib_consent_update events' category states, in order. */
const consentEvents = () =>
  ((window.dataLayer ?? []) as { event?: string; ib_consent?: object }[]).filter(({ event }) => event === 'ib_consent_update').map(({ ib_consent }) => ib_consent);
/** Each command by its name, and its type for `consent`: `consent default`, `js`, `config G-…`. */
const nameOf = ([name, what]: unknown[]) => (name === 'consent' || name === 'config' ? `${name} ${what}` : `${name}`);
const names = () => commands().map(nameOf);
const updates = () => commands().filter(([name, what]) => name === 'consent' && what === 'update').map((command) => command[2]);
const gtagScripts = () => document.querySelectorAll<HTMLScriptElement>('script[src*="gtag-stub.js"]');

function waitForStub(script: HTMLScriptElement): Promise<void> {
  return new Promise((resolve, reject) => {
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => reject(new Error('stub did not load')), { once: true });
  });
}

describe('Google Analytics gate', () => {
  let store: ConsentStore;
  let stop: (() => void) | undefined;
  /** The signals and the GA gate, as start() wires them: signals first. */
  const gate = (settings: Partial<GoogleAnalyticsSettings> = {}) => {
    const stops = [followConsentMode(store), gateGoogleAnalytics(store, { gaId: ID, gtagUrl: STUB, ...settings })];
    stop = () => stops.forEach((stop) => stop());
  };

  beforeEach(() => {
    forgetReports();
    clearCookies();
    delete window.dataLayer;
    delete window.gtag;
    delete page[DISABLE];
    gtagScripts().forEach((script) => script.remove());
    store = createConsentStore({ categories: CATEGORIES, revision: 1, cookieDays: 365 });
  });

  afterEach(() => {
    stop?.();
    stop = undefined;
    document.getElementById('dataLayer')?.remove();
    delete window.dataLayer;
    delete window.gtag;
    delete page[DISABLE];
    clearCookies();
  });

  describe('Consent Mode defaults', () => {
    it('pushes the Consent Mode v2 defaults first, once', () => {
      pushConsentDefaults();
      pushConsentDefaults();
      expect(commands()).to.deep.equal([['consent', 'default', DEFAULTS]]);
      // gtag.js reads Arguments objects only.
      expect(Object.prototype.toString.call(window.dataLayer![0])).to.equal('[object Arguments]');
    });

    it('defines window.gtag, which pushes into the data layer', () => {
      pushConsentDefaults();
      expect(window.gtag).to.be.a('function');
      window.gtag!('event', 'page_view');
      expect(names()).to.deep.equal(['consent default', 'event']);
    });

    it('pushes the defaults before anything else, also when consent is already stored', () => {
      store.accept(['analytics', 'marketing']);
      pushConsentDefaults();
      gate();
      expect(names()).to.deep.equal(['consent default', 'consent update', 'js', `config ${ID}`]);
      expect(commands()[0][2]).to.deep.equal(DEFAULTS);
    });

    it('adds no second default when the page already pushed its own', () => {
      window.dataLayer = [];
      (function pageGtag(..._args: unknown[]) {
        // eslint-disable-next-line prefer-rest-params
        window.dataLayer!.push(arguments);
      })('consent', 'default', { analytics_storage: 'denied' });
      pushConsentDefaults();
      expect(names()).to.deep.equal(['consent default']);
    });

    it('keeps a page\'s own gtag function, and still pushes its commands into the data layer', () => {
      const calls: unknown[][] = [];
      const own = (...args: unknown[]) => void calls.push(args);
      window.gtag = own;
      pushConsentDefaults();
      store.accept(['analytics']);
      gate();
      expect(window.gtag).to.equal(own);
      expect(calls).to.deep.equal([]);
      expect(names()).to.deep.equal(['consent default', 'consent update', 'js', `config ${ID}`]);
    });

    for (const [what, value] of [
      ['a string', 'gtag'],
      ['an object', { push() {} }],
      ['null', null],
    ] as const) {
      it(`is not broken by a page window.gtag that is ${what}, not a function`, () => {
        page.gtag = value;
        expect(() => pushConsentDefaults()).not.to.throw();
        expect(window.gtag).to.be.a('function');
        store.accept(['analytics']);
        expect(() => gate()).not.to.throw();
        expect(names()).to.deep.equal(['consent default', 'consent update', 'js', `config ${ID}`]);
        expect(gtagScripts()).to.have.length(1);
      });
    }

    it('works when user content made window.dataLayer an element: replaced by an array, and said', () => {
      const element = document.createElement('div');
      element.id = 'dataLayer';
      document.body.append(element);
      const console = captureConsole();
      try {
        expect(() => pushConsentDefaults()).not.to.throw();
        store.accept(['analytics']);
        gate();
      } finally {
        console.restore();
      }
      expect(Array.isArray(window.dataLayer)).to.equal(true);
      expect(names()).to.deep.equal(['consent default', 'consent update', 'js', `config ${ID}`]);
      expect(console.errors.join('\n')).to.contain('window.dataLayer');
    });
  });

  describe('gate', () => {
    it('does nothing before a choice: no update, no gtag.js', () => {
      pushConsentDefaults();
      gate();
      expect(names()).to.deep.equal(['consent default']);
      expect(gtagScripts()).to.have.length(0);
      expect(page[DISABLE]).to.equal(undefined);
    });

    it('does not load gtag.js when analytics is refused, and sets the disable flag', () => {
      pushConsentDefaults();
      gate();
      store.rejectAll();
      expect(gtagScripts()).to.have.length(0);
      expect(names()).to.deep.equal(['consent default', 'consent update']);
      expect(updates()).to.deep.equal([signals('denied', 'denied')]);
      expect(page[DISABLE]).to.equal(true);
    });

    it('applies a refusal stored before it started', () => {
      store.rejectAll();
      pushConsentDefaults();
      gate();
      expect(gtagScripts()).to.have.length(0);
      expect(updates()).to.deep.equal([signals('denied', 'denied')]);
      expect(page[DISABLE]).to.equal(true);
    });

    it('does not load gtag.js when only marketing is granted', () => {
      pushConsentDefaults();
      gate();
      store.accept(['marketing']);
      expect(gtagScripts()).to.have.length(0);
      expect(updates()).to.deep.equal([signals('denied', 'granted')]);
      expect(page[DISABLE]).to.equal(true);
    });

    it('on analytics consent: update, then gtag.js with the id and nonce, then js and config', async () => {
      pushConsentDefaults();
      gate({ nonce: 'n0nce' });
      expect(gtagScripts()).to.have.length(0);
      store.accept(['analytics']);
      const [script] = gtagScripts();
      expect(new URL(script.src).pathname).to.equal(STUB);
      expect(new URL(script.src).searchParams.get('id')).to.equal(ID);
      expect(script.nonce).to.equal('n0nce');
      expect(names()).to.deep.equal(['consent default', 'consent update', 'js', `config ${ID}`]);
      expect(updates()).to.deep.equal([signals('granted', 'denied')]);
      expect(commands()[2][1]).to.be.instanceOf(Date);
      expect(commands()[3][2]).to.deep.equal({ allow_google_signals: false, allow_ad_personalization_signals: false });
      expect(page[DISABLE]).to.equal(undefined);
      await waitForStub(script);
      expect(page.gtagStubLoads).to.be.greaterThan(0);
    });

    it('loads gtag.js from Google by default, with the id', () => {
      // Not appended to the page: only the URL is checked, so nothing is requested from Google.
      const append = document.head.append;
      const appended: Node[] = [];
      document.head.append = (...nodes: (Node | string)[]) => void appended.push(...(nodes as Node[]));
      try {
        store.accept(['analytics']);
        gate({ gtagUrl: GTAG_URL });
      } finally {
        document.head.append = append;
      }
      expect(appended).to.have.length(1);
      expect((appended[0] as HTMLScriptElement).src).to.equal(`${GTAG_URL}?id=${ID}`);
    });

    it('loads gtag.js only once however often consent changes', () => {
      pushConsentDefaults();
      gate();
      store.accept(['analytics']);
      store.accept(['analytics', 'marketing']);
      store.accept(['analytics']);
      store.rejectAll();
      store.accept(['analytics']);
      expect(gtagScripts()).to.have.length(1);
      expect(commands().filter(([name]) => name === 'config')).to.have.length(1);
      expect(commands().filter(([name]) => name === 'js')).to.have.length(1);
    });

    it('pushes nothing when a choice is repeated', () => {
      pushConsentDefaults();
      gate();
      store.accept(['analytics']);
      const before = commands().length;
      store.accept(['analytics']);
      expect(commands()).to.have.length(before);
    });

    it('switches GA off on withdrawal and on again on a new grant', () => {
      pushConsentDefaults();
      gate();
      store.accept(['analytics']);
      store.rejectAll();
      expect(page[DISABLE]).to.equal(true);
      expect(updates().at(-1)).to.deep.equal(signals('denied', 'denied'));
      store.accept(['analytics']);
      expect(DISABLE in window).to.equal(false);
      expect(updates().at(-1)).to.deep.equal(signals('granted', 'denied'));
      expect(gtagScripts()).to.have.length(1);
    });

    it('switches GA off when all consent is reset after it loaded', () => {
      pushConsentDefaults();
      gate();
      store.accept(['analytics']);
      store.reset();
      expect(store.get()).to.equal(null);
      expect(page[DISABLE]).to.equal(true);
      expect(updates().at(-1)).to.deep.equal(signals('denied', 'denied'));
    });

    it('on a reset before GA was ever loaded, tells the tags that all is denied, and loads nothing', () => {
      pushConsentDefaults();
      store.accept(['marketing']);
      gate();
      store.reset();
      expect(updates().at(-1)).to.deep.equal(signals('denied', 'denied'));
      expect(gtagScripts()).to.have.length(0);
    });

    it('pushes ib_consent_update with every category for the stored choice and after each change, each after its update', () => {
      store.accept(['marketing']);
      pushConsentDefaults();
      gate();
      store.accept(['analytics']);
      store.accept(['analytics']);
      store.reset();
      expect(consentEvents()).to.deep.equal([
        { necessary: true, analytics: false, marketing: true },
        { necessary: true, analytics: true, marketing: false },
        { necessary: true, analytics: false, marketing: false },
      ]);
      const kinds = (window.dataLayer as object[]).map((entry) =>
        'event' in entry ? (entry as { event: string }).event : nameOf(Array.from(entry as ArrayLike<string>)),
      );
      expect(kinds, 'in data-layer order').to.deep.equal([
        'consent default',
        'consent update',
        'ib_consent_update',
        'consent update',
        'ib_consent_update',
        'js',
        `config ${ID}`,
        'consent update',
        'ib_consent_update',
      ]);
    });

    it('pushes ib_consent_update before any choice too, with only necessary on, and no update', () => {
      pushConsentDefaults();
      gate();
      expect(consentEvents()).to.deep.equal([{ necessary: true, analytics: false, marketing: false }]);
      expect(updates()).to.deep.equal([]);
    });

    it('lets the ad signals follow a configured marketing category', () => {
      pushConsentDefaults();
      gate();
      store.accept(['analytics', 'marketing']);
      expect(updates()).to.deep.equal([signals('granted', 'granted')]);
      expect(commands()[3][2]).to.deep.equal({});
      store.accept(['analytics']);
      expect(updates().at(-1)).to.deep.equal(signals('granted', 'denied'));
    });

    it('keeps the ad signals denied without a marketing category', () => {
      pushConsentDefaults();
      store = createConsentStore({ categories: WITHOUT_MARKETING, revision: 1, cookieDays: 365 });
      gate();
      store.accept(['analytics', 'marketing']);
      // The store leaves out an id that is no category, so the signals cannot follow it.
      expect(store.has('marketing')).to.equal(false);
      expect(updates()).to.deep.equal([signals('granted', 'denied')]);
      expect(commands()[3][2]).to.deep.equal({ allow_google_signals: false, allow_ad_personalization_signals: false });
    });

    it('stops reacting once unsubscribed', () => {
      pushConsentDefaults();
      gate();
      stop!();
      store.accept(['analytics']);
      store.reset();
      expect(names()).to.deep.equal(['consent default']);
      expect(gtagScripts()).to.have.length(0);
    });

    it('stops switching GA off once unsubscribed', () => {
      pushConsentDefaults();
      gate();
      store.accept(['analytics']);
      stop!();
      store.rejectAll();
      expect(page[DISABLE]).to.equal(undefined);
      expect(updates()).to.have.length(1);
    });
  });

  it('never requests anything from another host', () => {
    const elsewhere = performance.getEntriesByType('resource').filter(({ name }) => new URL(name).host !== location.host);
    expect(elsewhere.map(({ name }) => name)).to.deep.equal([]);
  });
});
