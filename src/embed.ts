/**
 * The script-tag entry: `<script src="ib-cookie-consent.js" defer data-ga-id="G-…">`.
 * Options come from the JSON block `#ib-cookie-consent-config`, then the script's `data-*`,
 * then the `<ib-cookie-consent>` element's attributes, each winning over the one before.
 */
import { report } from './core/log.js';
import { GA_ID, pushConsentDefaults } from './gate/google-analytics.js';
import { readAttributeOptions } from './options.js';
import type { ConsentOptions } from './options.js';
import { start } from './start.js';

// Only readable while this script first runs.
const script = document.currentScript as HTMLScriptElement | null;
const scriptOptions = readAttributeOptions(script, 'data-');
// Chromium hides the nonce attribute from scripts on a CSP page; the property keeps it.
scriptOptions.nonce ||= script?.nonce || undefined;

// The Consent Mode defaults must precede every other gtag command, so they cannot wait for the DOM.
if (!window.ibConsent && scriptOptions.gaId && GA_ID.test(scriptOptions.gaId)) pushConsentDefaults();

function readJsonOptions(): ConsentOptions {
  try {
    return JSON.parse(document.getElementById('ib-cookie-consent-config')?.textContent || '{}');
  } catch {
    report('error', '#ib-cookie-consent-config is not valid JSON; ignored.');
    return {};
  }
}

function startFromPage(): void {
  try {
    start({ ...readJsonOptions(), ...scriptOptions });
  } catch (error) {
    // Never break the host page; nothing is granted when the widget cannot start.
    report('error', `Could not start: ${error}`);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', startFromPage, { once: true });
else startFromPage();
