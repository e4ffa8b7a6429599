/** Tags the sheet for editors and for the build's whitespace squeezer; it is plain text. */
const css = String.raw;

/*
 * One set of colours serves light and dark through light-dark(); `theme` only pins color-scheme.
 * Each pair keeps 4.5:1 for text and 3:1 for focus rings and switches (WCAG 1.4.3, 1.4.11).
 * Every visible box and button has a border, transparent where the design needs none, so that
 * Windows' forced colours (which drop backgrounds and shadows) still draw its edge.
 * Every visitor downloads this sheet: one rule per look, and what inherits is set once on :host.
 */
export const styleText = css`
  :host {
    --_accent: var(--ib-consent-accent, light-dark(#0b57a4, #9ccaff));
    --_on-accent: var(--ib-consent-on-accent, light-dark(#fff, #0b1b2c));
    --_background: var(--ib-consent-background, light-dark(#fff, #1b1e23));
    --_radius: var(--ib-consent-radius, 0.5rem);
    --_line: 1px solid #8888;
    color-scheme: light dark;
    font: var(--ib-consent-font, 1rem/1.5 system-ui, sans-serif);
    overflow-wrap: anywhere;
    hyphens: auto;
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  section,
  dialog,
  .floating {
    background: var(--_background);
    color: var(--ib-consent-color, light-dark(#1b1e23, #eef0f3));
    box-shadow: 0 0 1rem #0006;
    box-sizing: border-box;
    border: 2px solid transparent;
    border-radius: var(--_radius);
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
    max-height: 100vh;
    max-height: 100dvh;
    display: flex;
    flex-direction: column;
    gap: 0.75rem;
    padding: 1rem max(1rem, 50% - 38rem);
    border-radius: var(--_radius) var(--_radius) 0 0;
  }
  .text {
    overflow: auto;
  }
  /* A box in the bottom corner: never covers the middle of the page, which stays usable. */
  @media (min-width: 40rem) {
    :host([layout='box']) section {
      inset: auto 1rem 1rem auto;
      max-width: 26rem;
      max-height: calc(100dvh - 2rem);
      padding: 1.25rem;
      border-radius: var(--_radius);
    }
  }
  h2,
  h3 {
    font-size: 1.125em;
    margin: 0;
    flex: 1;
  }
  h3 {
    font-size: 1em;
  }
  p {
    margin: 0.25rem 0 0;
  }
  a {
    color: inherit;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  /* Accept and reject: always equal, side by side where they fit, else stacked at full width. */
  .pair {
    flex: 1 1 18rem;
    max-width: 30rem;
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 8rem), 1fr));
    gap: inherit;
  }
  button {
    font: inherit;
    font-weight: 600;
    min-height: 2.75rem;
    padding: 0.25rem 1rem;
    border: 2px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_accent);
    color: var(--_on-accent);
    cursor: pointer;
  }
  .secondary {
    background: none;
    color: inherit;
  }
  /* Two tones, so the ring keeps 3:1 against whatever the page puts behind it. */
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 0;
    box-shadow: 0 0 0 6px var(--_background);
  }
  dialog {
    width: min(40rem, 100% - 1rem);
    max-height: calc(100% - 1rem);
    padding: 0;
  }
  dialog[open] {
    display: flex;
    flex-direction: column;
  }
  ::backdrop {
    background: #0009;
  }
  header,
  footer,
  .body {
    padding: 0.75rem 1.5rem;
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    border-bottom: var(--_line);
  }
  footer {
    border-top: var(--_line);
  }
  .body {
    overflow: auto;
  }
  .category {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 1rem;
    border-top: var(--_line);
    margin-top: 0.75rem;
    padding-top: 0.75rem;
  }
  .category > :not(h3, input, strong) {
    flex: 1 1 100%;
  }
  [role='switch'] {
    appearance: none;
    flex: none;
    width: 3rem;
    height: 1.75rem;
    margin: 0;
    border: 2px solid;
    border-radius: 1rem;
    cursor: pointer;
  }
  [role='switch']::before {
    content: '';
    display: block;
    width: 1.25rem;
    height: 1.25rem;
    margin: 0.125rem;
    border-radius: 50%;
    background: currentColor;
  }
  :checked {
    background: var(--_accent);
    border-color: var(--_accent);
  }
  :checked::before {
    translate: 1.25rem;
    background: var(--_on-accent);
  }
  summary {
    cursor: pointer;
    margin-top: 0.5rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875em;
  }
  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.25rem 0.75rem 0.25rem 0;
    border-bottom: var(--_line);
  }
  .floating {
    bottom: 1rem;
    left: 1rem;
    color: inherit;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: no-preference) {
    [role='switch']::before {
      transition: translate 0.15s;
    }
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
  @media (max-width: 40rem) {
    header,
    footer,
    .body {
      padding-inline: 1rem;
    }
  }
  /* Forced colours drop the switch's fill: draw its states in system colours instead. */
  @media (forced-colors: active) {
    [role='switch'] {
      forced-color-adjust: none;
      background: Canvas;
      border-color: CanvasText;
    }
    [role='switch']::before {
      background: CanvasText;
    }
    :checked {
      background: Highlight;
      border-color: Highlight;
    }
    :checked::before {
      background: HighlightText;
    }
  }
`;
