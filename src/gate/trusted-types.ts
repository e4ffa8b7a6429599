import { report } from '../core/log.js';

/** The Trusted Types policy name a site's CSP must allow: `trusted-types ib-cookie-consent lit-html`. */
export const POLICY_NAME = 'ib-cookie-consent';

interface ScriptPolicy {
  createScriptURL(url: string): string;
  createScript(text: string): string;
}

declare global {
  interface Window {
    trustedTypes?: { createPolicy(name: string, rules: ScriptPolicy): ScriptPolicy };
  }
}

/** Passes values through: what reaches it is already checked (see {@link createScript}). */
const passThrough: ScriptPolicy = { createScriptURL: (url) => url, createScript: (text) => text };

/**
 * The one policy through which the widget creates script URLs and texts under
 * `require-trusted-types-for 'script'`. It passes values through: what reaches it is already
 * checked (gtag.js's URL by the options, waiting scripts by their nonce), and it stays inside this
 * module, so no other script can use it. (A second copy of the widget stops before it runs, so
 * the name is asked for once per page.) Where the browser has no Trusted Types, or the CSP does
 * not allow the name (said once in the console), plain strings stand in: an enforcing page then
 * refuses them, and the script stays empty.
 */
let policy: ScriptPolicy | undefined;

/** A new script element with this source (URL or inline text) and the page's nonce. */
export function createScript({ src, text, nonce }: { src?: string; text?: string; nonce?: string }): HTMLScriptElement {
  if (!policy) {
    try {
      policy = window.trustedTypes?.createPolicy(POLICY_NAME, passThrough);
    } catch {
      report(`Add ${POLICY_NAME} to CSP trusted-types, or no script loads.`);
    }
    policy ||= passThrough;
  }
  const script = document.createElement('script');
  if (nonce) script.nonce = nonce;
  try {
    if (src) script.src = policy.createScriptURL(src);
    if (text) script.text = policy.createScript(text);
  } catch {
    // Trusted Types enforced without our policy: the script stays empty, inert when inserted.
  }
  return script;
}
