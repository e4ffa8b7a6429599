import { LitElement, html, nothing } from 'lit';
import { report } from '../core/log.js';
import type { Category } from '../options.js';
import { languages } from './copy.js';
import type { Copy } from './copy.js';
import { styles } from './styles.js';

/**
 * The cookie banner (first layer) and the preferences dialog. It shows choices and reports them
 * through `choose`; it never reads or writes cookies itself.
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
 * @csspart button - every button; also `accept`, `reject`, `settings`, `save`, `floating`.
 * @csspart switch - each category's switch.
 * @csspart link - the link to the privacy statement.
 *
 * @cssproperty --ib-consent-accent - button and switch colour.
 * @cssproperty --ib-consent-on-accent - text on the accent colour.
 * @cssproperty --ib-consent-background - banner and dialog background.
 * @cssproperty --ib-consent-color - text colour.
 * @cssproperty --ib-consent-font - the font shorthand.
 * @cssproperty --ib-consent-radius - corner radius.
 */
export class IbCookieConsent extends LitElement {
  static override styles = styles;
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
  /** Ids of the categories granted now; the switches show these when the dialog opens. */
  declare granted: string[];
  declare copy: Copy;
  declare privacyUrl?: string;
  /** Called with the ids the visitor granted when a choice is made. */
  choose: (categories: string[]) => void = () => {};

  /** The element that had focus when the dialog opened, to get it back on close. */
  #trigger?: HTMLElement;
  #bannerSize = new ResizeObserver(([entry]) => {
    // Keeps the page's focused elements from hiding behind the banner (WCAG 2.4.11).
    document.documentElement.style.scrollPaddingBottom = `${entry.target.getBoundingClientRect().height}px`;
  });

  constructor() {
    super();
    this.bannerOpen = false;
    this.floatingButton = false;
    this.categories = [];
    this.granted = [];
    const { categories: _, ...copy } = languages.nl;
    this.copy = copy;
  }

  /** Shows the first layer. */
  showBanner(): void {
    this.bannerOpen = true;
  }

  /** Opens the preferences dialog, showing the stored choice; focus returns to `trigger` on close. */
  async showPreferences(trigger = deepActiveElement()): Promise<void> {
    this.#trigger = trigger;
    await this.updateComplete;
    // The switches show the stored choice, not what was toggled before an earlier Escape.
    for (const input of this.renderRoot.querySelectorAll('input')) {
      input.checked = input.disabled || this.granted.includes(input.value);
    }
    const dialog = this.#dialog!;
    if (!dialog.open) dialog.showModal();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unobserveBanner();
  }

  get #dialog() {
    return this.renderRoot.querySelector('dialog');
  }

  #choose(categories: string[]) {
    this.#dialog?.close();
    this.choose(categories);
  }

  #all = () => this.#choose(this.categories.map(({ id }) => id));
  #none = () => this.#choose([]);
  #save = () =>
    this.#choose([...this.renderRoot.querySelectorAll<HTMLInputElement>('input:checked')].map(({ value }) => value));
  #openPreferences = () => this.showPreferences();
  #restoreFocus = () => {
    this.#trigger?.focus();
    this.#trigger = undefined;
  };

  #buttons(buttons: [keyof Copy, string, () => void][]) {
    return html`<div class="buttons">
      ${buttons.map(([text, part, action]) => html`<button part="button ${part}" @click=${action}>${this.copy[text]}</button>`)}
    </div>`;
  }

  override render() {
    const { copy, privacyUrl } = this;
    return html`
      <section part="banner" aria-labelledby="title" ?hidden=${!this.bannerOpen}>
        <div>
          <h2 id="title">${copy.title}</h2>
          <p>
            ${copy.intro}
            ${privacyUrl ? html`<a part="link" href=${privacyUrl}>${copy.privacyLink}</a>` : nothing}
          </p>
        </div>
        ${this.#buttons([
          ['acceptAll', 'accept', this.#all],
          ['rejectAll', 'reject', this.#none],
          ['settings', 'settings', this.#openPreferences],
        ])}
      </section>
      <dialog part="dialog" aria-modal="true" aria-labelledby="preferences" @close=${this.#restoreFocus}>
        <h2 id="preferences">${copy.preferences}</h2>
        <p>${copy.preferencesIntro}</p>
        ${this.categories.map((category) => this.#category(category))}
        ${this.#buttons([
          ['save', 'save', this.#save],
          ['acceptAll', 'accept', this.#all],
          ['rejectAll', 'reject', this.#none],
        ])}
      </dialog>
      ${this.floatingButton && !this.bannerOpen
        ? html`<button part="button floating" class="floating" @click=${this.#openPreferences}>${copy.preferences}</button>`
        : nothing}
    `;
  }

  #category({ id, label, description, cookies }: Category) {
    const locked = id === 'necessary';
    return html`
      <div class="category">
        <label>
          <input type="checkbox" role="switch" part="switch" value=${id} aria-describedby="about-${id}"
            ?disabled=${locked} />
          ${label}
        </label>
        <p id="about-${id}">${description} ${locked ? this.copy.alwaysOn : nothing}</p>
        ${cookies.length
          ? html`<details>
              <summary>${this.copy.cookies}</summary>
              <ul>
                ${cookies.map(({ name, purpose, lifetime }) =>
                  html`<li><code>${name}</code> ${[purpose, lifetime].filter(Boolean).join(' · ')}</li>`)}
              </ul>
            </details>`
          : nothing}
      </div>
    `;
  }

  override updated(): void {
    const banner = this.renderRoot.querySelector('section')!;
    if (!this.bannerOpen) return this.#unobserveBanner();
    this.#bannerSize.observe(banner);
    const reject = banner.querySelector('[part~=reject]')!;
    if (!reject.checkVisibility({ visibilityProperty: true })) {
      report('warn', 'The reject button is hidden by CSS; refusing must be as easy as accepting.');
    }
  }

  #unobserveBanner() {
    this.#bannerSize.disconnect();
    document.documentElement.style.removeProperty('scroll-padding-bottom');
  }
}

/** The focused element, looking inside shadow roots: `document.activeElement` stops at a host. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return (active as HTMLElement | null) ?? undefined;
}
