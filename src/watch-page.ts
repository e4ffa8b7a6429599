/**
 * One MutationObserver for everything that must follow the page's DOM (single-page apps replace
 * `<body>` and add views later): the element re-attaches itself, waiting scripts added later run.
 * Callbacks run at most once per batch of mutations, so an idle page costs nothing.
 */
const callbacks = new Set<() => void>();
let observer: MutationObserver | undefined;

export function watchPage(callback: () => void): () => void {
  callbacks.add(callback);
  if (!observer) {
    // The callbacks never throw (each guards what can fail), so none can stop another.
    observer = new MutationObserver(() => callbacks.forEach((run) => run()));
    observer.observe(document, { childList: true, subtree: true });
  }
  return () => callbacks.delete(callback);
}
