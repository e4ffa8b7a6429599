import { report } from './core/log.js';
import { currentScript } from './current-script.js';

/**
 * Starts an add-on once per page: a second copy of its script does nothing (it would push, send or
 * insert everything twice, and ask Trusted Types for a policy that exists). `start` gets the
 * add-on's own script element (its `data-*` and its nonce), which is readable only now, as the
 * script first runs. Nothing it throws reaches the page: reported with the add-on's `label`.
 */
export function startAddOn(name: string, label: string, start: (script: HTMLScriptElement | null) => void): void {
  const page = window as unknown as Record<symbol, boolean>;
  const running = Symbol.for(`ib-cookie-consent-${name}`);
  try {
    if (page[running]) return;
    page[running] = true;
    start(currentScript());
  } catch (error) {
    report(`${label}: could not start: ${error}`);
  }
}
