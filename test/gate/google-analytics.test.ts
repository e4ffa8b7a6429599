import { expect } from '@open-wc/testing';
import { gateGoogleAnalytics, pushConsentDefaults } from '../../src/gate/google-analytics.js';
import type { ConsentRecord } from '../../src/core/record.js';

const ID = 'G-TEST123';
const STUB = '/test/fixtures/gtag-stub.js';
const flags = window as unknown as Record<string, unknown>;

/** A stand-in for the consent store: a record with these categories, or no choice yet. */
function consent(categories: string[] | null) {
  const record = categories && ({ categories: ['necessary', ...categories] } as ConsentRecord);
  return { get: () => record, has: (id: string) => id === 'necessary' || !!record?.categories.includes(id) };
}

/** The data layer as plain arrays: gtag pushes `arguments` objects. */
const commands = () => (window.dataLayer ?? []).map((entry) => Array.from(entry as ArrayLike<unknown>));
const gtagScripts = () => document.querySelectorAll(`script[src*="gtag-stub.js"]`);

function waitForStub(): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = gtagScripts()[0] as HTMLScriptElement;
    script.addEventListener('load', () => resolve(), { once: true });
    script.addEventListener('error', () => reject(new Error('stub did not load')), { once: true });
  });
}

describe('Google Analytics gate', () => {
  beforeEach(() => {
    delete window.dataLayer;
    delete window.gtag;
    delete flags[`ga-disable-${ID}`];
    gtagScripts().forEach((script) => script.remove());
  });

  it('pushes the Consent Mode v2 defaults first, once', () => {
    pushConsentDefaults();
    pushConsentDefaults();
    expect(commands()).to.deep.equal([
      [
        'consent',
        'default',
        {
          ad_storage: 'denied',
          ad_user_data: 'denied',
          ad_personalization: 'denied',
          personalization_storage: 'denied',
          analytics_storage: 'denied',
          functionality_storage: 'granted',
          security_storage: 'granted',
        },
      ],
    ]);
    // gtag.js reads Arguments objects only.
    expect(Object.prototype.toString.call(window.dataLayer![0])).to.equal('[object Arguments]');
  });

  it('does nothing before a choice: no update, no gtag.js', () => {
    pushConsentDefaults();
    gateGoogleAnalytics({ gaId: ID, gtagUrl: STUB, categories: [] })(consent(null));
    expect(commands()).to.have.length(1);
    expect(gtagScripts()).to.have.length(0);
  });

  it('does not load gtag.js when analytics is refused', () => {
    pushConsentDefaults();
    gateGoogleAnalytics({ gaId: ID, gtagUrl: STUB, categories: [] })(consent([]));
    expect(gtagScripts()).to.have.length(0);
    expect(commands()[1]).to.deep.equal(['consent', 'update', {
      ad_storage: 'denied', ad_user_data: 'denied', ad_personalization: 'denied',
      personalization_storage: 'denied', analytics_storage: 'denied',
    }]);
    expect(flags[`ga-disable-${ID}`]).to.equal(true);
  });

  it('on analytics consent: update, then gtag.js with the id and nonce, then js and config', async () => {
    pushConsentDefaults();
    gateGoogleAnalytics({ gaId: ID, gtagUrl: STUB, nonce: 'n0nce', categories: [] })(consent(['analytics']));
    const [script] = gtagScripts() as NodeListOf<HTMLScriptElement>;
    expect(new URL(script.src).searchParams.get('id')).to.equal(ID);
    expect(script.nonce).to.equal('n0nce');
    const names = commands().map((command) => `${command[0]} ${typeof command[1] === 'string' ? command[1] : ''}`.trim());
    expect(names).to.deep.equal(['consent default', 'consent update', 'js', `config ${ID}`]);
    expect(commands()[1][2]).to.include({ analytics_storage: 'granted', ad_storage: 'denied' });
    expect(commands()[3][2]).to.deep.equal({ allow_google_signals: false, allow_ad_personalization_signals: false });
    await waitForStub();
    expect((window as unknown as { gtagStubLoads: number }).gtagStubLoads).to.be.greaterThan(0);
  });

  it('loads gtag.js only once however often consent is applied', () => {
    pushConsentDefaults();
    const apply = gateGoogleAnalytics({ gaId: ID, gtagUrl: STUB, categories: [] });
    apply(consent(['analytics']));
    apply(consent(['analytics']));
    expect(gtagScripts()).to.have.length(1);
    expect(commands().filter(([name]) => name === 'config')).to.have.length(1);
  });

  it('switches GA off on withdrawal and on again on a new grant', () => {
    pushConsentDefaults();
    const apply = gateGoogleAnalytics({ gaId: ID, gtagUrl: STUB, categories: [] });
    apply(consent(['analytics']));
    apply(consent([]));
    expect(flags[`ga-disable-${ID}`]).to.equal(true);
    expect(commands().at(-1)![2]).to.include({ analytics_storage: 'denied' });
    apply(consent(['analytics']));
    expect(`ga-disable-${ID}` in window).to.equal(false);
    expect(gtagScripts()).to.have.length(1);
  });

  it('switches GA off when all consent is reset after it loaded', () => {
    pushConsentDefaults();
    const apply = gateGoogleAnalytics({ gaId: ID, gtagUrl: STUB, categories: [] });
    apply(consent(['analytics']));
    apply(consent(null));
    expect(flags[`ga-disable-${ID}`]).to.equal(true);
    expect(commands().at(-1)![2]).to.include({ analytics_storage: 'denied' });
  });

  it('lets the ad signals follow a configured marketing category', () => {
    pushConsentDefaults();
    gateGoogleAnalytics({ gaId: ID, gtagUrl: STUB, categories: [{ id: 'marketing' }] })(consent(['analytics', 'marketing']));
    expect(commands()[1][2]).to.deep.equal({
      ad_storage: 'granted', ad_user_data: 'granted', ad_personalization: 'granted',
      personalization_storage: 'granted', analytics_storage: 'granted',
    });
    expect(commands()[3][2]).to.deep.equal({});
  });

  it('keeps the ad signals denied without a marketing category', () => {
    pushConsentDefaults();
    gateGoogleAnalytics({ gaId: ID, gtagUrl: STUB, categories: [] })(consent(['analytics', 'marketing']));
    expect(commands()[1][2]).to.include({ ad_storage: 'denied', ad_user_data: 'denied' });
  });

  it('never requests anything from another host', () => {
    const elsewhere = performance.getEntriesByType('resource').filter(({ name }) => new URL(name).host !== location.host);
    expect(elsewhere.map(({ name }) => name)).to.deep.equal([]);
  });
});
