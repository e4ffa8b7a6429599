/**
 * dist/custom-elements.json against the element as it really is: the built script in a page,
 * its shadow DOM in every state, its stylesheet, the attributes it reads and the events it fires.
 * The manifest comes from the element's JSDoc, so a part, attribute or event added to the code
 * without its @csspart, @attr or @fires line fails here.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ELEMENT_OPTIONS } from '../../dist/esm/options.js';
import { newVisitor, setUpSuite, sitePage } from './harness.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'dist/custom-elements.json'), 'utf8'));
const element = manifest.modules.flatMap(({ declarations = [] }) => declarations).find(({ tagName }) => tagName === 'ib-cookie-consent');
const names = (list = []) => list.map(({ name }) => name).sort();
const suite = setUpSuite();

/** Records which element each of the manifest's events reaches the window from. */
function recordEvents(types) {
  window.heardEvents = [];
  for (const type of types) addEventListener(type, (event) => window.heardEvents.push([type, event.target.localName]));
}

/** The element's parts, custom properties and members, read in the page. */
function readElement() {
  const host = document.querySelector('ib-cookie-consent');
  const parts = [...host.shadowRoot.querySelectorAll('[part]')].flatMap((node) => [...node.part]);
  const ruleTexts = (rules) => [...rules].flatMap((rule) => [rule.cssText, ...(rule.cssRules ? ruleTexts(rule.cssRules) : [])]);
  const css = host.shadowRoot.adoptedStyleSheets.flatMap((sheet) => ruleTexts(sheet.cssRules)).join('\n');
  const ElementClass = customElements.get('ib-cookie-consent');
  const methods = [];
  for (let proto = ElementClass.prototype; proto !== HTMLElement.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const [name, { value }] of Object.entries(Object.getOwnPropertyDescriptors(proto))) {
      if (typeof value === 'function') methods.push(name);
    }
  }
  return {
    parts,
    css,
    observedAttributes: ElementClass.observedAttributes,
    reactiveProperties: ElementClass.properties,
    instanceFields: Object.keys(host),
    methods,
    has: (name) => name in host,
  };
}

describe('dist/custom-elements.json', () => {
  let seen;
  before(async () => {
    const visitor = await newVisitor(suite.browser);
    await visitor.context.addInitScript(recordEvents, names(element.events));
    const page = await visitor.open(suite.server.page(sitePage({
      body: '<ib-cookie-consent floating-button></ib-cookie-consent><main><h1>Inforbusiness</h1></main>',
    })));
    await page.locator('ib-cookie-consent section').waitFor();
    // Every state: banner and dialog (built when first opened) first, then the floating button after a choice.
    await page.evaluate(() => ibConsent.showPreferences());
    await page.locator('ib-cookie-consent dialog[open]').waitFor();
    const first = await page.evaluate(readElement);
    await page.evaluate(() => ibConsent.acceptAll());
    await page.locator('ib-cookie-consent [part~=floating]').waitFor();
    const second = await page.evaluate(readElement);
    const memberNames = element.members.map(({ name }) => name);
    seen = {
      ...second,
      parts: new Set([...first.parts, ...second.parts]),
      onElement: await page.evaluate((names) => {
        const host = document.querySelector('ib-cookie-consent');
        return names.filter((name) => name in host || name in host.constructor);
      }, memberNames),
      heardEvents: await page.evaluate(() => window.heardEvents),
    };
    await visitor.context.close();
  });

  it('points at files the package ships', () => {
    const references = JSON.stringify(manifest).match(/"(?:path|module)":"[^"]+"/g).map((pair) => pair.split('"')[3]);
    for (const file of new Set(references)) {
      assert.match(file, /^dist\//, `${file} is not shipped`);
      assert.ok(existsSync(join(root, file)), `${file} does not exist`);
    }
    const definitions = manifest.modules.flatMap(({ exports = [] }) => exports).filter(({ kind }) => kind === 'custom-element-definition');
    assert.deepEqual(definitions.map(({ name, declaration }) => [name, declaration.name]), [['ib-cookie-consent', 'IbCookieConsent']]);
  });

  it('lists every part the element renders, the per-button parts included', () => {
    assert.deepEqual(names(element.cssParts), [...seen.parts].sort());
  });

  it('lists every --ib- custom property of the stylesheet, with its syntax and the default the stylesheet uses', () => {
    const fallbacks = new Map();
    for (const [, name, rest] of seen.css.matchAll(/var\((--ib-[\w-]+),\s*([^;]*)/g)) {
      // The fallback runs to the var()'s closing parenthesis (it may hold light-dark(…)).
      let depth = 0;
      let end = 0;
      while (end < rest.length && !(rest[end] === ')' && depth === 0)) depth += { '(': 1, ')': -1 }[rest[end++]] ?? 0;
      // The first is the default; a later one (an @supports block for older browsers) is its stand-in there.
      if (!fallbacks.has(name)) fallbacks.set(name, rest.slice(0, end));
    }
    assert.deepEqual(names(element.cssProperties), [...fallbacks.keys()].sort());
    // The build squeezes the stylesheet: no spaces, no leading zero (0.5rem is .5rem there).
    const squeeze = (text) => text.replace(/\s+/g, '').replace(/(?<![\d.])0\./g, '.');
    for (const { name, syntax, default: fallback } of element.cssProperties) {
      assert.ok(syntax, `${name} has no syntax`);
      assert.equal(squeeze(fallback), squeeze(fallbacks.get(name)), `${name}'s default`);
    }
  });

  it('lists every attribute the element observes or the widget reads from it, with types', () => {
    const kebab = (name) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    const read = new Set([...seen.observedAttributes, ...ELEMENT_OPTIONS.map(kebab)]);
    assert.deepEqual(names(element.attributes), [...read].sort());
    for (const { name, type } of element.attributes) assert.ok(type?.text, `attribute ${name} has no type`);
  });

  it('lists every public property and method, with types, and nothing the element lacks', () => {
    const listed = new Set(element.members.map(({ name }) => name));
    // Lifecycle callbacks are the browser's to call, not API (the analyzer leaves them out).
    const lifecycle = ['constructor', 'connectedCallback', 'disconnectedCallback', 'attributeChangedCallback'];
    for (const name of [...seen.reactiveProperties, ...seen.instanceFields, ...seen.methods.filter((name) => !lifecycle.includes(name))]) {
      assert.ok(listed.has(name), `${name} is missing`);
    }
    assert.deepEqual(seen.onElement.sort(), [...listed].sort(), 'members the element does not have');
    for (const member of element.members) {
      const type = member.kind === 'field' ? member.type?.text : member.return?.type?.text;
      assert.ok(type, `${member.name} has no type`);
      for (const parameter of member.parameters ?? []) assert.ok(parameter.type?.text, `${member.name}(${parameter.name}) has no type`);
    }
  });

  it('lists every event the widget dispatches from the element, with types', () => {
    const sources = (folder) =>
      readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? sources(join(folder, entry.name)) : entry.name.endsWith('.js') ? [readFileSync(join(folder, entry.name), 'utf8')] : [],
      );
    const dispatched = new Set(sources(join(root, 'dist/esm')).flatMap((code) => [...code.matchAll(/["'](ib-consent-[a-z-]+)["']/g)].map(([, name]) => name)));
    assert.deepEqual(names(element.events), [...dispatched].sort());
    for (const { name, type } of element.events) {
      assert.match(type?.text ?? '', /^CustomEvent<.+>$/, `${name} has no detail type`);
      assert.ok(seen.heardEvents.some(([type, target]) => type === name && target === 'ib-cookie-consent'), `${name} never came from the element`);
    }
  });
});
