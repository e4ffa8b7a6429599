/**
 * `raw` resolved against the page when it is an http(s) or relative URL; `null` for anything else
 * (`javascript:`, `data:`, text that is no URL). For the URLs the add-ons take from their script
 * tags, which decide where a script is loaded from or where the visitor's data goes.
 */
export function checkedUrl(raw: string): URL | null {
  try {
    const url = new URL(raw, document.baseURI);
    return /^https?:$/.test(url.protocol) ? url : null;
  } catch {
    return null;
  }
}
