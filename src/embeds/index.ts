/**
 * The embeds add-on, `dist/ib-cookie-consent-embeds.js`: a second script tag, only on pages
 * with gated iframes, so that every other page's visitors download nothing of it.
 *
 * ```html
 * <script src="/ib-cookie-consent-embeds.js" defer data-privacy-url="/privacyverklaring"></script>
 * ```
 *
 * Nothing here may throw into the page: an add-on that cannot start leaves every gated iframe
 * without `src`, so nothing is requested.
 */
import { startAddOn } from '../start-add-on.js';
import { gateIframes } from './gate-iframes.js';
import { embedUrl } from './service.js';
import { addStyles } from './styles.js';

// A second copy would put a second placeholder before every iframe.
startAddOn('embeds', 'Embeds', (script) => {
  // Chromium hides the nonce attribute on a CSP page; the property keeps it.
  addStyles(script?.nonce);
  gateIframes(embedUrl(script?.dataset.privacyUrl));
});
