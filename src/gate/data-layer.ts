import { report } from '../core/log.js';

/**
 * Google's data layer, read afresh at every push: GTM and pages reassign `window.dataLayer`, and
 * an element with `id="dataLayer"` (user content) or a frozen or foreign value must not stop the
 * widget. What is not a usable array is replaced by one, keeping what it held, and said once.
 */
export function pushToDataLayer(entry: unknown): void {
  const page = window as unknown as { dataLayer?: unknown };
  try {
    let layer = page.dataLayer;
    if (!Array.isArray(layer) || !Object.isExtensible(layer)) {
      if (layer !== undefined) report('window.dataLayer was no array (id="dataLayer"?); replaced.');
      layer = page.dataLayer = Array.isArray(layer) ? [...layer] : [];
    }
    (layer as unknown[]).push(entry);
  } catch (error) {
    // A read-only window.dataLayer, or a getter that throws: Google's tags cannot work here either.
    report(`window.dataLayer is unusable: ${error}`);
  }
}

/** Whether the data layer already holds a gtag command with this name (such as `consent`), or, without one, anything. */
export function hasCommand(name?: string): boolean {
  try {
    const layer = (window as unknown as { dataLayer?: unknown }).dataLayer;
    return Array.isArray(layer) && layer.some((entry) => !name || (entry as ArrayLike<unknown> | null)?.[0] === name);
  } catch {
    return false;
  }
}

/**
 * gtag() as Google's snippet defines it: commands go into the data layer as `arguments` objects,
 * the only form gtag.js reads. Ours is used even when the page's `window.gtag` is something else.
 */
export function gtag(..._command: unknown[]): void {
  // eslint-disable-next-line prefer-rest-params
  pushToDataLayer(arguments);
}
