import { expect } from '@open-wc/testing';
import * as consent from '../src/index.js';
import { captureConsole, clearCookies } from './helpers.js';

// This file has its own page, so start() runs here once, as on a site.
describe('the ESM entry', () => {
  /** Set by a whenGranted('analytics') asked before start(). */
  let granted = false;
  before(clearCookies);
  after(clearCookies);

  it('starts nothing when imported', () => {
    expect(customElements.get('ib-cookie-consent')).to.equal(undefined);
    expect(window.ibConsent).to.equal(undefined);
    expect(document.querySelector('ib-cookie-consent') === null).to.equal(true);
    const console = captureConsole();
    expect(consent.get()).to.equal(null);
    expect(consent.has('analytics')).to.equal(false);
    expect(consent.has('necessary')).to.equal(true);
    expect(() => consent.acceptAll()).not.to.throw();
    console.restore();
    expect(console.errors.join()).to.contain('Call start(options)');
  });

  it('start(options) does what the script tag does', async () => {
    void consent.whenGranted('analytics').then(() => (granted = true));
    const api = consent.start({ privacyUrl: '/privacyverklaring', floatingButton: true });
    expect(window.ibConsent).to.equal(api);
    const element = document.querySelector('ib-cookie-consent')!;
    expect(element).to.be.instanceOf(consent.IbCookieConsent);
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('section') === null, 'no banner').to.equal(false);
  });

  it('a second start() returns the running widget and adds nothing', () => {
    expect(consent.start({ gaId: 'G-SECOND' })).to.equal(window.ibConsent);
    expect(document.querySelectorAll('ib-cookie-consent')).to.have.length(1);
  });

  it('exports the API functions, acting on the started widget', async () => {
    consent.accept(['analytics']);
    expect(consent.has('analytics')).to.equal(true);
    await new Promise((resolve) => setTimeout(resolve));
    expect(granted, 'whenGranted() from before start() did not resolve').to.equal(true);
    expect(consent.get()!.categories).to.deep.equal(['necessary', 'analytics']);
    await consent.whenGranted('analytics');
    consent.rejectAll();
    expect(consent.has('analytics')).to.equal(false);
    consent.acceptAll();
    expect(consent.has('analytics')).to.equal(true);
    consent.reset();
    expect(consent.get()).to.equal(null);
  });
});
