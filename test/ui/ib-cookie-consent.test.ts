import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { resolveOptions } from '../../src/options.js';
import { IbCookieConsent } from '../../src/ui/ib-cookie-consent.js';
import { captureConsole } from '../helpers.js';

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
  return { element, root, $, button, choices, dialog: $<HTMLDialogElement>('dialog') };
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

describe('<ib-cookie-consent> first layer', () => {
  afterEach(async () => {
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ reducedMotion: 'no-preference', colorScheme: 'light' });
  });

  it('is a region named by its heading, with Dutch copy from the privacy statement', async () => {
    const { $ } = await showBanner();
    const banner = $('section');
    expect(banner.getAttribute('aria-labelledby')).to.equal('title');
    expect(visibleText($('#title'))).to.equal('Cookies op deze website');
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

  it('gives the three buttons the same size and style', async () => {
    const { root } = await showBanner();
    const looks = [...root.querySelectorAll('section button')].map((button) => {
      const style = getComputedStyle(button);
      const { height } = button.getBoundingClientRect();
      return [style.backgroundColor, style.color, style.fontSize, style.fontWeight, style.borderColor, height].join();
    });
    expect(new Set(looks).size).to.equal(1);
  });

  it('reports accept all with every category, and hides', async () => {
    const { button, choices, $ } = await showBanner();
    button('accept').click();
    expect(choices).to.deep.equal([['necessary', 'analytics', 'marketing']]);
    await new Promise(requestAnimationFrame);
    expect($('section') === null, 'the banner is still shown').to.equal(true);
  });

  it('reports reject all as no categories', async () => {
    const { button, choices } = await showBanner();
    button('reject').click();
    expect(choices).to.deep.equal([[]]);
  });

  it('is reached by Tab in reading order and does not trap focus', async () => {
    const { element } = await showBanner();
    const before = document.createElement('button');
    before.textContent = 'page';
    element.before(before);
    before.focus();
    const order: string[] = [];
    for (let i = 0; i < 5; i++) {
      await sendKeys({ press: 'Tab' });
      order.push(visibleText(focused(element) as Element) || (focused(element) as Element).tagName);
    }
    before.remove();
    expect(order.slice(0, 4)).to.deep.equal(['Privacyverklaring', 'Alles accepteren', 'Alles weigeren', 'Instellingen']);
    expect(element.shadowRoot!.activeElement === null, 'focus stayed in the banner').to.equal(true);
  });

  it('passes axe in light and dark', async () => {
    await expectAccessibleInBothThemes((await showBanner()).element);
  });

  it('follows the dark colour scheme unless a theme is pinned', async () => {
    const { element, $ } = await showBanner();
    const background = () => getComputedStyle($('section')).backgroundColor;
    const light = background();
    await emulateMedia({ colorScheme: 'dark' });
    expect(background()).not.to.equal(light);
    element.setAttribute('theme', 'light');
    expect(background()).to.equal(light);
  });

  it('keeps focused page content clear of the banner through scroll-padding', async () => {
    const { element, $ } = await showBanner();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const height = $('section').getBoundingClientRect().height;
    expect(parseFloat(document.documentElement.style.scrollPaddingBottom)).to.be.closeTo(height, 1);
    element.bannerOpen = false;
    await element.updateComplete;
    expect(document.documentElement.style.scrollPaddingBottom).to.equal('');
  });

  it('fits 320 px wide without horizontal scrolling, buttons full width', async () => {
    await setViewport({ width: 320, height: 640 });
    const { root, $ } = await showBanner();
    const banner = $('section');
    expect(banner.scrollWidth).to.be.at.most(banner.clientWidth);
    for (const button of root.querySelectorAll('section button')) {
      const box = button.getBoundingClientRect();
      expect(box.left).to.be.at.least(0);
      expect(box.right).to.be.at.most(320);
      expect(box.height).to.be.at.least(24);
    }
  });

  it('at 400% zoom (320x180) covers at most half the viewport and scrolls within itself', async () => {
    await setViewport({ width: 320, height: 180 });
    const { $ } = await showBanner();
    const banner = $('section');
    expect(banner.getBoundingClientRect().height).to.be.at.most(91);
    expect(banner.scrollHeight).to.be.greaterThan(banner.clientHeight);
    expect(getComputedStyle(banner).overflowY).to.equal('auto');
  });

  it('shows a centred box with layout="box"', async () => {
    const { element, $ } = await showBanner();
    element.setAttribute('layout', 'box');
    const box = $('section').getBoundingClientRect();
    expect(box.left + box.width / 2).to.be.closeTo(innerWidth / 2, 1);
    expect(box.top + box.height / 2).to.be.closeTo(innerHeight / 2, 1);
    expect(box.width).to.be.below(innerWidth);
    await expect(element).to.be.accessible();
  });

  it('does not animate when the visitor asks for reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { root } = await showBanner();
    for (const node of [root.querySelector('section')!, ...root.querySelectorAll('section *')]) {
      const style = getComputedStyle(node);
      expect(style.animationName).to.equal('none');
      expect(parseFloat(style.transitionDuration)).to.equal(0);
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
    expect(console.warnings.join()).to.contain('hides the reject button');
  });
});

describe('<ib-cookie-consent> preferences dialog', () => {
  async function openPreferences(setup: Setup = {}) {
    const banner = await showBanner(setup);
    banner.button('settings').focus();
    banner.button('settings').click();
    await new Promise((resolve) => setTimeout(resolve));
    return banner;
  }
  const switches = (root: ShadowRoot) => [...root.querySelectorAll<HTMLInputElement>('dialog input')];

  it('opens as a modal dialog labelled "Cookie-instellingen"', async () => {
    const { dialog, $ } = await openPreferences();
    expect(dialog.open).to.equal(true);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(dialog.getAttribute('aria-modal')).to.equal('true');
    expect(visibleText($(`#${dialog.getAttribute('aria-labelledby')}`))).to.equal('Cookie-instellingen');
  });

  it('says consent can be changed or withdrawn at any time', async () => {
    const { dialog } = await openPreferences();
    expect(visibleText(dialog)).to.contain('wijzigen of intrekken via "Cookie-instellingen"');
  });

  it('has one native checkbox per category, named and described, nothing pre-ticked', async () => {
    const { root } = await openPreferences();
    const inputs = switches(root);
    expect(inputs.map((input) => input.value)).to.deep.equal(['necessary', 'analytics', 'marketing']);
    expect(inputs.map((input) => input.checked)).to.deep.equal([true, false, false]);
    for (const input of inputs) {
      expect(input.type).to.equal('checkbox');
      expect(visibleText(input.closest('label')!)).to.not.equal('');
      expect(root.getElementById(input.getAttribute('aria-describedby')!)).to.not.equal(null);
    }
  });

  it('locks "Noodzakelijk" on and says why', async () => {
    const { root } = await openPreferences();
    const [necessary] = switches(root);
    expect(necessary.disabled).to.equal(true);
    expect(visibleText(necessary.closest('label')!)).to.equal('Noodzakelijk');
    expect(visibleText(root.getElementById(necessary.getAttribute('aria-describedby')!)!)).to.contain('Altijd aan');
  });

  it('lists each category\'s cookies with their lifetime', async () => {
    const { root } = await openPreferences();
    const cookies = (index: number) => visibleText(switches(root)[index].closest('div')!.querySelector('p:last-child')!);
    expect(cookies(0)).to.equal('Cookies: ib_consent · 365 dagen');
    expect(cookies(1)).to.match(/^Cookies: _ga · 2 jaar; _ga_\* · 2 jaar; _gid · 1 dag; /);
    const marketing = switches(root)[2].closest('div')!;
    expect(marketing.querySelectorAll('p').length, 'a cookie line without cookies').to.equal(1);
  });

  it('moves focus to the first switch the visitor can change', async () => {
    const { element } = await openPreferences();
    expect((focused(element) as HTMLInputElement).value).to.equal('analytics');
  });

  it('toggles a switch with Space and saves exactly what is on', async () => {
    const { element, choices, button, dialog } = await openPreferences();
    expect((focused(element) as HTMLInputElement).value).to.equal('analytics');
    await sendKeys({ press: 'Space' });
    button('save', 'dialog').click();
    expect(choices).to.deep.equal([['necessary', 'analytics']]);
    expect(dialog.open).to.equal(false);
  });

  it('closes on Escape without saving and returns focus to "Instellingen"', async () => {
    const { element, choices, dialog, button } = await openPreferences();
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Escape' });
    await new Promise((resolve) => setTimeout(resolve));
    expect(dialog.open).to.equal(false);
    expect(choices).to.deep.equal([]);
    expect(focused(element) === button('settings'), 'focus is not on "Instellingen"').to.equal(true);
  });

  it('shows the stored choice when reopened, not what was toggled before Escape', async () => {
    const { element, root, dialog } = await openPreferences({ granted: ['necessary', 'marketing'] });
    expect(switches(root).map((input) => input.checked)).to.deep.equal([true, false, true]);
    await sendKeys({ press: 'Space' });
    expect(switches(root)[1].checked).to.equal(true);
    await sendKeys({ press: 'Escape' });
    await element.showPreferences();
    expect(dialog.open).to.equal(true);
    expect(switches(root).map((input) => input.checked)).to.deep.equal([true, false, true]);
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

  it('offers save, accept all and reject all', async () => {
    const { dialog } = await openPreferences();
    expect([...dialog.querySelectorAll(':scope > .buttons button')].map(visibleText)).to.deep.equal([
      'Keuze opslaan',
      'Alles accepteren',
      'Alles weigeren',
    ]);
  });

  it('passes axe, light and dark', async () => {
    await expectAccessibleInBothThemes((await openPreferences()).element);
  });

  it('fits 320 px wide at 400% zoom and scrolls within itself', async () => {
    await setViewport({ width: 320, height: 180 });
    const { dialog } = await openPreferences();
    const box = dialog.getBoundingClientRect();
    expect(box.left).to.be.at.least(0);
    expect(box.right).to.be.at.most(320);
    expect(box.bottom).to.be.at.most(180);
    expect(dialog.scrollWidth).to.be.at.most(dialog.clientWidth);
    await setViewport({ width: 800, height: 600 });
  });
});

describe('<ib-cookie-consent> floating button', () => {
  it('appears once a choice is made and opens the preferences', async () => {
    const { element, $, button } = await showBanner();
    element.floatingButton = true;
    await element.updateComplete;
    expect($('.floating') === null, 'floating button shown with the banner').to.equal(true);
    button('accept').click();
    await element.updateComplete;
    const floating = $<HTMLButtonElement>('.floating');
    expect(visibleText(floating)).to.equal('Cookie-instellingen');
    floating.click();
    await new Promise((resolve) => setTimeout(resolve));
    expect($<HTMLDialogElement>('dialog').open).to.equal(true);
    await expect(element).to.be.accessible();
  });
});
