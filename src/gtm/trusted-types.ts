import { report } from '../core/log.js';

/** The part of the browser's Trusted Types API the add-on uses. */
interface TrustedTypes {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): string };
}

/** The Trusted Types policy name a site's CSP must allow for the add-on: `trusted-types ib-cookie-consent lit-html ib-cookie-consent-gtm`. */
export const POLICY_NAME = 'ib-cookie-consent-gtm';

/**
 * The container's script element, its URL through the add-on's own Trusted Types policy. The
 * policy passes the URL through: it is checked before it gets here (http(s) or relative), and
 * the policy stays inside this module, so no other script can use it. Asked for once per page:
 * only one container loads, and a second copy of the add-on stops before. Where the browser has
 * no Trusted Types, or the CSP does not allow the name (said in the console), the plain string
 * stands in, which an enforcing page refuses.
 */
export function createScript(url: string, nonce?: string): HTMLScriptElement {
  let src: string = url;
  try {
    src = (window as unknown as { trustedTypes?: TrustedTypes }).trustedTypes?.createPolicy(POLICY_NAME, { createScriptURL: (checked: string) => checked })?.createScriptURL(url) ?? url;
  } catch {
    report(`GTM: add ${POLICY_NAME} to the CSP's trusted-types, or gtm.js cannot load.`);
  }
  const script = document.createElement('script');
  if (nonce) script.nonce = nonce;
  try {
    script.src = src;
  } catch {
    // Trusted Types enforced without our policy: the script stays empty, inert when inserted.
  }
  return script;
}
