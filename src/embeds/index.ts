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
import { report } from '../core/log.js';
import { currentScript } from '../current-script.js';
import { gateIframes } from './gate-iframes.js';
import { checkedUrl } from './service.js';
import { addStyles } from './styles.js';

/** Set once the add-on runs: a second copy of the script would put a second placeholder before every iframe. */
const RUNNING = Symbol.for('ib-cookie-consent-embeds');
const page = window as unknown as Record<symbol, boolean>;

try {
  if (!page[RUNNING]) {
    page[RUNNING] = true;
    // Only readable while this script first runs. Chromium hides the nonce attribute on a CSP page; the property keeps it.
    const script = currentScript();
    addStyles(script?.nonce);
    gateIframes(checkedUrl(script?.dataset.privacyUrl));
  }
} catch (error) {
  report(`Embeds: could not start: ${error}`);
}
