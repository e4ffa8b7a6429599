import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { resolveOptions } from '../../src/options.js';
import { IbCookieConsent } from '../../src/ui/ib-cookie-consent.js';
import { captureConsole, engine, setViewport, skipIn } from '../helpers.js';

if (!customElements.get('ib-cookie-consent')) customElements.define('ib-cookie-consent', IbCookieConsent);

// The missing privacy-url warning of the shared config belongs to the options tests.
const quiet = captureConsole();
const config = resolveOptions({
  privacyUrl: '/privacyverklaring',
  categories: [{ id: 'marketing', label: 'Marketing', description: 'Advertenties op andere sites.' }],
});
quiet.restore();

interface Setup {
  granted?: string[];
  privacyUrl?: string;
  privacySignal?: boolean;
}

/** A banner as start() leaves it: configured, showing, with `choices` collecting what it reports. */
async function showBanner(setup: Setup = {}) {
  const element = await fixture<IbCookieConsent>(html`<ib-cookie-consent></ib-cookie-consent>`);
  const choices: string[][] = [];
  Object.assign(element, { categories: config.categories, copy: config.copy, privacyUrl: config.privacyUrl, granted: [], ...setup });
  element.choose = (categories) => {
    choices.push(categories);
    element.granted = ['necessary', ...categories];
    element.bannerOpen = false;
  };
  element.showBanner();
  await element.updateComplete;
  const root = element.shadowRoot!;
  const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const button = (part: string, scope = 'section') => $<HTMLButtonElement>(`${scope} [part~=${part}]`);
  return {
    element,
    root,
    $,
    button,
    choices,
    /** The dialog, once asked for: the element builds it on the first showPreferences(). */
    get dialog() {
      return $<HTMLDialogElement>('dialog');
    },
  };
}

/** Runs axe on the element as it is, in the light and then the dark theme. */
async function expectAccessibleInBothThemes(element: IbCookieConsent) {
  for (const theme of ['light', 'dark']) {
    element.setAttribute('theme', theme);
    await expect(element).to.be.accessible();
  }
}

/** The focused element inside the widget, or the page's. */
const focused = (element: IbCookieConsent) => element.shadowRoot!.activeElement ?? document.activeElement;
const visibleText = (node: Element) => (node as HTMLElement).innerText.trim();
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
/** The room at the page's bottom is set in the frame after the banner's size is known: two frames. */
const roomReserved = async () => {
  await nextFrame();
  await nextFrame();
};

/** Only Chromium's launcher emulates media features: puppeteer's needs CDP, and WebDriver has none. */
const NO_MEDIA_EMULATION = 'its launcher cannot emulate media features (puppeteer does it over CDP only; WebDriver has no command)';
/** A viewport narrower than MiniBrowser's window can be. */
const NO_NARROW_WINDOW = "MiniBrowser's window is never narrower than 447 px, and WebDriver sizes only the window";

/**
 * Whether a button can be seen and pressed as it is: its whole box inside the viewport and the
 * banner, and its centre not covered (the banner's scrolling text must not hide it).
 */
function fullyShown(button: HTMLElement): boolean {
  const box = button.getBoundingClientRect();
  const banner = button.closest('section')!.getBoundingClientRect();
  const inside = (outer: { top: number; left: number; bottom: number; right: number }) =>
    box.top >= outer.top - 0.5 && box.left >= outer.left - 0.5 && box.bottom <= outer.bottom + 0.5 && box.right <= outer.right + 0.5;
  const centre = (button.getRootNode() as ShadowRoot).elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
  return inside({ top: 0, left: 0, bottom: innerHeight, right: innerWidth }) && inside(banner) && button.contains(centre);
}

describe('<ib-cookie-consent> first layer', () => {
  afterEach(async () => {
    document.documentElement.style.fontSize = '';
    await setViewport({ width: 800, height: 600 });
    if (engine === 'chromium') await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
  });

  it('is a region named by its heading, with Dutch copy from the privacy statement', async () => {
    const { $ } = await showBanner();
    const banner = $('section');
    expect(visibleText($(`#${banner.getAttribute('aria-labelledby')}`))).to.equal('Cookies op deze website');
    const text = visibleText(banner.querySelector('p')!);
    expect(text).to.contain('website en systemen te optimaliseren');
    expect(text).to.contain('gebruiksgemak als u inlogt');
    expect(text).to.contain('Google Analytics');
    expect(text).to.contain('inzicht in het gebruik en de prestaties van de website');
  });

  it('links to the privacy statement', async () => {
    const { $ } = await showBanner();
    const link = $<HTMLAnchorElement>('section a');
    expect(link.getAttribute('href')).to.equal('/privacyverklaring');
    expect(visibleText(link)).to.equal('Privacyverklaring');
  });

  it('shows no link without a privacy URL', async () => {
    const { $ } = await showBanner({ privacyUrl: undefined });
    expect($('section a') === null, 'a link is shown').to.equal(true);
  });

  it('offers accept, reject and settings as native buttons named by their text', async () => {
    const { root } = await showBanner();
    const buttons = [...root.querySelectorAll('section button')];
    expect(buttons.map(visibleText)).to.deep.equal(['Alles accepteren', 'Alles weigeren', 'Instellingen']);
    for (const button of buttons) expect(button.getAttribute('aria-label')).to.equal(null);
  });

  it('gives accept and reject the same size and style, and settings a visibly secondary one', async () => {
    const { button } = await showBanner();
    const look = (part: string) => {
      const style = getComputedStyle(button(part));
      const { width, height } = button(part).getBoundingClientRect();
      return [style.backgroundColor, style.color, style.fontSize, style.fontWeight, style.borderColor, width, height].join();
    };
    expect(look('accept')).to.equal(look('reject'));
    expect(getComputedStyle(button('settings')).backgroundColor).not.to.equal(getComputedStyle(button('accept')).backgroundColor);
  });

  it('reports accept all with every category, and hides', async () => {
    const { button, choices, $ } = await showBanner();
    button('accept').click();
    expect(choices).to.deep.equal([['necessary', 'analytics', 'marketing']]);
    await nextFrame();
    expect($('section') === null, 'the banner is still shown').to.equal(true);
  });

  it('reports reject all as no categories', async () => {
    const { button, choices } = await showBanner();
    button('reject').click();
    expect(choices).to.deep.equal([[]]);
  });

  it('announces the saved choice in a polite live region that takes no focus', async () => {
    const { element, button, $ } = await showBanner();
    const status = $('[role=status]');
    expect(visibleText(status)).to.equal('');
    button('reject').focus();
    button('reject').click();
    await element.updateComplete;
    expect(status.textContent!.trim()).to.equal('Uw keuze is opgeslagen.');
    expect(status.contains(focused(element))).to.equal(false);
  });

  it('moves focus to the page\'s main content after a choice, never to <body>', async () => {
    const main = document.createElement('main');
    main.innerHTML = '<h1>Inhoud</h1>';
    document.body.append(main);
    try {
      const { element, button } = await showBanner();
      button('accept').focus();
      button('accept').click();
      await element.updateComplete;
      expect(document.activeElement).to.equal(main);
      expect(main.getAttribute('tabindex')).to.equal('-1');
      main.blur();
      expect(main.hasAttribute('tabindex'), 'the temporary tabindex stays').to.equal(false);
    } finally {
      main.remove();
    }
  });

  it('is reached by Tab in reading order and does not trap focus', async () => {
    const { element } = await showBanner();
    const before = document.createElement('button');
    before.textContent = 'page';
    element.before(before);
    before.focus();
    const order: string[] = [];
    for (let i = 0; i < 4; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(visibleText(focused(element) as Element));
    }
    before.remove();
    expect(order).to.deep.equal(['Privacyverklaring', 'Alles accepteren', 'Alles weigeren', 'Instellingen']);
  });

  it('passes axe in light and dark', async () => {
    await expectAccessibleInBothThemes((await showBanner()).element);
  });

  it('follows the dark colour scheme unless a theme is pinned', async function () {
    skipIn(this, ['firefox', 'webkit'], NO_MEDIA_EMULATION);
    const { element, $ } = await showBanner();
    const background = () => getComputedStyle($('section')).backgroundColor;
    const light = background();
    await emulateMedia({ colorScheme: 'dark' });
    expect(background()).not.to.equal(light);
    element.setAttribute('theme', 'light');
    expect(background()).to.equal(light);
  });

  it('draws an edge around the banner and every button, which forced colours keep', async () => {
    const { root } = await showBanner();
    for (const node of [root.querySelector('section')!, ...root.querySelectorAll('button')]) {
      const style = getComputedStyle(node);
      expect(style.borderTopStyle, node.textContent!).to.equal('solid');
      expect(parseFloat(style.borderTopWidth), node.textContent!).to.be.at.least(1);
    }
  });

  // The AP: refusing must be possible without an extra click or scroll. Each size a visitor meets.
  for (const [label, width, height, rootFontSize] of [
    ['a 320x568 phone', 320, 568, ''],
    ['a 568x320 phone in landscape', 568, 320, ''],
    ['400% zoom (320x180)', 320, 180, ''],
    ['200% text at 1280x800', 1280, 800, '200%'],
    ['200% text on a 375x667 phone', 375, 667, '200%'],
  ] as const) {
    it(`shows accept and reject whole, without scrolling, on ${label}`, async function () {
      if (width < 447) skipIn(this, 'webkit', NO_NARROW_WINDOW);
      await setViewport({ width, height });
      document.documentElement.style.fontSize = rootFontSize;
      const { button, $ } = await showBanner();
      await nextFrame();
      for (const part of ['accept', 'reject', 'settings']) {
        expect(fullyShown(button(part)), `${part} is hidden or cut off`).to.equal(true);
        const box = button(part).getBoundingClientRect();
        expect(Math.min(box.width, box.height), `${part} is smaller than 24px`).to.be.at.least(24);
      }
      const banner = $('section');
      expect(banner.scrollWidth, 'the banner scrolls sideways').to.be.at.most(banner.clientWidth);
    });
  }

  it('lets only the text scroll when it does not fit, and keyboards reach it through its link', async function () {
    skipIn(this, 'webkit', NO_NARROW_WINDOW);
    await setViewport({ width: 320, height: 180 });
    const { $, element } = await showBanner();
    await nextFrame();
    const text = $('.text');
    expect(text.scrollHeight).to.be.greaterThan(text.clientHeight);
    expect(getComputedStyle(text).overflowY).to.equal('auto');
    // Focusing the link inside scrolls the region; Chromium also makes the scroller itself focusable.
    $('.text a').focus();
    expect(text.scrollTop).to.be.greaterThan(0);
    await expect(element).to.be.accessible();
  });

  it('keeps the page\'s bottom free while the bar shows, and restores the page exactly after', async () => {
    document.body.style.paddingBottom = '7px';
    try {
      const { element, $ } = await showBanner();
      await roomReserved();
      const height = $('section').getBoundingClientRect().height;
      expect(parseFloat(getComputedStyle(document.body).paddingBottom)).to.be.closeTo(7 + height, 1);
      expect(parseFloat(getComputedStyle(document.documentElement).scrollPaddingBottom)).to.be.closeTo(height, 1);
      element.bannerOpen = false;
      await element.updateComplete;
      expect(document.body.style.paddingBottom).to.equal('7px');
      expect(document.documentElement.style.scrollPaddingBottom).to.equal('');
    } finally {
      document.body.style.paddingBottom = '';
    }
  });


  it('does not animate when the visitor asks for reduced motion', async function () {
    skipIn(this, ['firefox', 'webkit'], NO_MEDIA_EMULATION);
    await emulateMedia({ reducedMotion: 'reduce' });
    const { root, button } = await showBanner();
    button('settings').click();
    await nextFrame();
    for (const node of root.querySelectorAll('*')) {
      for (const pseudo of [null, '::before']) {
        const style = getComputedStyle(node, pseudo);
        expect(style.animationName).to.equal('none');
        expect(parseFloat(style.transitionDuration)).to.equal(0);
      }
    }
  });

  it('warns when the page hides the reject button', async () => {
    const console = captureConsole();
    const style = document.createElement('style');
    style.textContent = 'ib-cookie-consent::part(reject) { visibility: hidden }';
    document.head.append(style);
    try {
      await showBanner();
    } finally {
      style.remove();
      console.restore();
    }
    expect(console.warnings.join()).to.contain('hides reject');
  });
});

describe('<ib-cookie-consent> preferences dialog', () => {
  afterEach(() => setViewport({ width: 800, height: 600 }));

  async function openPreferences(setup: Setup = {}) {
    const banner = await showBanner(setup);
    banner.button('settings').focus();
    banner.button('settings').click();
    await nextFrame();
    return banner;
  }
  const switches = (root: ShadowRoot) => [...root.querySelectorAll<HTMLInputElement>('dialog input')];

  it('opens as a modal dialog labelled "Cookie-instellingen" and described by its introduction', async () => {
    const { dialog, $ } = await openPreferences();
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(visibleText($(`#${dialog.getAttribute('aria-labelledby')}`))).to.equal('Cookie-instellingen');
    expect(visibleText($(`#${dialog.getAttribute('aria-describedby')}`))).to.contain(
      'wijzigen of intrekken via \u201cCookie-instellingen\u201d',
    );
  });

  it('heads each category and gives it a switch named by that heading and described by its text', async () => {
    const { root } = await openPreferences();
    const headings = [...root.querySelectorAll('dialog h3')].map(visibleText);
    expect(headings).to.deep.equal(['Noodzakelijk', 'Analytisch', 'Marketing']);
    const inputs = switches(root);
    expect(inputs.map((input) => input.value)).to.deep.equal(['analytics', 'marketing']);
    for (const input of inputs) {
      expect(input.type).to.equal('checkbox');
      expect(input.getAttribute('role')).to.equal('switch');
      expect(input.checked, 'pre-ticked').to.equal(false);
      expect(visibleText(input.labels![0])).to.equal(visibleText(input.previousElementSibling!));
      expect(root.getElementById(input.getAttribute('aria-describedby')!)).to.not.equal(null);
    }
  });

  it('shows "Noodzakelijk" as always on, with no faint switch to puzzle over', async () => {
    const { root } = await openPreferences();
    const necessary = root.querySelector('dialog .category')!;
    expect(necessary.querySelector('input') === null, 'a switch for necessary').to.equal(true);
    expect(visibleText(necessary)).to.contain('Altijd actief');
    expect(visibleText(necessary)).to.contain('niet uit te zetten');
  });

  it('lists each category\'s cookies in a table inside a disclosure: name, purpose, lifetime', async () => {
    const { root } = await openPreferences();
    const [necessary, analytics, marketing] = root.querySelectorAll('dialog .category');
    const rows = (category: Element) =>
      [...category.querySelectorAll('details tr')].map((row) => [...row.children].map((cell) => cell.textContent!.trim()));
    expect(visibleText(analytics.querySelector('summary')!)).to.equal('Cookies (2)');
    expect(analytics.querySelector('details')!.open).to.equal(false);
    expect(rows(necessary)).to.deep.equal([
      ['Naam', 'Doel', 'Bewaartermijn'],
      ['ib_consent', 'Onthoudt uw cookiekeuze', '365 dagen'],
    ]);
    const ga = rows(analytics);
    expect(ga.map(([name]) => name)).to.deep.equal(['Naam', '_ga', '_ga_*']);
    expect(ga[1]).to.deep.equal(['_ga', 'Onderscheidt bezoekers', '2 jaar']);
    for (const [, purpose, lifetime] of ga.slice(1)) expect(purpose && lifetime).to.not.equal('');
    expect(marketing.querySelector('details') === null, 'a table without cookies').to.equal(true);
  });

  it('moves focus to the first switch the visitor can change', async () => {
    const { element } = await openPreferences();
    expect((focused(element) as HTMLInputElement).value).to.equal('analytics');
  });

  // Space by its key value, ' ': puppeteer's keyboard over BiDi (Firefox) knows no key named 'Space'.
  it('toggles a switch with Space and saves exactly what is on', async () => {
    const { element, choices, button, dialog } = await openPreferences();
    expect((focused(element) as HTMLInputElement).value).to.equal('analytics');
    await sendKeys({ press: ' ' });
    button('save', 'dialog').click();
    expect(choices).to.deep.equal([['analytics']]);
    expect(dialog.open).to.equal(false);
  });

  it('closes on Escape without saving and returns focus to "Instellingen"', async () => {
    const { element, choices, dialog, button } = await openPreferences();
    await sendKeys({ press: ' ' });
    await sendKeys({ press: 'Escape' });
    await nextFrame();
    expect(dialog.open).to.equal(false);
    expect(choices).to.deep.equal([]);
    expect(focused(element) === button('settings'), 'focus is not on "Instellingen"').to.equal(true);
  });

  it('closes with "Sluiten" in its header, without saving, like Escape', async () => {
    const { element, choices, dialog, button, $ } = await openPreferences();
    await sendKeys({ press: ' ' });
    const close = $<HTMLButtonElement>('dialog header [part~=close]');
    expect(visibleText(close)).to.equal('Sluiten');
    close.click();
    await nextFrame();
    expect(dialog.open).to.equal(false);
    expect(choices).to.deep.equal([]);
    expect(focused(element) === button('settings'), 'focus is not on "Instellingen"').to.equal(true);
  });

  it('shows the stored choice when reopened, not what was toggled before Escape', async () => {
    const { element, root, dialog } = await openPreferences({ granted: ['necessary', 'marketing'] });
    expect(switches(root).map((input) => input.checked)).to.deep.equal([false, true]);
    await sendKeys({ press: ' ' });
    expect(switches(root)[0].checked).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await element.showPreferences();
    expect(dialog.open).to.equal(true);
    expect(switches(root).map((input) => input.checked)).to.deep.equal([false, true]);
  });

  it('keeps Tab inside the dialog', async () => {
    const { element, dialog } = await openPreferences();
    const outside = document.createElement('button');
    document.body.append(outside);
    try {
      for (let i = 0; i < 12; i++) {
        await sendKeys({ press: 'Tab' });
        const active = focused(element);
        expect(active === document.body || dialog.contains(active), `Tab ${i + 1} left the dialog`).to.equal(true);
      }
    } finally {
      outside.remove();
    }
  });

  it('offers save, accept all and reject all in a footer that stays in view while the list scrolls', async () => {
    await setViewport({ width: 800, height: 600 });
    const { dialog, $ } = await openPreferences();
    for (const details of dialog.querySelectorAll('details')) details.open = true;
    const footer = $('dialog footer');
    expect([...footer.querySelectorAll('button')].map(visibleText)).to.deep.equal(['Keuze opslaan', 'Alles accepteren', 'Alles weigeren']);
    const list = $('dialog .body');
    expect(list.scrollHeight, 'the list is long enough to scroll').to.be.greaterThan(list.clientHeight);
    list.scrollTop = list.scrollHeight;
    const box = footer.getBoundingClientRect();
    expect(box.bottom).to.be.at.most(innerHeight);
    expect(box.top).to.be.at.least(0);
  });

  it('passes axe, light and dark, with the cookie tables open', async () => {
    const { element, dialog } = await openPreferences();
    for (const details of dialog.querySelectorAll('details')) details.open = true;
    await expectAccessibleInBothThemes(element);
  });

  it('fits 320 px wide at 400% zoom and scrolls within itself', async function () {
    skipIn(this, 'webkit', NO_NARROW_WINDOW);
    await setViewport({ width: 320, height: 180 });
    const { dialog } = await openPreferences();
    const box = dialog.getBoundingClientRect();
    expect(box.left).to.be.at.least(0);
    expect(box.right).to.be.at.most(320);
    expect(box.bottom).to.be.at.most(180);
    expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
    expect(dialog.scrollHeight).to.be.greaterThan(dialog.clientHeight);
  });

  it('closes on closePreferences() (the API\'s choices use it)', async () => {
    const { element, dialog } = await openPreferences();
    element.closePreferences();
    expect(dialog.open).to.equal(false);
  });
});

describe('<ib-cookie-consent> floating button', () => {
  it('appears once a choice is made, keeps the page\'s bottom free, and opens the preferences', async () => {
    const { element, $, button } = await showBanner();
    element.floatingButton = true;
    await element.updateComplete;
    expect($('.floating') === null, 'floating button shown with the banner').to.equal(true);
    button('accept').click();
    await element.updateComplete;
    await roomReserved();
    const floating = $<HTMLButtonElement>('.floating');
    expect(visibleText(floating)).to.equal('Cookie-instellingen');
    const reserved = innerHeight - floating.getBoundingClientRect().top;
    expect(parseFloat(getComputedStyle(document.body).paddingBottom)).to.be.closeTo(reserved, 1);
    floating.click();
    await nextFrame();
    expect($<HTMLDialogElement>('dialog').open).to.equal(true);
    await expect(element).to.be.accessible();
    element.remove();
    expect(document.body.style.paddingBottom, 'the page keeps the reserved room').to.equal('');
  });
});

describe('<ib-cookie-consent> as a Lit-rendered element', () => {
  it('renders first when connected, once per batch of changes, and keeps rendering after a failure', async () => {
    const element = document.createElement('ib-cookie-consent');
    expect(element.shadowRoot, 'shadow root before connection').to.equal(null);
    element.copy = config.copy;
    element.bannerOpen = true;
    expect(await element.updateComplete).to.equal(true);
    document.body.append(element);
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('section')).to.not.equal(null);
    const console = captureConsole();
    // The banner reads its copy: without any, the render throws.
    element.copy = null as never;
    await element.updateComplete;
    console.restore();
    expect(console.errors.join()).to.contain('Render failed');
    element.copy = config.copy;
    element.bannerOpen = false;
    await element.updateComplete;
    expect(element.shadowRoot!.querySelector('section') === null, 'the banner after a failed render').to.equal(true);
    element.remove();
  });

  it('mirrors the floating-button attribute into its property', async () => {
    const element = await fixture<IbCookieConsent>(html`<ib-cookie-consent floating-button></ib-cookie-consent>`);
    expect(element.floatingButton).to.equal(true);
    element.removeAttribute('floating-button');
    expect(element.floatingButton).to.equal(false);
  });
});

describe('<ib-cookie-consent> builds the dialog only when asked', () => {
  it('has no dialog in its shadow root until showPreferences(), then keeps it', async () => {
    const banner = await showBanner();
    expect(banner.dialog, 'no dialog before it is asked for').to.equal(null);
    await banner.element.showPreferences();
    expect(banner.dialog.open).to.equal(true);
    banner.element.closePreferences();
    await banner.element.updateComplete;
    expect(banner.dialog, 'kept once built').to.exist;
  });
});

describe('<ib-cookie-consent> where a choice is made', () => {
  it('reports a choice in the banner as "banner" and one in the dialog as "preferences"', async () => {
    const banner = await showBanner();
    const { element, button } = banner;
    const sources: string[] = [];
    element.choose = (_categories, source) => void sources.push(source);
    button('reject').click();
    await element.showPreferences();
    expect(banner.dialog.open).to.equal(true);
    button('save', 'dialog').click();
    expect(sources).to.deep.equal(['banner', 'preferences']);
  });
});

describe('<ib-cookie-consent> and the browser\'s privacy signal', () => {
  const sentence = 'Uw browser vraagt via Global Privacy Control om niet gevolgd te worden';

  it('says in the banner and the dialog that Global Privacy Control is honoured, and stays accessible', async () => {
    const banner = await showBanner({ privacySignal: true });
    expect(visibleText(banner.$('section'))).to.contain(sentence);
    await banner.element.showPreferences();
    expect(visibleText(banner.dialog)).to.contain(sentence);
    await expect(banner.element).to.be.accessible();
    banner.element.closePreferences();
  });

  it('shows no such sentence without the signal', async () => {
    const banner = await showBanner();
    await banner.element.showPreferences();
    expect(banner.root.textContent).not.to.contain('Global Privacy Control');
    banner.element.closePreferences();
  });
});
