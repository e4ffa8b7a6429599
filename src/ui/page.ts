/**
 * The two places where the element touches the page around it, both for keyboard and
 * screen-reader users: where focus goes once the banner is gone, and the room kept free at the
 * bottom of the page while something fixed covers it.
 */

/**
 * Moves focus to the start of the page's content (its `<main>`, else its first heading), made
 * focusable for the moment when it is not, without scrolling: the banner came first in the page,
 * so this is where a keyboard or screen-reader user reads on.
 */
export function focusPageStart(): void {
  const target = document.querySelector<HTMLElement>('main,[role=main],h1');
  if (!target) return;
  if (!target.hasAttribute('tabindex')) {
    target.tabIndex = -1;
    target.addEventListener('blur', () => target.removeAttribute('tabindex'), { once: true });
  }
  target.focus({ preventScroll: true });
}

/** Puts back what the page had before the widget reserved room; empty while nothing is reserved. */
let restoreReserved: (() => void)[] = [];

/**
 * Adds `height` pixels to the padding the element has now (its own, or the page's CSS), inline,
 * and returns what puts it back exactly as it was.
 */
function reserve(element: HTMLElement, property: 'paddingBottom' | 'scrollPaddingBottom', height: number): () => void {
  const attribute = element.getAttribute('style');
  const before = element.style[property];
  const value = getComputedStyle(element)[property];
  element.style[property] = value === 'auto' ? `${height}px` : `calc(${value} + ${height}px)`;
  return () => {
    element.style[property] = before;
    // Without this, an element that had no style attribute would keep an empty one.
    if (attribute === null && !element.style.length) element.removeAttribute('style');
  };
}

/**
 * Keeps `height` pixels free at the bottom of the page, on top of the page's own padding and
 * scroll-padding, so that every element can be scrolled, and is scrolled on focus, above a fixed
 * banner (WCAG 2.4.11). Written through the CSSOM, which a strict CSP allows; 0 restores the page.
 */
export function reservePageBottom(height: number): void {
  restoreReserved.forEach((restore) => restore());
  restoreReserved = [];
  const { body, documentElement: root } = document;
  if (!(height > 0) || !body) return;
  restoreReserved = [reserve(body, 'paddingBottom', height), reserve(root, 'scrollPaddingBottom', height)];
}
