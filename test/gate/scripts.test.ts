import { expect } from '@open-wc/testing';
import { createConsentStore } from '../../src/core/consent.js';
import type { ConsentStore } from '../../src/core/consent.js';
import { gateScripts } from '../../src/gate/scripts.js';
import { forgetReports } from '../../src/core/log.js';
import { captureConsole, clearCookies } from '../helpers.js';

const CATEGORIES = [{ id: 'necessary' }, { id: 'analytics' }, { id: 'marketing' }];
const globals = window as unknown as Record<string, number | undefined>;
const RUN_COUNTERS = ['gatedInlineRuns', 'gatedSrcRuns', 'gatedOtherRuns', 'gatedLaterRuns'];

/** A `<script type="text/plain" data-consent=…>` as a site writes it. */
function waitingScript(attributes: Record<string, string>, text = ''): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'text/plain';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  script.text = text;
  return script;
}

function addWaitingScript(attributes: Record<string, string>, text = '', parent: Element = document.body): HTMLScriptElement {
  const script = waitingScript(attributes, text);
  parent.append(script);
  return script;
}

/** Increments a window counter when run. */
const counting = (name: string) => `window.${name} = (window.${name} || 0) + 1;`;

/** Lets the MutationObserver deliver: its records arrive in a microtask, a task later is safe. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

const waiting = () => document.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-consent]');

describe('gateScripts', () => {
  let store: ConsentStore;
  let stop: (() => void) | undefined;
  let container: HTMLElement;

  beforeEach(() => {
    forgetReports();
    clearCookies();
    store = createConsentStore({ categories: CATEGORIES, revision: 1, cookieDays: 365 });
    container = document.createElement('div');
    document.body.append(container);
    RUN_COUNTERS.forEach((name) => delete globals[name]);
  });

  afterEach(() => {
    stop?.();
    stop = undefined;
    container.remove();
    document.querySelectorAll('script[data-consent]').forEach((script) => script.remove());
    RUN_COUNTERS.forEach((name) => delete globals[name]);
    clearCookies();
  });

  it('leaves a script waiting while its category is not granted', () => {
    addWaitingScript({ 'data-consent': 'analytics' }, counting('gatedInlineRuns'), container);
    stop = gateScripts(store);
    store.rejectAll();
    store.accept(['marketing']);
    expect(globals.gatedInlineRuns).to.equal(undefined);
    expect(waiting()).to.have.length(1);
  });

  it('runs an inline script once its category is granted, and only once', () => {
    addWaitingScript({ 'data-consent': 'analytics' }, counting('gatedInlineRuns'), container);
    stop = gateScripts(store);
    store.accept(['analytics']);
    store.accept(['analytics', 'marketing']);
    store.rejectAll();
    store.accept(['analytics']);
    expect(globals.gatedInlineRuns).to.equal(1);
    expect(waiting()).to.have.length(0);
  });

  it('runs a waiting script at once when consent is already stored', () => {
    store.accept(['analytics']);
    addWaitingScript({ 'data-consent': 'analytics' }, counting('gatedInlineRuns'), container);
    stop = gateScripts(store);
    expect(globals.gatedInlineRuns).to.equal(1);
  });

  it('loads a src script with its attributes, in order (not async)', async () => {
    addWaitingScript({ 'data-consent': 'analytics', src: '/test/fixtures/gated.js', id: 'gated', 'data-x': 'y' }, '', container);
    stop = gateScripts(store);
    store.accept(['analytics']);
    const script = document.getElementById('gated') as HTMLScriptElement;
    expect(script.type).to.equal('');
    expect(script.dataset.x).to.equal('y');
    expect(script.async).to.equal(false);
    await new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    expect(globals.gatedSrcRuns).to.equal(1);
  });

  it('keeps async for a waiting script that asks for it', () => {
    addWaitingScript({ 'data-consent': 'analytics', async: '', id: 'gated-async' }, counting('gatedInlineRuns'), container);
    stop = gateScripts(store);
    store.accept(['analytics']);
    expect((document.getElementById('gated-async') as HTMLScriptElement).async).to.equal(true);
  });

  it('waits for every category a script names', () => {
    addWaitingScript({ 'data-consent': ' analytics   marketing ' }, counting('gatedInlineRuns'), container);
    stop = gateScripts(store);
    store.accept(['analytics']);
    expect(globals.gatedInlineRuns).to.equal(undefined);
    store.accept(['marketing']);
    expect(globals.gatedInlineRuns).to.equal(undefined);
    store.accept(['analytics', 'marketing']);
    expect(globals.gatedInlineRuns).to.equal(1);
  });

  it('runs a script gated on necessary at once', () => {
    addWaitingScript({ 'data-consent': 'necessary' }, counting('gatedInlineRuns'), container);
    stop = gateScripts(store);
    expect(globals.gatedInlineRuns).to.equal(1);
  });

  describe('on a page with a CSP nonce', () => {
    it('runs a waiting script that carries the nonce, with the nonce', async () => {
      addWaitingScript(
        { 'data-consent': 'analytics', src: '/test/fixtures/gated.js', id: 'gated', nonce: 'abc', 'data-x': 'y' },
        '',
        container,
      );
      stop = gateScripts(store, 'abc');
      store.accept(['analytics']);
      const script = document.getElementById('gated') as HTMLScriptElement;
      expect(script.type).to.equal('');
      expect(script.nonce).to.equal('abc');
      expect(script.dataset.x).to.equal('y');
      await new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
      expect(globals.gatedSrcRuns).to.equal(1);
    });

    it('runs only the waiting scripts whose nonce is the page\'s; the others never, and says so', () => {
      addWaitingScript({ 'data-consent': 'analytics', nonce: 'abc' }, counting('gatedInlineRuns'), container);
      addWaitingScript({ 'data-consent': 'analytics' }, `/* no nonce */ ${counting('gatedOtherRuns')}`, container);
      addWaitingScript({ 'data-consent': 'analytics', nonce: 'abd' }, `/* wrong nonce */ ${counting('gatedOtherRuns')}`, container);
      const console = captureConsole();
      try {
        stop = gateScripts(store, 'abc');
        store.accept(['analytics']);
        // Not retried on a later change either.
        store.reset();
        store.accept(['analytics', 'marketing']);
      } finally {
        console.restore();
      }
      expect(globals.gatedInlineRuns).to.equal(1);
      expect(globals.gatedOtherRuns).to.equal(undefined);
      expect(console.errors).to.have.length(2);
      for (const error of console.errors) expect(error).to.contain('nonce');
      expect(console.errors.join('\n')).to.contain('no nonce').and.to.contain('wrong nonce');
    });

    it('does not even consider a script without the nonce before its category is granted', () => {
      addWaitingScript({ 'data-consent': 'marketing' }, `/* not yet */ ${counting('gatedOtherRuns')}`, container);
      const console = captureConsole();
      try {
        stop = gateScripts(store, 'abc');
        store.accept(['analytics']);
      } finally {
        console.restore();
      }
      expect([...console.warnings, ...console.errors]).to.deep.equal([]);
      expect(waiting()).to.have.length(1);
    });
  });

  it('never runs a script naming an unknown category, and names it', () => {
    addWaitingScript({ 'data-consent': 'analytics tracking' }, counting('gatedOtherRuns'), container);
    const console = captureConsole();
    try {
      stop = gateScripts(store);
      store.acceptAll();
      store.accept(['analytics', 'marketing', 'tracking']);
    } finally {
      console.restore();
    }
    expect(globals.gatedOtherRuns).to.equal(undefined);
    const named = console.warnings.filter((warning) => warning.includes('data-consent'));
    expect(named).to.have.length(1);
    expect(named[0]).to.contain('"tracking"').and.to.contain('necessary,analytics,marketing');
  });

  describe('scripts added later (single-page apps)', () => {
    it('runs one added before consent after the next change', async () => {
      stop = gateScripts(store);
      addWaitingScript({ 'data-consent': 'analytics' }, counting('gatedLaterRuns'), container);
      await nextTask();
      expect(globals.gatedLaterRuns).to.equal(undefined);
      store.accept(['analytics']);
      expect(globals.gatedLaterRuns).to.equal(1);
    });

    it('runs one added when consent is already granted, without a change', async () => {
      stop = gateScripts(store);
      store.accept(['analytics']);
      addWaitingScript({ 'data-consent': 'analytics' }, counting('gatedLaterRuns'), container);
      expect(globals.gatedLaterRuns).to.equal(undefined);
      await nextTask();
      expect(globals.gatedLaterRuns).to.equal(1);
    });

    it('runs ones in a view added as markup, deep in the page', async () => {
      store.accept(['analytics']);
      stop = gateScripts(store);
      const view = document.createElement('section');
      view.innerHTML = `<div><p>view</p><script type="text/plain" data-consent="analytics">${counting('gatedLaterRuns')}</script></div>`;
      container.append(view);
      await nextTask();
      expect(globals.gatedLaterRuns).to.equal(1);
    });

    it('keeps one added later waiting while its category is refused', async () => {
      store.rejectAll();
      stop = gateScripts(store);
      addWaitingScript({ 'data-consent': 'analytics' }, counting('gatedLaterRuns'), container);
      await nextTask();
      expect(globals.gatedLaterRuns).to.equal(undefined);
      expect(waiting()).to.have.length(1);
    });

    it('checks the nonce of one added later', async () => {
      store.accept(['analytics']);
      const console = captureConsole();
      try {
        stop = gateScripts(store, 'abc');
        addWaitingScript({ 'data-consent': 'analytics' }, `/* later, no nonce */ ${counting('gatedOtherRuns')}`, container);
        addWaitingScript({ 'data-consent': 'analytics', nonce: 'abc' }, counting('gatedLaterRuns'), container);
        await nextTask();
      } finally {
        console.restore();
      }
      expect(globals.gatedLaterRuns).to.equal(1);
      expect(globals.gatedOtherRuns).to.equal(undefined);
      expect(console.errors.join('\n')).to.contain('later, no nonce');
    });
  });

  describe('once unsubscribed', () => {
    it('no longer reacts to consent changes', () => {
      addWaitingScript({ 'data-consent': 'analytics' }, counting('gatedInlineRuns'), container);
      stop = gateScripts(store);
      stop();
      store.accept(['analytics']);
      expect(globals.gatedInlineRuns).to.equal(undefined);
    });

    it('no longer runs scripts added later', async () => {
      store.accept(['analytics']);
      stop = gateScripts(store);
      stop();
      addWaitingScript({ 'data-consent': 'analytics' }, counting('gatedLaterRuns'), container);
      await nextTask();
      expect(globals.gatedLaterRuns).to.equal(undefined);
    });
  });
});
