import { expect } from '@open-wc/testing';
import { readAttributeOptions, resolveOptions } from '../src/options.js';
import type { ConsentOptions } from '../src/options.js';
import { captureConsole } from './helpers.js';

/** Resolves with the console captured, so each test sees what a site owner would see. */
function resolve(options: ConsentOptions) {
  const console = captureConsole();
  try {
    return { config: resolveOptions({ privacyUrl: '/privacyverklaring', ...options }), ...console };
  } finally {
    console.restore();
  }
}

describe('resolveOptions', () => {
  it('defaults to revision 1, a year-long host-only cookie, Google\'s gtag.js and Dutch copy', () => {
    const { config, warnings, errors } = resolve({});
    expect(config).to.include({ revision: 1, cookieDays: 365, cookieDomain: undefined, lang: 'nl' });
    expect(config.gtagUrl).to.equal('https://www.googletagmanager.com/gtag/js');
    expect(config.copy.reject).to.equal('Alles weigeren');
    expect(config.categories.map(({ id, label }) => [id, label])).to.deep.equal([
      ['necessary', 'Noodzakelijk'],
      ['analytics', 'Analytisch'],
    ]);
    expect([...warnings, ...errors]).to.deep.equal([]);
  });

  it('lists the GA cookies with Google\'s lifetimes under analytics', () => {
    const analytics = resolve({}).config.categories[1];
    // What GA4's gtag.js sets; Universal Analytics' _gid and _gat, and the Ads cookies, are not GA4's.
    expect(analytics.cookies.map(({ name }) => name)).to.deep.equal(['_ga', '_ga_*']);
    expect(analytics.cookies[0].lifetime).to.equal('2 jaar');
  });

  it('keeps a valid GA4 id', () => {
    expect(resolve({ gaId: 'G-AB12CD34' }).config.gaId).to.equal('G-AB12CD34');
  });

  for (const bad of ['UA-12345-1', 'G-', 'g-abc123', 'G-ABC 123"']) {
    it(`turns GA off for the id ${JSON.stringify(bad)} and names it`, () => {
      const { config, errors } = resolve({ gaId: bad });
      expect(config.gaId).to.equal(undefined);
      expect(errors).to.have.length(1);
      expect(errors[0]).to.contain(JSON.stringify(bad)).and.to.contain('G-');
    });
  }

  it('warns once and shows no link without a privacy URL', () => {
    const console = captureConsole();
    try {
      expect(resolveOptions({}).privacyUrl).to.equal(undefined);
    } finally {
      console.restore();
    }
    expect(console.warnings).to.have.length(1);
    expect(console.warnings[0]).to.contain('data-privacy-url');
  });

  for (const url of ['javascript:alert(1)', 'data:text/html,hi', ' JavaScript:alert(2)']) {
    it(`refuses the privacy URL ${url}`, () => {
      const { config, errors } = resolve({ privacyUrl: url });
      expect(config.privacyUrl).to.equal(undefined);
      expect(errors[0]).to.contain(JSON.stringify(url)).and.to.contain('http(s) or relative');
    });
  }

  it('accepts relative and https privacy URLs', () => {
    expect(resolve({ privacyUrl: '/privacy' }).config.privacyUrl).to.equal('/privacy');
    expect(resolve({ privacyUrl: 'https://www.inforbusiness.com/privacy' }).config.privacyUrl).to.contain('https:');
  });

  it('turns GA off when the gtag URL is not http(s)', () => {
    const { config, errors } = resolve({ gaId: 'G-X1', gtagUrl: 'javascript:void(0)' });
    expect(config.gaId).to.equal(undefined);
    expect(errors[0]).to.contain('gtagUrl');
  });

  it('reads numbers given as text', () => {
    expect(resolve({ revision: '4', cookieDays: '30' }).config).to.include({ revision: 4, cookieDays: 30 });
  });

  it('replaces a revision that is not a whole number with 1, saying so', () => {
    const { config, errors } = resolve({ revision: 'two' });
    expect(config.revision).to.equal(1);
    expect(errors[0]).to.contain('revision');
  });

  it('refuses a consent lifetime over 13 months', () => {
    const { config, errors } = resolve({ cookieDays: 800 });
    expect(config.cookieDays).to.equal(365);
    expect(errors[0]).to.contain('800').and.to.contain('13 months');
  });

  it('keeps a shorter consent lifetime', () => {
    expect(resolve({ cookieDays: 180 }).config.cookieDays).to.equal(180);
  });

  it('falls back to a host-only cookie when cookie-domain does not cover this host', () => {
    const { config, errors } = resolve({ cookieDomain: '.inforbusiness.com' });
    expect(config.cookieDomain).to.equal(undefined);
    expect(errors[0]).to.contain('.inforbusiness.com').and.to.contain(location.hostname);
  });

  it('refuses a top-level cookie-domain such as "localhost", which browsers never store', () => {
    const { config, errors } = resolve({ cookieDomain: location.hostname });
    expect(config.cookieDomain).to.equal(undefined);
    expect(errors[0]).to.contain('top-level');
  });

  it('shows Dutch on a page in another language until the site gives copy for it', () => {
    document.documentElement.lang = 'en';
    try {
      expect(resolve({}).config).to.deep.include({ lang: 'nl' });
      expect(resolve({}).config.copy.accept).to.equal('Alles accepteren');
    } finally {
      document.documentElement.lang = '';
    }
  });

  it('speaks the page\'s language with flat texts; what a translation leaves out stays Dutch', () => {
    const { config } = resolve({ lang: 'en-GB', texts: { accept: 'Accept all', reject: 'Reject all' } });
    expect(config.lang).to.equal('en');
    expect(config.copy.accept).to.equal('Accept all');
    expect(config.copy.title).to.equal('Cookies op deze website');
  });

  it('lets texts replace any sentence', () => {
    expect(resolve({ texts: { title: 'Wij en cookies' } }).config.copy.title).to.equal('Wij en cookies');
  });

  it('warns when the reject button no longer reads as a refusal', () => {
    const { warnings } = resolve({ texts: { reject: 'Later misschien' } });
    expect(warnings[0]).to.contain('Later misschien');
  });

  it('adds a configured category after the built-in ones', () => {
    const marketing = { id: 'marketing', label: 'Marketing', description: 'Advertenties', cookies: [{ name: '_fbp', lifetime: '3 maanden' }] };
    const { config } = resolve({ categories: [marketing] });
    expect(config.categories.map(({ id }) => id)).to.deep.equal(['necessary', 'analytics', 'marketing']);
    expect(config.categories[2]).to.deep.equal({ ...marketing, cookies: [{ name: '_fbp', purpose: '', lifetime: '3 maanden' }] });
  });

  it('changes a built-in category without repeating it', () => {
    const { config } = resolve({ categories: [{ id: 'analytics', description: 'Statistieken' }] });
    expect(config.categories[1]).to.include({ label: 'Analytisch', description: 'Statistieken' });
  });

  it('adds cookies to a built-in category instead of replacing Google\'s', () => {
    const { config } = resolve({ categories: [{ id: 'analytics', cookies: [{ name: '_hj*', purpose: 'Hotjar' }] }] });
    expect(config.categories[1].cookies.map(({ name }) => name)).to.deep.equal(['_ga', '_ga_*', '_hj*']);
  });

  for (const name of ['ib_consent', 'ib_*', 'ib_consent*', '*']) {
    it(`refuses a category cookie "${name}" that would delete the visitor's choice`, () => {
      const { config, errors } = resolve({ categories: [{ id: 'x', cookies: [{ name }] }] });
      expect(config.categories[2].cookies).to.deep.equal([]);
      expect(errors[0]).to.contain('ib_consent');
    });
  }

  it('reads options of the wrong shape as defaults, with one message each', () => {
    const { config, errors, warnings } = resolve({
      categories: 'marketing',
      texts: 5,
      cookieDays: [30],
      revision: {},
      layout: 'sideways',
      gaId: 42,
      colour: 'blue',
    } as never);
    expect(config).to.include({ revision: 1, cookieDays: 365 });
    expect([config.theme, config.gaId]).to.deep.equal([undefined, undefined]);
    expect(config.categories).to.have.length(2);
    expect(config.copy.accept).to.equal('Alles accepteren');
    const messages = [...errors, ...warnings].join('\n');
    for (const name of ['categories', 'texts', 'cookieDays', 'revision', 'layout', 'gaId', 'colour']) expect(messages).to.contain(name);
  });

  for (const [what, categories] of [
    ['a category that is null', [null]],
    ['a category without id', [{ label: 'X' }]],
    ['a cookie entry that is null', [{ id: 'x', cookies: [null] }]],
    ['cookies given as an object', [{ id: 'x', cookies: { name: '_x' } }]],
  ] as const) {
    it(`survives ${what}`, () => {
      const { config, errors } = resolve({ categories } as never);
      expect(config.categories.length).to.be.within(2, 3);
      expect(errors).to.have.length(1);
    });
  }

  it('never throws on options that are not an object', () => {
    for (const options of [null, 'x', 7, []]) {
      const console = captureConsole();
      expect(() => resolveOptions(options)).not.to.throw();
      console.restore();
      expect(console.errors.join()).to.contain('must be an object');
    }
  });

  it('takes copy per language, and the element\'s language follows the copy it shows', () => {
    const texts = { nl: { title: 'Wij en cookies' }, en: { title: 'Cookies and us', accept: 'Accept all' } };
    expect(resolve({ texts }).config).to.deep.include({ lang: 'nl' });
    expect(resolve({ texts }).config.copy.title).to.equal('Wij en cookies');
    const english = resolve({ texts, lang: 'en' }).config;
    expect(english.lang).to.equal('en');
    expect(english.copy.title).to.equal('Cookies and us');
    expect(english.copy.accept).to.equal('Accept all');
    // A language the site gave nothing for shows Dutch, and says so.
    expect(resolve({ texts, lang: 'de' }).config).to.deep.include({ lang: 'nl' });
  });

  it('takes category texts per language, and translations of the built-in cookies by name', () => {
    const categories = [
      { id: 'analytics', label: { nl: 'Analytisch', en: 'Analytics' }, cookies: [{ name: '_ga', purpose: { en: 'Tells visitors apart' }, lifetime: { en: '2 years' } }] },
    ];
    const english = resolve({ lang: 'en', texts: { en: { accept: 'Accept all' } }, categories }).config.categories[1];
    expect(english.label).to.equal('Analytics');
    expect(english.cookies[0]).to.deep.equal({ name: '_ga', purpose: 'Tells visitors apart', lifetime: '2 years' });
    expect(english.cookies).to.have.length(2);
    expect(resolve({ categories }).config.categories[1].label).to.equal('Analytisch');
  });

  it('skips a category with an unusable id', () => {
    const { config, errors } = resolve({ categories: [{ id: 'Bad Id' }] });
    expect(config.categories).to.have.length(2);
    expect(errors[0]).to.contain('"Bad Id"');
  });

  it('never turns a category on by default, whatever flag the configuration carries', () => {
    const { config } = resolve({ categories: [{ id: 'social', enabled: true } as { id: string }] });
    expect(config.categories[2]).to.deep.equal({ id: 'social', label: 'social', description: '', cookies: [] });
  });
});

describe('readAttributeOptions', () => {
  it('turns the script tag\'s data-* into camelCase options', () => {
    const script = document.createElement('script');
    for (const [name, value] of [['src', '/x.js'], ['data-ga-id', 'G-1'], ['data-revision', '3'], ['data-floating-button', '']]) {
      script.setAttribute(name, value);
    }
    expect(readAttributeOptions(script, 'data-')).to.deep.equal({ gaId: 'G-1', revision: '3', floatingButton: '' });
  });

  it('reads the element\'s own attributes', () => {
    const element = document.createElement('div');
    element.setAttribute('privacy-url', '/p');
    element.setAttribute('cookie-domain', '.example.com');
    expect(readAttributeOptions(element)).to.deep.equal({ privacyUrl: '/p', cookieDomain: '.example.com' });
  });
});
