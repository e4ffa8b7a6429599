/**
 * The script-tag entry: `<script src="ib-cookie-consent.js" data-ga-id="G-…">`.
 * Options come from the JSON block `script#ib-cookie-consent-config`, then the script's `data-*`,
 * which win; a page's `<ib-cookie-consent>` may add only its look (see start.ts).
 * Nothing here may throw into the page: a widget that cannot start leaves every category denied.
 */
import { report } from './core/log.js';
import { currentScript } from './current-script.js';
import { pushConsentDefaults } from './gate/consent-mode.js';
import { isObject, readAttributeOptions } from './options.js';
import type { ConsentOptions } from './options.js';
import { start } from './start.js';

// Types only (the built file exports nothing): `import 'ib-cookie-consent/ib-cookie-consent.js'`
// in TypeScript finds its declarations here, and with them `window.ibConsent` and the events.
export type { ConsentApi, ConsentEventMap } from './start.js';

/**
 * The JSON block, only from a `<script type="application/json">`: user content can hold an
 * element with any id, but not a script element.
 */
function readJsonOptions(): ConsentOptions {
  const id = 'ib-cookie-consent-config';
  const block = document.querySelector(`script[type="application/json"]#${id}`);
  if (!block && !document.getElementById(id)) return {};
  let options: unknown;
  try {
    options = block && JSON.parse(block.textContent!);
  } catch {
    // Not JSON: reported below, like a block of the wrong element or shape.
  }
  if (isObject(options)) return options;
  report(`#${id} ignored: use a JSON object in <script type="application/json">.`);
  return {};
}

try {
  // Only readable while this script first runs; null in a module script.
  const script = currentScript();
  if (!script) report('data-* unread: load without type="module".');
  const scriptOptions: ConsentOptions = readAttributeOptions(script, 'data-');
  // Chromium hides the nonce attribute from scripts on a CSP page; the property keeps it.
  if (script?.nonce) scriptOptions.nonce ||= script.nonce;

  // The Consent Mode defaults must precede every other gtag command, so they cannot wait for the DOM.
  pushConsentDefaults();

  const startFromPage = () => {
    try {
      start({ ...readJsonOptions(), ...scriptOptions });
    } catch (error) {
      // Never break the host page; nothing is granted when the widget cannot start.
      report(`Could not start: ${error}`);
    }
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startFromPage, { once: true });
  else startFromPage();
} catch (error) {
  report(`Could not start: ${error}`);
}
