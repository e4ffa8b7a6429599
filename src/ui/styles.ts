/** Tags the sheet for editors and for the build's whitespace squeezer; it is plain text. */
const css = String.raw;

/*
 * One set of colours serves light and dark through light-dark(); `theme` only pins color-scheme.
 * Each pair keeps 4.5:1 for text and 3:1 for focus rings and checkboxes (WCAG 1.4.3, 1.4.11).
 * Every visitor downloads this sheet: one rule per look, and what inherits is set once on :host.
 */
export const styleText = css`
  :host {
    --_accent: var(--ib-consent-accent, light-dark(#0b57a4, #9ccaff));
    color-scheme: light dark;
    font: var(--ib-consent-font, 1rem/1.5 system-ui, sans-serif);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  section,
  dialog {
    background: var(--ib-consent-background, light-dark(#fff, #1b1e23));
    color: var(--ib-consent-color, light-dark(#1b1e23, #eef0f3));
    box-shadow: 0 0 1rem #0005;
    box-sizing: border-box;
    border: 0;
    border-radius: var(--ib-consent-radius, 0.5rem);
  }
  /* The first layer overlays the page (no layout shift) and never covers more than half of it. */
  section {
    inset: auto 0 0;
    max-height: 50vh;
    overflow: auto;
    padding: 1rem max(1rem, 50% - 38rem);
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0 2rem;
  }
  section,
  .floating {
    position: fixed;
    z-index: 2147483647;
  }
  section > :first-child {
    flex: 1 1 30rem;
  }
  :host([layout='box']) section {
    inset: 50% 1rem auto;
    translate: 0 -50%;
    max-width: 34rem;
    margin: auto;
    padding: 1.5rem;
  }
  h2 {
    font-size: 1.125em;
    margin: 0;
  }
  a {
    color: inherit;
  }
  .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  /* Accept, reject and settings share one look: no nudging towards "accept". */
  button {
    font: inherit;
    font-weight: 600;
    min-height: 2.75rem;
    padding: 0 1.25rem;
    border: 0;
    border-radius: var(--ib-consent-radius, 0.5rem);
    background: var(--_accent);
    color: var(--ib-consent-on-accent, light-dark(#fff, #0b1b2c));
  }
  :focus-visible {
    outline: 3px solid var(--_accent);
    outline-offset: 2px;
  }
  dialog {
    width: min(40rem, 100% - 1rem);
    max-height: calc(100% - 1rem);
    padding: 1.5rem;
  }
  ::backdrop {
    background: #0009;
  }
  label {
    display: block;
    border-top: 1px solid;
    padding-top: 0.5rem;
    font-weight: 600;
  }
  input {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0 0.75rem 0 0;
    vertical-align: middle;
    accent-color: var(--_accent);
  }
  .floating {
    bottom: 1rem;
    left: 1rem;
  }
  /* A bottom sheet on phones: full-width buttons, easy to reach with a thumb. */
  @media (max-width: 40rem) {
    .buttons,
    button {
      flex: 1 1 100%;
    }
  }
`;
