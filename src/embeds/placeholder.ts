/**
 * The placeholder a visitor sees where an embed waits for consent: plain light DOM with
 * `ib-embed-…` class names, so the page styles it like its own content.
 */
import type { EmbedService } from './service.js';

/** The Dutch names of the built-in categories, as the placeholder's sentence uses them. */
const CATEGORY_LABELS: Record<string, string> = {
  analytics: 'analytische cookies',
  marketing: 'marketingcookies',
};

export interface PlaceholderContent {
  service: EmbedService;
  /** The categories the embed waits for. */
  categories: string[];
  /** The iframe's `data-category-label`, which names the categories instead. */
  categoryLabel?: string;
  /** The iframe's title, which tells several placeholders apart. */
  title?: string;
  privacyUrl?: string | null;
}

/** The placeholder's two actions, for the code that wires them. */
export interface Placeholder {
  region: HTMLElement;
  accept: HTMLButtonElement;
  once: HTMLButtonElement;
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text = ''): HTMLElementTagNameMap[K] {
  const created = document.createElement(tag);
  created.className = className;
  created.textContent = text;
  return created;
}

function button(className: string, text: string): HTMLButtonElement {
  const created = element('button', `ib-embed-button ${className}`, text);
  created.type = 'button';
  return created;
}

/**
 * Builds the placeholder: a labelled region (a screen-reader user can find every waiting embed)
 * that names the service and the cookies it needs, a button that grants them, one that loads
 * only this embed, and the privacy statement when the page gives one.
 */
export function createPlaceholder({ service, categories, categoryLabel, title, privacyUrl }: PlaceholderContent): Placeholder {
  const label = categoryLabel?.trim() || categories.map((id) => CATEGORY_LABELS[id] ?? id).join(' en ');
  const thing = service.video ? 'video' : 'inhoud';
  const region = element('div', 'ib-embed');
  region.setAttribute('role', 'region');
  region.setAttribute('aria-label', `${service.video ? 'Video' : 'Inhoud'} van ${service.name}${title ? `: ${title}` : ''}`);
  const accept = button('ib-embed-accept', `${label[0]!.toUpperCase()}${label.slice(1)} toestaan`);
  const once = button('ib-embed-once', `Alleen deze ${thing} laden`);
  const actions = element('div', 'ib-embed-actions');
  actions.append(accept, once);
  region.append(
    element('p', 'ib-embed-text', `Deze ${thing} van ${service.name} wordt pas geladen als u ${label} toestaat, want ${service.name} plaatst cookies.`),
    actions,
  );
  if (privacyUrl) {
    const link = element('a', 'ib-embed-link', 'Privacyverklaring');
    link.href = privacyUrl;
    region.append(link);
  }
  return { region, accept, once };
}
