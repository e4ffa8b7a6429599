/**
 * The placeholder's look: every rule in `:where()`, so any selector of the page wins, and added
 * without inline styles under a strict CSP: a constructed stylesheet appended to the page's own
 * adopted ones, or, where the browser has none, a `<style>` with the add-on script's nonce.
 * Colours follow the page (text inherited, a translucent grey behind it), the buttons the
 * widget's `--ib-consent-accent` and `--ib-consent-on-accent` where the page sets them on `:root`.
 */
const CSS =
  ':where(.ib-embed){box-sizing:border-box;display:flex;flex-direction:column;justify-content:safe center;gap:.75em;width:100%;max-width:100%;aspect-ratio:16/9;padding:1em;border:1px solid #8888;border-radius:.5em;background:#8882;overflow-wrap:anywhere}' +
  ':where(.ib-embed-text){margin:0}' +
  ':where(.ib-embed-actions){display:flex;flex-wrap:wrap;gap:.5em}' +
  ':where(.ib-embed-button){font:inherit;padding:.5em 1em;border:2px solid var(--ib-consent-accent,#0b57a4);border-radius:.25em;background:var(--ib-consent-accent,#0b57a4);color:var(--ib-consent-on-accent,#fff);cursor:pointer}' +
  ':where(.ib-embed-once){background:none;color:inherit}' +
  ':where(.ib-embed-button:focus-visible){outline:3px solid var(--ib-consent-accent,#0b57a4);outline-offset:2px}' +
  ':where(.ib-embed-link){align-self:start;color:inherit}';

/** The add-on's stylesheet once added; rules for embed sizes are inserted into it. */
let sheet: CSSStyleSheet | null | undefined;
const sized = new Set<string>();

function addStyleSheet(nonce: string | undefined): CSSStyleSheet | null {
  try {
    const constructed = new CSSStyleSheet();
    constructed.replaceSync(CSS);
    // Appended: the page's own adopted sheets stay. Throws where document has no adoptedStyleSheets.
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, constructed];
    return constructed;
  } catch {
    const style = document.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = CSS;
    (document.head ?? document.documentElement).append(style);
    return style.sheet;
  }
}

/** Adds the stylesheet, once; `nonce` is the add-on script's, for browsers without constructed sheets. */
export function addStyles(nonce?: string): void {
  sheet ??= addStyleSheet(nonce);
}

/**
 * A class that gives the placeholder the iframe's own size: its `width` in pixels and the ratio
 * of `width` to `height` (the placeholder grows taller when its text needs it, at 320 px or 200%
 * zoom). One rule per size, inserted into the add-on's stylesheet: no inline style. `''` when the
 * iframe gives no size in pixels (then the placeholder is as wide as its container, 16:9).
 */
export function sizeClass(iframe: HTMLIFrameElement): string {
  const [width, height] = ['width', 'height'].map((name) => iframe.getAttribute(name)?.trim() ?? '');
  if (!/^\d+$/.test(width!) || !+width!) return '';
  const ratio = /^\d+$/.test(height!) && +height! > 0 ? `;aspect-ratio:${width}/${height}` : '';
  const name = `ib-embed-${width}x${ratio ? height : ''}`;
  if (!sized.has(name)) {
    sized.add(name);
    try {
      sheet?.insertRule(`:where(.${name}){width:${width}px${ratio}}`, sheet.cssRules.length);
    } catch {
      // A <style> the CSP refused has no rules to add to: the placeholder keeps the default size.
    }
  }
  return name;
}
