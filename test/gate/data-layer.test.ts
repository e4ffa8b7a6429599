import { expect } from '@open-wc/testing';
import { gtag, hasCommand, pushToDataLayer } from '../../src/gate/data-layer.js';
import { pushConsentDefaults } from '../../src/gate/consent-mode.js';
import { forgetReports } from '../../src/core/log.js';
import { captureConsole } from '../helpers.js';

const page = window as unknown as { dataLayer?: unknown; gtag?: unknown };
const NOT_GROWABLE = 'window.dataLayer was no array';
const GOOGLE_FIRST = 'Google ran first: move ib-cookie-consent.js above its snippet.';

/** Runs `act` with the console captured; returns what it said. */
function quietly(act: () => void) {
  const console = captureConsole();
  try {
    act();
  } finally {
    console.restore();
  }
  return console;
}

const isArguments = (value: unknown) => Object.prototype.toString.call(value) === '[object Arguments]';

describe('data layer', () => {
  beforeEach(() => {
    forgetReports();
    delete page.dataLayer;
    delete page.gtag;
  });

  afterEach(() => {
    document.getElementById('dataLayer')?.remove();
    delete page.dataLayer;
    delete page.gtag;
  });

  it('creates window.dataLayer on the first push', () => {
    const { warnings, errors } = quietly(() => pushToDataLayer({ event: 'x' }));
    expect(page.dataLayer).to.deep.equal([{ event: 'x' }]);
    expect([...warnings, ...errors]).to.deep.equal([]);
  });

  it('reads the data layer afresh at every push, as GTM reassigns it', () => {
    pushToDataLayer(1);
    const reassigned: unknown[] = ['page'];
    page.dataLayer = reassigned;
    pushToDataLayer(2);
    expect(reassigned).to.deep.equal(['page', 2]);
  });

  it('gtag() pushes Arguments objects, the only form gtag.js reads', () => {
    gtag('js', 'now');
    const [entry] = page.dataLayer as unknown[];
    expect(isArguments(entry)).to.equal(true);
    expect(Array.from(entry as ArrayLike<unknown>)).to.deep.equal(['js', 'now']);
  });

  const presets: [string, () => unknown, unknown[]][] = [
    ['an object', () => ({ foo: 1 }), []],
    ['a frozen array', () => Object.freeze(['kept']), ['kept']],
    ['a sealed array', () => Object.seal(['kept']), ['kept']],
    ['a number', () => 42, []],
    [
      'a DOM element (user content with id="dataLayer")',
      () => {
        const element = document.createElement('div');
        element.id = 'dataLayer';
        document.body.append(element);
        return undefined; // window.dataLayer is the element, by named access
      },
      [],
    ],
  ];
  for (const [what, preset, kept] of presets) {
    it(`replaces window.dataLayer preset to ${what} by a real array, keeping its entries, and says so`, () => {
      const value = preset();
      if (value !== undefined) page.dataLayer = value;
      if (what.startsWith('a DOM element')) expect(page.dataLayer).to.be.instanceOf(HTMLElement);
      const { errors } = quietly(() => {
        expect(() => pushConsentDefaults()).not.to.throw();
        expect(() => gtag('event', 'after')).not.to.throw();
      });
      const layer = page.dataLayer as unknown[];
      expect(Array.isArray(layer)).to.equal(true);
      expect(Object.isExtensible(layer)).to.equal(true);
      expect(layer.slice(0, kept.length)).to.deep.equal(kept);
      const commands = layer.slice(kept.length).map((entry) => Array.from(entry as ArrayLike<unknown>).slice(0, 2));
      expect(commands).to.deep.equal([['consent', 'default'], ['event', 'after']]);
      // Entries before the defaults also mean a Google snippet ran first: said too.
      const first = kept.length ? [GOOGLE_FIRST] : [];
      expect(errors.filter((error) => !error.includes(GOOGLE_FIRST))).to.have.length(1);
      expect(errors.find((error) => error.includes(NOT_GROWABLE))).to.exist;
      expect(errors.filter((error) => error.includes(GOOGLE_FIRST)).map(() => GOOGLE_FIRST)).to.deep.equal(first);
    });
  }

  it('says the replacement once per page, not at every push', () => {
    page.dataLayer = {};
    const { errors } = quietly(() => {
      gtag('a');
      page.dataLayer = 'again';
      gtag('b');
    });
    expect(errors).to.have.length(1);
  });

  it('keeps a data layer holding [null] and other foreign entries, and still finds its commands', () => {
    const layer: unknown[] = [null, undefined, 7, 'text', {}];
    page.dataLayer = layer;
    const { warnings, errors } = quietly(() => {
      expect(hasCommand('consent')).to.equal(false);
      pushConsentDefaults();
      expect(hasCommand('consent')).to.equal(true);
      pushConsentDefaults();
    });
    expect(page.dataLayer).to.equal(layer);
    expect(layer).to.have.length(6);
    expect(Array.from(layer[5] as ArrayLike<unknown>).slice(0, 2)).to.deep.equal(['consent', 'default']);
    // Something was in the data layer before the defaults: said once, with the fix.
    expect(warnings).to.deep.equal([]);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain(GOOGLE_FIRST);
  });

  it('says nothing when the data layer is empty or absent before the defaults', () => {
    for (const preset of [undefined, []]) {
      page.dataLayer = preset;
      const { warnings, errors } = quietly(() => pushConsentDefaults());
      expect([...warnings, ...errors]).to.deep.equal([]);
    }
  });

  it('reports, and does not throw, when pushing fails', () => {
    const layer: unknown[] = [];
    layer.push = () => {
      throw new Error('push blocked');
    };
    page.dataLayer = layer;
    const { errors } = quietly(() => expect(() => gtag('event', 'x')).not.to.throw());
    expect(errors.join('\n')).to.contain('push blocked');
  });

  it('does not throw when the page made window.dataLayer read-only and not an array', () => {
    Object.defineProperty(window, 'dataLayer', { value: Object.freeze({}), writable: false, configurable: true });
    const { errors } = quietly(() => {
      expect(() => pushConsentDefaults()).not.to.throw();
      expect(() => gtag('event', 'x')).not.to.throw();
    });
    expect(errors).to.have.length.greaterThan(0);
  });

  it('hasCommand() is false for a data layer that is not an array', () => {
    page.dataLayer = { length: 1, 0: ['consent'] };
    expect(hasCommand('consent')).to.equal(false);
    page.dataLayer = [['consent', 'default', {}]];
    expect(hasCommand('consent')).to.equal(true);
    expect(hasCommand('config')).to.equal(false);
  });
});
