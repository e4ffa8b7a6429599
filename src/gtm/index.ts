/**
 * The Google Tag Manager add-on, `dist/ib-cookie-consent-gtm.js`: a second script tag, only on
 * sites that use Tag Manager, so that every other site's visitors download nothing of it.
 *
 * ```html
 * <script src="/ib-cookie-consent.js" data-privacy-url="/privacyverklaring"></script>
 * <script src="/ib-cookie-consent-gtm.js" data-gtm-id="GTM-XXXXXXX" data-gtm-category="analytics"></script>
 * ```
 *
 * Nothing here may throw into the page: an add-on that cannot start loads no container.
 */
import { checkedUrl } from '../checked-url.js';
import { report } from '../core/log.js';
import { startAddOn } from '../start-add-on.js';
import { followConsent } from './follow-consent.js';

/** A Tag Manager container id: `GTM-` and letters or digits. */
const GTM_ID = /^GTM-[A-Z0-9]+$/;

// A second copy would push every data-layer entry twice and ask for its Trusted Types policy again, which throws.
startAddOn('gtm', 'GTM', (script) => {
  const { gtmId = '', gtmUrl = 'https://www.googletagmanager.com/gtm.js', gtmCategory = 'analytics' } = script?.dataset ?? {};
  const url = checkedUrl(gtmUrl);
  if (!GTM_ID.test(gtmId)) report(`GTM: data-gtm-id "${gtmId}" must be a container id like GTM-AB12CD3; nothing loads.`);
  else if (!url) report(`GTM: data-gtm-url "${gtmUrl}" must be http(s) or relative; nothing loads.`);
  // necessary is always granted: the container would load before any choice.
  else if (gtmCategory === 'necessary') report('GTM: data-gtm-category must name a category a visitor can refuse, like analytics; nothing loads.');
  // Chromium hides the nonce attribute on a CSP page; the property keeps it.
  else followConsent({ gtmId, url, category: gtmCategory, nonce: script?.nonce });
});
