/**
 * The script element running now, or `null` (a module script, or later than its first run).
 * Read through `Document.prototype`'s own getter, not as `document.currentScript`: user content
 * such as `<img name="currentScript" data-gtag-url="…">` becomes a named property of the
 * document that hides the real one (DOM clobbering), and its `data-*` would configure the widget.
 */
export function currentScript(): HTMLScriptElement | null {
  return Object.getOwnPropertyDescriptor(Document.prototype, 'currentScript')!.get!.call(document);
}
