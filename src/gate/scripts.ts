/**
 * Activates the site's own scripts that wait for consent, written as
 * `<script type="text/plain" data-consent="analytics">` (inline or with `src`).
 * Each becomes a real script once every category it names is granted: a new element with
 * the same attributes and the page's nonce, because a browser never runs a script whose
 * type was changed after parsing.
 */
export function activateGatedScripts(has: (category: string) => boolean, nonce?: string): void {
  for (const waiting of document.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-consent]')) {
    if (!waiting.dataset.consent!.trim().split(/\s+/).every(has)) continue;
    const script = document.createElement('script');
    for (const { name, value } of waiting.attributes) if (name !== 'type') script.setAttribute(name, value);
    // Inserted scripts run as soon as they load; keep the page's order unless it asked for async.
    script.async = waiting.hasAttribute('async');
    if (nonce) script.nonce = nonce;
    script.text = waiting.text;
    waiting.replaceWith(script);
  }
}
