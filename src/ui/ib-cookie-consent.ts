import { ReactiveElement } from '@lit/reactive-element';
import { html, nothing, render } from 'lit-html';
import { report } from '../core/log.js';
import { NECESSARY } from '../core/record.js';
import type { Category } from '../options.js';
import { languages } from './copy.js';
import type { Copy } from './copy.js';
import { styleText } from './styles.js';

/** The buttons; each is named by the copy of the same key and styled through `::part(<name>)`. */
type ButtonName = 'accept' | 'reject' | 'settings' | 'save';

/**
 * @tag ib-cookie-consent
 * @summary Dutch cookie banner and preferences dialog for inforbusiness.com.
 *
 * The cookie banner (first layer) and the preferences dialog. It shows the choices and reports
 * the visitor's through `choose`; it never reads or writes cookies itself.
 *
 * @attr layout - `bar` (default: bottom bar, a bottom sheet on narrow screens) or `box` (centred box).
 * @attr theme - `light` or `dark`; by default it follows `prefers-color-scheme`.
 * @attr floating-button - shows a small "Cookie-instellingen" button once a choice is made.
 *
 * @event ib-consent-change - a choice was made or withdrawn; `detail` is `{ record, granted, revoked }`.
 * @event ib-consent-ready - the stored choice has been read; `detail` is `{ record }`.
 *
 * @csspart banner - the first-layer region.
 * @csspart dialog - the preferences dialog.
 * @csspart button - every button; each also has its own part: `accept`, `reject`, `settings`, `save`, `floating`.
 * @csspart switch - each category's checkbox (named for what it does: it switches a category on or off).
 * @csspart link - the link to the privacy statement.
 *
 * @cssproperty --ib-consent-accent - button and checkbox colour.
 * @cssproperty --ib-consent-on-accent - text on the accent colour.
 * @cssproperty --ib-consent-background - banner and dialog background.
 * @cssproperty --ib-consent-color - text colour.
 * @cssproperty --ib-consent-font - the font shorthand.
 * @cssproperty --ib-consent-radius - corner radius.
 */
export class IbCookieConsent extends ReactiveElement {
  /**
   * A constructed sheet, which Lit adopts as it is (CSP-safe, no <style>): Lit's css`` tag would
   * add bytes every visitor downloads. Built on first use, so importing the module in Node works.
   */
  static override get styles() {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(styleText);
    return sheet;
  }
  static override properties = {
    floatingButton: { type: Boolean, attribute: 'floating-button' },
    bannerOpen: { state: true },
    categories: { attribute: false },
    granted: { attribute: false },
    copy: { attribute: false },
    privacyUrl: { attribute: false },
  };

  /** Shows the floating "Cookie-instellingen" button once the banner is gone. */
  declare floatingButton: boolean;
  /** Whether the first layer is shown. */
  declare bannerOpen: boolean;
  /** The categories to offer, in order. */
  declare categories: Category[];
  /** Ids of the categories granted now; the checkboxes show these when the dialog opens. */
  declare granted: string[];
  declare copy: Copy;
  declare privacyUrl?: string;
  /** Called with the ids the visitor granted when they make a choice. */
  choose: (categories: string[]) => void = () => {};

  /** The element that had focus when the dialog opened, to give focus back on close. */
  #trigger?: HTMLElement;

  constructor() {
    super();
    this.bannerOpen = this.floatingButton = false;
    this.categories = [];
    this.granted = [];
    this.copy = languages.nl;
  }

  /** Shows the first layer. */
  showBanner(): void {
    this.bannerOpen = true;
  }

  /** Opens the preferences dialog, showing the stored choice; focus returns to `trigger` on close. */
  async showPreferences(trigger = deepActiveElement()): Promise<void> {
    this.#trigger = trigger;
    await this.updateComplete;
    // The checkboxes show the stored choice, not what was toggled before an earlier Escape.
    for (const input of this.#checkboxes()) input.checked = input.disabled || this.granted.includes(input.value);
    const dialog = this.#dialog();
    if (!dialog.open) dialog.showModal();
  }

  #dialog = () => this.renderRoot.querySelector('dialog')!;
  #checkboxes = () => this.renderRoot.querySelectorAll('input');

  #press(button: ButtonName) {
    if (button === 'settings') return void this.showPreferences();
    this.#dialog().close();
    this.choose(
      button === 'accept'
        ? this.categories.map(({ id }) => id)
        : button === 'save'
          ? [...this.#checkboxes()].filter(({ checked }) => checked).map(({ value }) => value)
          : [],
    );
  }

  #buttons(...buttons: ButtonName[]) {
    return html`<div class="buttons">
      ${buttons.map((name) => html`<button part="button ${name}" @click=${() => this.#press(name)}>${this.copy[name]}</button>`)}
    </div>`;
  }

  /**
   * Lit's reactive update, rendered with lit-html: what LitElement does, without the parts
   * (renderBefore, async-directive connection) this element never uses, which every visitor
   * would otherwise download.
   */
  protected override update(changed: Map<PropertyKey, unknown>): void {
    super.update(changed);
    render(this.render(), this.renderRoot as ShadowRoot, { host: this });
  }

  render() {
    const { copy, privacyUrl } = this;
    return html`
      ${this.bannerOpen
        ? html`<section part="banner" aria-labelledby="title">
            <div>
              <h2 id="title">${copy.title}</h2>
              <p>
                ${copy.intro}
                ${privacyUrl ? html`<a part="link" href=${privacyUrl}>${copy.privacyLink}</a>` : nothing}
              </p>
            </div>
            ${this.#buttons('accept', 'reject', 'settings')}
          </section>`
        : nothing}
      <dialog part="dialog" aria-modal="true" aria-labelledby="preferences" @close=${() => this.#trigger?.focus()}>
        <h2 id="preferences">${copy.preferences}</h2>
        <p>${copy.preferencesIntro}</p>
        ${this.categories.map(
          ({ id, label, description, cookies }) => html`
            <div>
              <label>
                <input type="checkbox" part="switch" value=${id} aria-describedby="about-${id}"
                  ?disabled=${id === NECESSARY} />
                ${label}
              </label>
              <p id="about-${id}">${description}</p>
              ${cookies.length
                ? html`<p>
                    ${copy.cookies}:
                    ${cookies.map(({ name, purpose, lifetime }) => [name, purpose, lifetime].filter(Boolean).join(' · ')).join('; ')}
                  </p>`
                : nothing}
            </div>
          `,
        )}
        ${this.#buttons('save', 'accept', 'reject')}
      </dialog>
      ${this.floatingButton && !this.bannerOpen
        ? html`<button part="button floating" class="floating" @click=${() => this.#press('settings')}>${copy.preferences}</button>`
        : nothing}
    `;
  }

  override updated(): void {
    const banner = this.renderRoot.querySelector('section');
    // Keeps the page's focused elements from hiding behind the banner (WCAG 2.4.11).
    document.documentElement.style.scrollPaddingBottom = banner ? `${banner.offsetHeight}px` : '';
    if (banner && !banner.querySelector('[part~=reject]')!.checkVisibility({ visibilityProperty: true })) {
      report('warn', 'CSS hides the reject button; refusing must be as easy as accepting.');
    }
  }
}

/** The focused element, looking inside shadow roots: `document.activeElement` stops at a host. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return (active as HTMLElement | null) ?? undefined;
}
