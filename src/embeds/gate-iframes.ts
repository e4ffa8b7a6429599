/**
 * Iframes that wait for consent, written as
 * `<iframe data-consent="marketing" data-src="https://www.youtube-nocookie.com/embed/…" title="…">`.
 * The iframe has no `src`, so it requests nothing; a placeholder stands before it (the iframe is
 * `hidden`) until every category it names is granted, then it loads; when one is withdrawn it is
 * emptied and the placeholder returns. "Alleen deze video laden" loads one embed for this page
 * view and stores nothing.
 *
 * Works through the widget's public API alone (`window.ibConsent` and its events on `document`),
 * so it runs whether it loads before or after ib-cookie-consent.js, and follows iframes that a
 * single-page app adds later. Grants are read from `ibConsent.has()`, never from an event's
 * detail: any script can dispatch an event named `ib-consent-change`.
 */
import type { ConsentChange } from '../core/consent.js';
import { report } from '../core/log.js';
import { runningApi } from '../running-api.js';
import type { ConsentApi } from '../start.js';
import { createPlaceholder } from './placeholder.js';
import { embedUrl, serviceOf } from './service.js';
import { sizeClass } from './styles.js';

const GATED = 'iframe[data-consent]';

/** One gated iframe and what the add-on keeps about it. */
interface Embed {
  iframe: HTMLIFrameElement;
  /** The checked `data-src`: https: or relative. */
  url: string;
  categories: string[];
  placeholder: HTMLElement;
  /** Loaded by "Alleen deze video laden": stays for this page view unless its category is withdrawn. */
  once: boolean;
  /** Whether the page itself had the iframe `hidden`; given back when it loads. */
  ownHidden: HTMLElement['hidden'];
}

/** Runs a reaction of the add-on; a failure is reported, never thrown into the page. */
function guarded(run: () => void): void {
  try {
    run();
  } catch (error) {
    report(`Embeds: ${error}`);
  }
}

export function gateIframes(privacyUrl: string | null): void {
  /** Every gated iframe met so far; `null` for one that never loads (no or unsafe `data-src`). */
  const embeds = new WeakMap<HTMLIFrameElement, Embed | null>();
  /** Embeds whose placeholder is in the page, to take it out when a single-page app removes the iframe. */
  const placed = new Set<Embed>();
  let api = runningApi();
  /** Grants asked for before the widget started, made once it has. */
  const waitingForApi: ((api: ConsentApi) => void)[] = [];

  const granted = (embed: Embed) => !!api && embed.categories.every((id) => api!.has(id));

  /** Loads or empties one embed, and puts its placeholder in or out, as consent and "once" say. */
  const show = (embed: Embed) => {
    const { iframe, placeholder, url } = embed;
    if (embed.once || granted(embed)) {
      if (iframe.getAttribute('src') !== url) iframe.src = url;
      iframe.hidden = embed.ownHidden;
      if (placed.delete(embed)) placeholder.remove();
    } else {
      iframe.removeAttribute('src');
      iframe.hidden = true;
      // Only when needed: moving the placeholder is a mutation, which would call sync() again.
      if (iframe.previousSibling !== placeholder) iframe.before(placeholder);
      placed.add(embed);
    }
  };

  const create = (iframe: HTMLIFrameElement): Embed | null => {
    const raw = iframe.dataset.src;
    const url = embedUrl(raw);
    const categories = iframe.dataset.consent!.trim().split(/\s+/).filter(Boolean);
    if (raw == null) {
      report(`<iframe data-consent> without data-src never waits: put its URL in data-src, not src.`, 'warn');
      return null;
    }
    if (!url || !categories.length) {
      report(`Embed never loaded: data-src "${raw}" must be https: or relative, data-consent a category.`);
      return null;
    }
    const { region, accept, once } = createPlaceholder({
      service: serviceOf(url, iframe.dataset.service),
      categories,
      categoryLabel: iframe.dataset.categoryLabel,
      title: iframe.title,
      privacyUrl,
    });
    const size = sizeClass(iframe);
    if (size) region.classList.add(size);
    const embed: Embed = { iframe, url, categories, placeholder: region, once: false, ownHidden: iframe.hidden };
    /** After a button press the embed that loaded takes focus: the button is gone with its placeholder. */
    const focusLoaded = () => {
      if (!region.isConnected) iframe.focus();
    };
    accept.addEventListener('click', () =>
      guarded(() => {
        const grant = (api: ConsentApi) => {
          api.accept([...(api.get()?.categories ?? []), ...categories]);
          sync();
          const unknown = categories.filter((id) => !api.has(id));
          if (unknown.length) report(`data-consent "${unknown}" is no category of the widget: only "Alleen deze … laden" loads it.`, 'warn');
          focusLoaded();
        };
        if (api) return grant(api);
        report('Consent waits for ib-cookie-consent.js, which has not started yet.', 'warn');
        waitingForApi.push(grant);
      }),
    );
    once.addEventListener('click', () =>
      guarded(() => {
        embed.once = true;
        show(embed);
        focusLoaded();
      }),
    );
    return embed;
  };

  /** Brings every gated iframe in the page in line with consent; `revoked` ends "once" loads of those categories. */
  const sync = (revoked: readonly unknown[] = []) => {
    api ??= runningApi();
    for (const embed of placed) {
      if (embed.iframe.isConnected) continue;
      embed.placeholder.remove();
      placed.delete(embed);
    }
    for (const iframe of document.querySelectorAll<HTMLIFrameElement>(GATED)) {
      let embed = embeds.get(iframe);
      if (embed === undefined) embeds.set(iframe, (embed = create(iframe)));
      if (!embed) continue;
      if (embed.categories.some((id) => revoked.includes(id))) embed.once = false;
      show(embed);
    }
  };

  document.addEventListener('ib-consent-ready', () =>
    guarded(() => {
      api = runningApi();
      if (api) for (const grant of waitingForApi.splice(0)) grant(api);
      sync();
    }),
  );
  document.addEventListener('ib-consent-change', (event: CustomEvent<Partial<ConsentChange> | null>) =>
    guarded(() => {
      const revoked = event.detail?.revoked;
      sync(Array.isArray(revoked) ? revoked : []);
    }),
  );
  // Iframes the parser or a single-page app adds later, and a <body> replaced whole.
  new MutationObserver(() => guarded(sync)).observe(document, { childList: true, subtree: true });
  sync();
}
