/**
 * What the Tag Manager add-on does with consent: tells Google's tags about the stored choice and
 * every change (a Consent Mode `update`, then the data-layer event `ib_consent_update`), and
 * loads the container once its category is granted.
 *
 * Works through the widget's public API alone (`window.ibConsent` and its events on `document`),
 * so it runs whether it loads before or after ib-cookie-consent.js. Grants are read from
 * `ibConsent.has()`, never from an event's detail: any script can dispatch an event of that name.
 */
import { report } from '../core/log.js';
import { consentSignals } from '../gate/consent-mode.js';
import { gtag, pushToDataLayer } from '../gate/data-layer.js';
import { scriptCreator } from '../gate/trusted-types.js';
import { runningApi } from '../running-api.js';

/**
 * The container's script element, through the add-on's own Trusted Types policy: the widget's is
 * taken, and a site's CSP names the add-on's (`trusted-types … ib-cookie-consent-gtm`).
 */
const createScript = scriptCreator('ib-cookie-consent-gtm');

export interface ContainerSettings {
  /** The container id, already checked. */
  gtmId: string;
  /** Where gtm.js comes from, already checked: Google's, or a first-party tagging server. */
  url: URL;
  /** The category the container waits for: `analytics`, or `marketing` when it carries ad tags. */
  category: string;
  /** The nonce of the add-on's own script tag, for the container's. */
  nonce?: string;
}

/**
 * Whether the last Consent Mode command in the data layer already says exactly this: the widget
 * pushes its own update on pages with `data-ga-id`, and one update per decision is enough.
 */
function alreadySaid(update: Record<string, string>): boolean {
  try {
    const layer = (window as unknown as { dataLayer: { [index: number]: unknown }[] }).dataLayer;
    const last = layer.filter((entry) => entry?.[0] == 'consent').pop();
    const said = last?.[1] == 'update' && (last[2] as Record<string, unknown> | undefined);
    return !!said && Object.entries(update).every(([name, value]) => said[name] === value);
  } catch {
    // No data layer, or one the page broke: pushToDataLayer() replaces and reports it.
    return false;
  }
}

export function followConsent({ gtmId, url, category, nonce }: ContainerSettings): void {
  let api = runningApi();
  let ready = false;
  let loaded = false;

  /** Brings Google's tags in line with consent; `change` is false only for the stored choice read at start. */
  const apply = (change: boolean) => {
    try {
      api ??= runningApi();
      if (!api) return;
      // Every category the widget offers, as it resolved its configuration.
      const ids = api.config?.categories.map(({ id }) => id) ?? [];
      if (!ready) {
        ready = true;
        if (!ids.includes(category)) report(`GTM: data-gtm-category "${category}" is no category of the widget (${ids}): the container never loads.`);
        // Before the category is granted no container of ours is on the page: one there is the
        // page's own (Google's snippet left in place), which runs whatever the visitor chooses.
        if (!api.has(category)) {
          for (const { src } of document.querySelectorAll<HTMLScriptElement>('script[src*="/gtm.js"]')) {
            report(`GTM: ${src} loads before consent: remove Google's own Tag Manager snippet; this add-on loads the container.`);
          }
        }
      }
      if (change || api.get()) {
        const update = consentSignals(api.has('analytics'), api.has('marketing'));
        if (!alreadySaid(update)) gtag('consent', 'update', update);
      }
      pushToDataLayer({ event: 'ib_consent_update', ib_consent: Object.fromEntries(ids.map((id) => [id, !!api!.has(id)])) });
      if (loaded || !api.has(category)) return;
      loaded = true;
      // As Google's own snippet does: without this event no "All Pages" trigger fires.
      pushToDataLayer({ 'gtm.start': Date.now(), event: 'gtm.js' });
      url.searchParams.set('id', gtmId);
      const script = createScript({ src: url.href, nonce });
      script.onerror = () => report(`GTM: gtm.js did not load from ${url.origin}: check data-gtm-url and the CSP's script-src.`);
      document.head.append(script);
    } catch (error) {
      report(`GTM: ${error}`);
    }
  };

  // The stored choice: now if the widget already runs (its ready event has gone), else when it has read it.
  if (api) apply(false);
  else document.addEventListener('ib-consent-ready', () => ready || apply(false));
  document.addEventListener('ib-consent-change', () => ready && apply(true));
}
