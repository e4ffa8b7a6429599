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

/** Passes values through: what reaches it is already checked (see {@link scriptCreator}). */
const passThrough: ScriptPolicy = { createScriptURL: (url) => url, createScript: (text) => text };

/**
 * Makes script elements through one Trusted Types policy of this name, under
 * `require-trusted-types-for 'script'`. The policy passes values through: what reaches it is
 * already checked (gtag.js's and gtm.js's URLs by the options, waiting scripts by their nonce),
 * and it stays inside the returned function, so no other script can use it. It is asked for on
 * the first script, once per page (a second copy of the widget or an add-on stops before). Where
 * the browser has no Trusted Types, or the CSP does not allow the name (said once in the
 * console), plain strings stand in: an enforcing page then refuses them, and the script stays empty.
 */
export function scriptCreator(policyName: string) {
  let policy: ScriptPolicy | undefined;
  /** A new script element with this source (URL or inline text) and the page's nonce. */
  return ({ src, text, nonce }: { src?: string | null; text?: string; nonce?: string }): HTMLScriptElement => {
    if (!policy) {
      try {
        policy = window.trustedTypes?.createPolicy(policyName, passThrough);
      } catch {
        report(`CSP: add ${policyName} to trusted-types, or no script loads.`);
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
  };
}

/** The widget's own scripts: gtag.js and the waiting scripts. */
export const createScript = scriptCreator(POLICY_NAME);
