import { render } from 'lit-html';
import type { TemplateResult } from 'lit-html';
import { report } from '../core/log.js';

/**
 * A small custom-element base that drives lit-html's `render()`: declared properties, one
 * batched render per microtask, a shadow root with the component's stylesheet. It is the part of
 * Lit's ReactiveElement this widget uses, without the rest every visitor would download
 * (about 2 KB min+gzip). What it keeps of Lit's behaviour on purpose:
 * - the shadow root is created, and the first render happens, only once connected (and while
 *   disconnected, renders wait: the element touches the page around it when it renders);
 * - a render that throws is reported and does not stop later ones;
 * - `updateComplete` resolves to `true` once the pending render has run.
 * Where there is no DOM (Node, when a server-rendered site imports the ESM build) it extends
 * `Object` instead, so the import does not throw; nothing there creates an element.
 */
export abstract class RenderElement extends (globalThis.HTMLElement ?? (Object as unknown as typeof HTMLElement)) {
  /** Reactive properties; each assignment schedules one render. Declared by subclasses. */
  declare static properties: string[];
  /** Boolean attributes, each with the property it sets: present is `true`. Declared by subclasses. */
  declare static attributes: Record<string, string>;
  /** The component's CSS, adopted by its shadow root as a constructed sheet. */
  declare static styles: string;

  /** Defines accessors for `properties`; called by customElements.define() through this getter. */
  static get observedAttributes(): string[] {
    for (const name of this.properties) {
      Object.defineProperty(this.prototype, name, {
        get(this: RenderElement) {
          return this.#values[name];
        },
        set(this: RenderElement, value: unknown) {
          if (this.#values[name] !== value) {
            this.#values[name] = value;
            this.requestUpdate();
          }
        },
        // A second tag name for the same class reads this getter again.
        configurable: true,
      });
    }
    return Object.keys(this.attributes);
  }

  /** Resolves to `true` after the render that is pending now (at once when none is). */
  updateComplete: Promise<boolean> = Promise.resolve(true);
  declare renderRoot?: ShadowRoot;
  #pending = false;
  #values: Record<string, unknown> = {};

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const name = (this.constructor as typeof RenderElement).attributes[attribute];
    (this as unknown as Record<string, boolean>)[name] = value !== null;
  }

  connectedCallback(): void {
    this.renderRoot ??= this.attachShadow({ mode: 'open' });
    this.requestUpdate();
  }

  /** Schedules one render for every change made in the current task. */
  requestUpdate(): void {
    if (this.#pending) return;
    this.#pending = true;
    this.updateComplete = Promise.resolve().then(() => {
      this.#pending = false;
      // Renders wait while disconnected; connecting again asks for one.
      const root = this.renderRoot;
      if (!root || !this.isConnected) return true;
      try {
        // The stylesheet comes with the first render, not on connection: a page's own element is
        // connected as the tag is defined, before it is given the page's nonce.
        if (!root.firstChild) {
          const { styles } = this.constructor as typeof RenderElement;
          try {
            // CSP-safe without a nonce: no <style>, no style attribute.
            const sheet = new CSSStyleSheet();
            sheet.replaceSync(styles);
            root.adoptedStyleSheets = [sheet];
          } catch {
            // Safari before 16.4 cannot construct a sheet; a <style> carrying the page's nonce
            // (given to the element's own `nonce` property) can.
            const style = document.createElement('style');
            style.nonce = this.nonce;
            style.textContent = styles;
            root.append(style);
          }
        }
        // Event listeners in the templates are arrow functions: no `host` needed for their `this`.
        render(this.render(), root);
        this.updated();
      } catch (error) {
        report(`Render failed: ${error}`);
      }
      return true;
    });
  }

  /** The shadow root's content, from the current properties. */
  protected abstract render(): TemplateResult;

  /** Runs after each render, when the shadow DOM is up to date. */
  protected updated(): void {}
}
