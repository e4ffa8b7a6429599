import { expect } from '@open-wc/testing';
import { createConsentStore } from '../../src/core/consent.js';
import type { ConsentStore } from '../../src/core/consent.js';
import { forgetReports } from '../../src/core/log.js';
import { followConsentMode, pushConsentDefaults } from '../../src/gate/consent-mode.js';
import { googleTags } from '../../src/gate/google-tag.js';
import { gateTagManager } from '../../src/gate/tag-manager.js';
import { captureConsole, clearCookies } from '../helpers.js';

const STUB = '/test/fixtures/gtag-stub.js';
const ID = 'GTM-TEST12';
const containers = () => document.querySelectorAll<HTMLScriptElement>('script[src*="gtag-stub.js"], script[src*="missing-gtm.js"]');
const layer = () => (window.dataLayer ?? []) as Record<string, unknown>[];

describe('Tag Manager gate', () => {
  let store: ConsentStore;
  const stops: (() => void)[] = [];
  const gate = (gtmCategory = 'analytics', gtmUrl = STUB) => {
    stops.push(followConsentMode(store), gateTagManager(store, { gtmId: ID, gtmUrl, gtmCategory, nonce: 'n0nce' }));
  };

  beforeEach(() => {
    forgetReports();
    clearCookies();
    delete window.dataLayer;
    delete window.gtag;
    containers().forEach((script) => script.remove());
    for (const name in googleTags) delete googleTags[name];
    store = createConsentStore({ categories: ['necessary', 'analytics', 'marketing'].map((id) => ({ id })), revision: 1, cookieDays: 365 });
    pushConsentDefaults();
  });

  afterEach(() => {
    stops.splice(0).forEach((stop) => stop());
    containers().forEach((script) => script.remove());
    delete window.dataLayer;
    clearCookies();
  });

  it('loads nothing before its category is granted', () => {
    gate();
    store.accept(['marketing']);
    expect(containers()).to.have.length(0);
    expect(layer().some((entry) => entry.event === 'gtm.js')).to.equal(false);
  });

  it('on consent: pushes gtm.start and the gtm.js event after the consent update, then loads the container once, with the id and nonce', () => {
    gate();
    store.accept(['analytics']);
    store.accept(['analytics', 'marketing']);
    store.rejectAll();
    store.accept(['analytics']);
    const scripts = containers();
    expect(scripts).to.have.length(1);
    expect(new URL(scripts[0].src).searchParams.get('id')).to.equal(ID);
    expect(scripts[0].nonce).to.equal('n0nce');
    const start = layer().findIndex((entry) => entry.event === 'gtm.js');
    expect(layer()[start]['gtm.start']).to.be.closeTo(Date.now(), 5000);
    expect(layer().filter((entry) => entry.event === 'gtm.js')).to.have.length(1);
    const firstUpdate = layer().findIndex((entry) => Array.from(entry as unknown as ArrayLike<string>).join(' ') === 'consent update [object Object]');
    expect(firstUpdate).to.be.within(0, start);
  });

  it('waits for the category it is given: a container with ad tags waits for marketing', () => {
    gate('marketing');
    store.accept(['analytics']);
    expect(containers()).to.have.length(0);
    store.accept(['marketing']);
    expect(containers()).to.have.length(1);
  });

  it('follows the load in googleTags: loading, then loaded, or failed with one console error naming the fix', async () => {
    gate();
    store.accept(['analytics']);
    expect(googleTags['Tag Manager']).to.deep.equal({ category: 'analytics', status: 'loading' });
    await new Promise((resolve) => containers()[0].addEventListener('load', resolve));
    expect(googleTags['Tag Manager'].status).to.equal('loaded');

    stops.splice(0).forEach((stop) => stop());
    containers().forEach((script) => script.remove());
    const console = captureConsole();
    try {
      gate('analytics', '/test/fixtures/missing-gtm.js');
      await new Promise((resolve) => containers()[0].addEventListener('error', resolve));
      expect(googleTags['Tag Manager'].status).to.equal('failed');
      expect(console.errors.join('\n')).to.match(/Tag Manager did not load.*script-src/);
    } finally {
      console.restore();
    }
  });
});
