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

/** The policy once created: `null` where there is none. */
let policy: ScriptPolicy | null | undefined;

/**
 * The one policy through which the widget creates script URLs and texts under
 * `require-trusted-types-for 'script'`. It passes values through: what reaches it is already
 * checked (gtag.js's URL by the options, waiting scripts by their nonce), and it stays inside this
 * module, so no other script can use it. (A second copy of the widget stops before it runs, so
 * the name is asked for once per page.) `null` where the browser has no Trusted Types or the CSP
 * does not allow the name, said once in the console.
 */
function scriptPolicy(): ScriptPolicy | null {
  if (policy !== undefined) return policy;
  policy = null;
  try {
    const pass = (value: string) => value;
    policy = window.trustedTypes?.createPolicy(POLICY_NAME, { createScriptURL: pass, createScript: pass }) ?? null;
  } catch {
    report(`Add ${POLICY_NAME} to the CSP's trusted-types, or no script loads.`);
  }
  return policy;
}

/** A new script element with this source (URL or inline text) and the page's nonce. */
export function createScript({ src, text, nonce }: { src?: string; text?: string; nonce?: string }): HTMLScriptElement {
  const policy = scriptPolicy();
  const script = document.createElement('script');
  if (nonce) script.nonce = nonce;
  try {
    if (src) script.src = policy ? policy.createScriptURL(src) : src;
    if (text) script.text = policy ? policy.createScript(text) : text;
  } catch {
    // Trusted Types enforced without our policy: the script stays empty, inert when inserted.
  }
  return script;
}
