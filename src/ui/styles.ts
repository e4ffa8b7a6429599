/** Tags the sheet for editors and for the build's whitespace squeezer; it is plain text. */
const css = String.raw;

/*
 * One set of colours serves light and dark through light-dark(); `theme` only pins color-scheme.
 * Each pair keeps 4.5:1 for text and 3:1 for focus rings and switches (WCAG 1.4.3, 1.4.11).
 * Every visible box, button and switch part is drawn with a border (transparent where the design
 * needs none), because Windows' forced colours drop backgrounds and shadows but keep borders.
 * Every visitor downloads this sheet: one rule per look, what inherits set once on :host, and
 * private custom properties (--_x) shortened by the build.
 */
export const styleText = css`
  :host {
    --_accent: var(--ib-consent-accent, light-dark(#0b57a4, #9ccaff));
    --_on-accent: var(--ib-consent-on-accent, light-dark(#fff, #0b1b2c));
    --_background: var(--ib-consent-background, light-dark(#fff, #1b1e23));
    --_color: var(--ib-consent-color, light-dark(#1b1e23, #eef0f3));
    --_radius: var(--ib-consent-radius, 0.5rem);
    color-scheme: light dark;
    font: var(--ib-consent-font, 1rem/1.5 system-ui, sans-serif);
    overflow-wrap: break-word;
    hyphens: auto;
  }
  /* Before light-dark() (Safari 17.5, Firefox 120) a custom property holding it is invalid: light colours. */
  @supports not (color: light-dark(#0b57a4, #9ccaff)) {
    :host {
      --_accent: var(--ib-consent-accent, #0b57a4);
      --_on-accent: var(--ib-consent-on-accent, #fff);
      --_background: var(--ib-consent-background, #fff);
      --_color: var(--ib-consent-color, #1b1e23);
    }
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  section,
  dialog,
  button {
    border: 2px solid transparent;
    border-radius: var(--_radius);
  }
  section,
  dialog,
  .floating {
    background: var(--_background);
    color: var(--_color);
    box-shadow: 0 0 1rem #0006;
  }
  section,
  .floating {
    position: fixed;
    z-index: 2147483647;
  }
  /*
   * The first layer overlays the page bottom (no layout shift). It may take the whole height of a
   * short screen, but only its text scrolls: accept and reject are always in view (AP: refusing
   * without an extra click or scroll), at any zoom and text size.
   */
  section {
    inset: auto 0 0;
    max-height: 100dvh;
    gap: 0.75rem;
    padding: 1rem max(min(1.5rem, 5vw), 50% - 38rem);
    border-radius: var(--_radius) var(--_radius) 0 0;
  }
  .text,
  .body {
    overflow: auto;
  }
  h2,
  h3 {
    font-size: 1.125em;
    margin: 0;
    flex: 1;
  }
  p {
    margin: 0.25rem 0 0;
  }
  a {
    color: inherit;
  }
  .buttons,
  header,
  .category {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  /* Accept and reject: always equal (same basis, same growth), side by side or stacked. */
  [part~='accept'],
  [part~='reject'] {
    flex: 1 1 8rem;
    max-width: 16rem;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 2.75rem;
    padding: 0.25rem 1rem;
  }
  .secondary {
    background: var(--_background);
    color: inherit;
  }
  /* Two tones, so the ring keeps 3:1 against whatever the page puts behind it. */
  :focus-visible {
    outline: 3px solid var(--_accent);
    box-shadow: 0 0 0 6px var(--_background);
  }
  /* The browser's own max-height for a modal dialog keeps it inside the viewport. */
  dialog {
    width: min(40rem, 100% - 1rem);
    padding: 0;
  }
  section,
  dialog[open] {
    display: flex;
    flex-flow: column;
  }
  ::backdrop {
    background: #0009;
  }
  header,
  footer,
  .body {
    padding: 0.75rem min(1.5rem, 5vw);
  }
  header {
    border-bottom: 1px solid #8888;
  }
  footer,
  .category {
    border-top: 1px solid #8888;
  }
  .category {
    margin-top: 0.75rem;
    padding-top: 0.75rem;
  }
  .category > p,
  details {
    flex-basis: 100%;
  }
  /* The switches, the only inputs. The knob is a border, so forced colours draw it; its side says on or off. */
  input {
    appearance: none;
    width: 3rem;
    height: 1.75rem;
    margin: 0;
    border: 2px solid;
    border-radius: 1rem;
  }
  input::before {
    content: '';
    display: block;
    margin: 0.125rem;
    width: 0;
    border: 0.625rem solid;
    border-radius: 50%;
  }
  /* Buttons and a switch that is on: above the switch's own border, and below any class. */
  button,
  :checked {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  :checked::before {
    translate: 1.25rem;
  }
  th,
  td {
    text-align: start;
    padding: 0.25rem 0.5rem 0 0;
  }
  .floating {
    bottom: 1rem;
    left: 1rem;
  }
  /* Read by screen readers, never seen; fixed, so its text cannot widen the page. */
  .hidden-text {
    position: fixed;
    clip-path: inset(50%);
  }
  /* Short screens (phone landscape, 400% zoom): smaller buttons, and the dialog scrolls whole. */
  @media (max-height: 30rem) {
    section {
      padding-block: 0.5rem;
      gap: 0.5rem;
    }
    button {
      min-height: 2rem;
    }
    dialog[open] {
      display: block;
      overflow: auto;
    }
  }
`;
