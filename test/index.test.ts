import { expect } from '@open-wc/testing';
import * as consent from '../src/index.js';
import { clearCookies } from './helpers.js';

// This file has its own page, so start() runs here once, as on a site.
describe('the ESM entry', () => {
  before(clearCookies);
  after(clearCookies);

  it('starts nothing when imported', () => {
    expect(customElements.get('ib-cookie-consent')).to.equal(undefined);
    expect(window.ibConsent).to.equal(undefined);
    expect(document.querySelector('ib-cookie-consent') === null).to.equal(true);
    expect(() => consent.get()).to.throw(/start\(options\) first/);
  });

  it('start(options) does what the script tag does', async () => {
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
