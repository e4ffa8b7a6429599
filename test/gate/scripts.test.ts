import { expect } from '@open-wc/testing';
import { activateGatedScripts } from '../../src/gate/scripts.js';

const globals = window as unknown as Record<string, number | undefined>;
const granted = (...ids: string[]) => (id: string) => ids.includes(id);

function addWaitingScript(attributes: Record<string, string>, text = ''): void {
  const script = document.createElement('script');
  script.type = 'text/plain';
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  script.text = text;
  document.body.append(script);
}

describe('activateGatedScripts', () => {
  beforeEach(() => {
    document.querySelectorAll('script[data-consent]').forEach((script) => script.remove());
    delete globals.gatedInlineRuns;
    delete globals.gatedSrcRuns;
  });

  it('leaves a script waiting while its category is not granted', () => {
    addWaitingScript({ 'data-consent': 'analytics' }, 'window.gatedInlineRuns = 1;');
    activateGatedScripts(granted());
    expect(globals.gatedInlineRuns).to.equal(undefined);
    expect(document.querySelector<HTMLScriptElement>('script[data-consent]')!.type).to.equal('text/plain');
  });

  it('runs an inline script once its category is granted, and only once', () => {
    addWaitingScript({ 'data-consent': 'analytics' }, 'window.gatedInlineRuns = (window.gatedInlineRuns || 0) + 1;');
    activateGatedScripts(granted('analytics'));
    activateGatedScripts(granted('analytics'));
    expect(globals.gatedInlineRuns).to.equal(1);
  });

  it('loads a src script with its attributes and the page nonce', async () => {
    addWaitingScript({ 'data-consent': 'analytics', src: '/test/fixtures/gated.js', id: 'gated', 'data-x': 'y' });
    activateGatedScripts(granted('analytics'), 'abc');
    const script = document.getElementById('gated') as HTMLScriptElement;
    expect(script.type).to.equal('');
    expect(script.dataset.x).to.equal('y');
    expect(script.nonce).to.equal('abc');
    await new Promise((resolve) => script.addEventListener('load', resolve, { once: true }));
    expect(globals.gatedSrcRuns).to.equal(1);
  });

  it('waits for every category a script names', () => {
    addWaitingScript({ 'data-consent': 'analytics marketing' }, 'window.gatedInlineRuns = 1;');
    activateGatedScripts(granted('analytics'));
    expect(globals.gatedInlineRuns).to.equal(undefined);
    activateGatedScripts(granted('analytics', 'marketing'));
    expect(globals.gatedInlineRuns).to.equal(1);
  });
});
