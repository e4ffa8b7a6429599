import { expect } from '@open-wc/testing';
import { createConsentStore } from '../../src/core/consent.js';
import { hasPrivacySignal, honourPrivacySignal } from '../../src/core/privacy-signal.js';
import { clearCookies, plantConsentCookie } from '../helpers.js';

const settings = { categories: ['necessary', 'analytics'].map((id) => ({ id })), revision: 1, cookieDays: 365 };

/** Sets navigator.globalPrivacyControl as Firefox does (Chromium has no such property). */
function sendSignal(value: unknown) {
  Object.defineProperty(navigator, 'globalPrivacyControl', { value, configurable: true });
}

describe('Global Privacy Control', () => {
  beforeEach(clearCookies);
  afterEach(() => {
    clearCookies();
    delete (navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl;
  });

  it('records a refusal from the signal when there is no choice yet, and tells the listeners', () => {
    sendSignal(true);
    const store = createConsentStore(settings);
    const changes: unknown[] = [];
    store.subscribe((change) => changes.push(change));
    honourPrivacySignal(store);
    expect(store.get()).to.include({ source: 'gpc' });
    expect(store.get()!.categories).to.deep.equal(['necessary']);
    expect(changes).to.have.length(1);
  });

  it('never overrides a stored choice, even one that grants analytics', () => {
    sendSignal(true);
    const now = new Date().toISOString();
    plantConsentCookie({ categories: ['necessary', 'analytics'], revision: 1, consentId: 'id-2', givenAt: now, updatedAt: now, source: 'banner' });
    const store = createConsentStore(settings);
    honourPrivacySignal(store);
    expect(store.has('analytics')).to.equal(true);
    expect(store.get()!.source).to.equal('banner');
  });

  it('does nothing without the signal, or with a value that is not exactly true', () => {
    for (const value of [undefined, false, 'true', 1]) {
      sendSignal(value);
      expect(hasPrivacySignal()).to.equal(false);
      const store = createConsentStore(settings);
      honourPrivacySignal(store);
      expect(store.get()).to.equal(null);
    }
  });

  it('lets the visitor opt in afterwards: the explicit choice wins', () => {
    sendSignal(true);
    const store = createConsentStore(settings);
    honourPrivacySignal(store);
    store.accept(['analytics'], 'preferences');
    honourPrivacySignal(store);
    expect(store.has('analytics')).to.equal(true);
    expect(store.get()!.source).to.equal('preferences');
  });
});
