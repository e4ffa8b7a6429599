import type { ConsentStore } from '../core/consent.js';
import { report } from '../core/log.js';
import { watchPage } from '../watch-page.js';
import { createScript } from './trusted-types.js';

const WAITING = 'script[type="text/plain"][data-consent]';

/**
 * Runs the site's own scripts that wait for consent, written as
 * `<script type="text/plain" data-consent="analytics">` (inline or with `src`), now, after every
 * change, and when a single-page app adds them later. Each becomes a real script once every
 * category it names is granted (a name that is no category never is): a new element with the
 * same attributes, because a browser never runs a script whose type was changed after parsing.
 *
 * On a page with a CSP nonce, only waiting scripts that carry that nonce themselves are run:
 * otherwise injected markup (user content) could borrow the page's nonce through the widget.
 * Returns the unsubscribe.
 */
export function gateScripts(store: ConsentStore, nonce?: string): () => void {
  const known = store.settings.categories.map(({ id }) => id);
  const activate = () => {
    for (const waiting of document.querySelectorAll<HTMLScriptElement>(WAITING)) {
      const categories = waiting.dataset.consent!.trim().split(/\s+/);
      const unknown = categories.filter((id) => !known.includes(id));
      if (unknown.length) report(`data-consent "${unknown}" is no category (${known}); never runs.`, 'warn');
      // has() is false for a name that is no category.
      if (!categories.every(store.has)) continue;
      if (nonce && waiting.nonce !== nonce) {
        report(`Not run, lacks the page's nonce: ${waiting.src || waiting.text.slice(0, 40)}`);
        continue;
      }
      const script = createScript({ src: waiting.getAttribute('src'), text: waiting.text, nonce });
      try {
        // An on* attribute needs a TrustedScript under Trusted Types: one script, not the widget, fails.
        for (const { name, value } of waiting.attributes) {
          if (!['src', 'type', 'nonce'].includes(name)) script.setAttribute(name, value);
        }
      } catch (error) {
        report(`Waiting script not run: ${error}`);
        continue;
      }
      // Inserted scripts run as soon as they load; keep the page's order unless it asked for async.
      script.async = waiting.hasAttribute('async');
      waiting.replaceWith(script);
    }
  };
  activate();
  const stopWatching = watchPage(activate);
  const unsubscribe = store.subscribe(activate);
  return () => {
    stopWatching();
    unsubscribe();
  };
}
