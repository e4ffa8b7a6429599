import { html, nothing } from 'lit-html';
import { report } from '../core/log.js';
import { NECESSARY } from '../core/record.js';
import type { ConsentSource } from '../core/record.js';
import { dutch } from '../copy.js';
import type { Copy } from '../copy.js';
import type { Category } from '../options.js';
import { focusPageStart, reservePageBottom } from './page.js';
import { RenderElement } from './render-element.js';
import { styleText } from './styles.js';

/** The choice buttons; each is named by the copy of the same key and styled through `::part(<name>)`. */
type ChoiceButton = 'accept' | 'reject' | 'save';

// The comment below is the source of dist/custom-elements.json (test/e2e/manifest.test.mjs checks
// it against the built element); terser strips it from the built file.
/**
 * The cookie banner (first layer) and the preferences dialog. It shows the choices and reports
 * the visitor's through `choose`; it never reads or writes cookies itself. The script tag (or
 * `start()`) defines it, puts one first in `<body>` and sets its properties; a page's own element
 * may set only the attributes below.
 *
 * @tag ib-cookie-consent
 * @summary Dutch cookie banner and preferences dialog for inforbusiness.com.
 *
 * @attr {'light' | 'dark'} theme - pins the colour scheme; by default it follows `prefers-color-scheme`.
 * @attr {boolean} floating-button - shows a small "Cookie-instellingen" button once a choice is made.
 * @attr {string} lang - the language of the copy, read when the widget starts (default: the page's `<html lang>`); set to the language shown.
 *
 * @fires {CustomEvent<ConsentChange>} ib-consent-change - a choice was made or withdrawn; `detail` is `{ record, granted, revoked }`. Bubbles and is composed: `document` and `window` hear it too.
 * @fires {CustomEvent<{ record: ConsentRecord | null }>} ib-consent-ready - the stored choice has been read; `detail` is `{ record }`. Bubbles and is composed.
 *
 * @csspart banner - the first-layer region.
 * @csspart dialog - the preferences dialog.
 * @csspart button - every button; each also has its own part below.
 * @csspart accept - the "Alles accepteren" buttons (banner and dialog).
 * @csspart reject - the "Alles weigeren" buttons (banner and dialog); keep it as visible as accept.
 * @csspart settings - the banner's "Instellingen" button.
 * @csspart save - the dialog's "Keuze opslaan" button.
 * @csspart close - the dialog's "Sluiten" button.
 * @csspart floating - the floating "Cookie-instellingen" button.
 * @csspart switch - each category's on/off switch (a native checkbox with `role="switch"`).
 * @csspart link - the link to the privacy statement.
 * @csspart cookies - each category's table of cookies.
 *
 * @cssprop {<color>} [--ib-consent-accent=light-dark(#0b57a4, #9ccaff)] - button and switch colour.
 * @cssprop {<color>} [--ib-consent-on-accent=light-dark(#fff, #0b1b2c)] - text on the accent colour.
 * @cssprop {<color>} [--ib-consent-background=light-dark(#fff, #1b1e23)] - banner and dialog background.
 * @cssprop {<color>} [--ib-consent-color=light-dark(#1b1e23, #eef0f3)] - text colour.
 * @cssprop {*} [--ib-consent-font=1rem/1.5 system-ui, sans-serif] - the `font` shorthand.
 * @cssprop {<length>} [--ib-consent-radius=0.5rem] - corner radius.
 */
export class IbCookieConsent extends RenderElement {
  static override styles = styleText;
  static override properties = ['floatingButton', 'bannerOpen', 'categories', 'granted', 'copy', 'privacyUrl', 'status'];
  static override attributes = { 'floating-button': 'floatingButton' };

  /** Shows the floating "Cookie-instellingen" button once the banner is gone. */
  declare floatingButton: boolean;
  /** Whether the first layer is shown. */
  declare bannerOpen: boolean;
  /** The categories to offer, in order. */
  declare categories: Category[];
  /** Ids of the categories granted now; the switches show these when the dialog opens. */
  declare granted: string[];
  declare copy: Copy;
  declare privacyUrl?: string;
  /** What the polite live region says; set after a choice made here. */
  declare status: string;
  /**
   * Whether the browser sends Global Privacy Control: the banner and dialog say it is honoured.
   * Set once, before the first render, like the browser's signal itself: not reactive.
   */
  declare privacySignal?: boolean;
  /** Called with the ids the visitor granted, and where, when they make a choice. */
  choose: (categories: string[], source: ConsentSource) => void = () => {};

  /** The element that had focus when the dialog opened, to give focus back on close. */
  #trigger?: HTMLElement | null;
  /**
   * Whether the dialog is in the shadow root: only once asked for. Most page views never open it,
   * and building it (every category's switch and cookie table) cost a returning visitor, who sees
   * nothing, 2-3.5x vanilla-cookieconsent's main-thread time (npm run bench).
   */
  #dialogWanted = false;
  /** The fixed element at the bottom (banner or floating button) whose height the page keeps free. */
  #covering: Element | null = null;
  #resizes?: ResizeObserver;

  constructor() {
    super();
    this.bannerOpen = this.floatingButton = false;
    this.categories = [];
    this.granted = [];
    this.copy = dutch;
    this.status = '';
  }

  /** Shows the first layer. */
  showBanner(): void {
    this.bannerOpen = true;
    this.status = '';
  }

  /**
   * Opens the preferences dialog, showing the stored choice; focus returns to `trigger` on close.
   * @param {HTMLElement | null} [trigger] - by default the element that has focus now.
   */
  async showPreferences(trigger = document.activeElement as HTMLElement | null): Promise<void> {
    this.#trigger = trigger;
    this.status = '';
    this.#dialogWanted = true;
    this.requestUpdate();
    await this.updateComplete;
    const dialog = this.#dialog();
    // No showModal before Firefox 98: below the browser range the banner's own buttons still work.
    if (!dialog?.showModal || dialog.open || !this.isConnected) return;
    // The switches show the stored choice, not what was toggled before an earlier Escape.
    for (const input of this.#switches()) input.checked = this.granted.includes(input.value);
    dialog.showModal();
  }

  /** Closes the preferences dialog without saving, as Escape and "Sluiten" do. */
  closePreferences(): void {
    this.#dialog()?.close();
  }

  disconnectedCallback(): void {
    this.#watchCovering(null);
  }

  /** Focus goes back to the button that opened the dialog (in the shadow root, which activeElement does not see). */
  #openFromButton = (event: Event) => this.showPreferences(event.currentTarget as HTMLElement);
  #dialog = () => this.renderRoot?.querySelector('dialog');
  #switches = () => this.renderRoot!.querySelectorAll('input');

  #choose(button: ChoiceButton) {
    const fromBanner = !this.#dialog()?.open;
    this.closePreferences();
    this.choose(
      button === 'accept'
        ? this.categories.map(({ id }) => id)
        : button === 'save'
          ? [...this.#switches()].filter(({ checked }) => checked).map(({ value }) => value)
          : [],
      fromBanner ? 'banner' : 'preferences',
    );
    // Hidden at once, also when the choice repeats an earlier one (then nothing changes in the store).
    this.bannerOpen = false;
    this.status = this.copy.saved;
    // The banner that held focus is gone: continue where a keyboard user would read next.
    if (fromBanner) focusPageStart();
  }

  /** Focus goes back where it came from, or, when that is gone (the banner), to the page's start. */
  #restoreFocus() {
    const trigger = this.#trigger;
    // A trigger that is gone (the banner's button) or hidden has no boxes.
    if (trigger !== document.body && trigger?.getClientRects().length) trigger.focus();
    else focusPageStart();
  }

  #button(name: ChoiceButton) {
    return html`<button part="button ${name}" @click=${() => this.#choose(name)}>${this.copy[name]}</button>`;
  }

  protected render() {
    const { copy, privacyUrl } = this;
    const signal = this.privacySignal ? html`<p>${copy.privacySignal}</p>` : nothing;
    return html`
      ${this.bannerOpen
        ? html`<section part="banner" aria-labelledby="t">
            <div class="text">
              <h2 id="t">${copy.title}</h2>
              <p>
                ${copy.intro} ${privacyUrl ? html`<a part="link" href=${privacyUrl}>${copy.privacyLink}</a>` : nothing}
              </p>
              ${signal}
            </div>
            <div class="buttons">
              ${this.#button('accept')}${this.#button('reject')}
              <button part="button settings" class="secondary" @click=${this.#openFromButton}>${copy.settings}</button>
            </div>
          </section>`
        : nothing}
      ${this.#dialogWanted ? html`<dialog part="dialog" aria-labelledby="p" aria-describedby="pi" @close=${() => this.#restoreFocus()}>
        <header>
          <h2 id="p">${copy.preferences}</h2>
          <button part="button close" class="secondary" @click=${() => this.closePreferences()}>${copy.close}</button>
        </header>
        <div class="body">
          <p id="pi">${copy.preferencesIntro}</p>
          ${signal}
          ${this.categories.map(
            ({ id, label, description, cookies }, index) => html`
              <div class="category">
                ${id === NECESSARY
                  ? html`<h3>${label}</h3><strong>${copy.alwaysOn}</strong>`
                  : html`<h3><label for="s-${id}">${label}</label></h3>
                      <input id="s-${id}" type="checkbox" role="switch" part="switch" value=${id} aria-describedby="a-${id}"
                        ?autofocus=${index === 1 /* necessary comes first and has no switch */} />`}
                <p id="a-${id}">${description}</p>
                ${cookies.length
                  ? html`<details>
                      <summary>${copy.cookies} (${cookies.length})</summary>
                      <table part="cookies">
                        <tr><th>${copy.cookieName}</th><th>${copy.cookiePurpose}</th><th>${copy.cookieLifetime}</th></tr>
                        ${cookies.map(({ name, purpose, lifetime }) => html`<tr><td>${name}</td><td>${purpose}</td><td>${lifetime}</td></tr>`)}
                      </table>
                    </details>`
                  : nothing}
              </div>
            `,
          )}
        </div>
        <footer class="buttons">${this.#button('save')}${this.#button('accept')}${this.#button('reject')}</footer>
      </dialog>` : nothing}
      ${this.floatingButton && !this.bannerOpen
        ? html`<button part="button floating" class="floating" @click=${this.#openFromButton}>${copy.preferences}</button>`
        : nothing}
      <div role="status" class="hidden-text">${this.status}</div>
    `;
  }

  protected override updated(): void {
    const banner = this.renderRoot!.querySelector('section');
    this.#watchCovering(banner ?? this.renderRoot!.querySelector('[part~=floating]'));
    const reject = banner?.querySelector('[part~=reject]');
    // checkVisibility is missing before Safari 17.4; without it the check is skipped, not the banner.
    if (reject?.checkVisibility?.({ visibilityProperty: true }) === false) {
      report('CSS hides reject: refusing must be as easy as accepting.', 'warn');
    }
  }

  /** Keeps the page's bottom free of the fixed banner or floating button, following its size. */
  #watchCovering(covering: Element | null) {
    if (covering === this.#covering) return;
    this.#covering = covering;
    this.#resizes?.disconnect();
    if (!covering) return reservePageBottom(0);
    // Called once at once, then on every resize (viewport, zoom, text size). The padding is set in
    // the next frame: set at once, the scroll bar it can bring narrows the banner again within the
    // same frame, which Firefox reports as a ResizeObserver loop error on the page.
    this.#resizes = new ResizeObserver(() =>
      requestAnimationFrame(() => {
        if (covering !== this.#covering) return;
        const { top, height } = covering.getBoundingClientRect();
        // A banner hidden by the page's CSS covers nothing.
        reservePageBottom(height && innerHeight - top);
      }),
    );
    this.#resizes.observe(covering);
  }
}
