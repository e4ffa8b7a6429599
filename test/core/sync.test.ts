import { expect } from '@open-wc/testing';
import type { ConsentStore } from '../../src/core/consent.js';
import { followOtherPages } from '../../src/core/sync.js';

/** Resolves after `ms` milliseconds. */
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('followOtherPages', () => {
  it("re-reads the cookie when another tab says it changed, and once more after its write has surely landed", async () => {
    let reads = 0;
    const store = { refresh: () => void reads++, subscribe: () => () => {} } as unknown as ConsentStore;
    followOtherPages(store);
    // Another tab of the same origin: its own channel of the same name.
    const otherTab = new BroadcastChannel('ib-cookie-consent');
    otherTab.postMessage(0);
    await wait(200);
    expect(reads, 'at once').to.equal(1);
    await wait(600);
    expect(reads, 'and again, for a cookie view that lagged behind the message').to.equal(2);
    otherTab.close();
  });

  it('tells the other tabs after every change in this one', async () => {
    let listener: (() => void) | undefined;
    const store = { refresh: () => {}, subscribe: (heard: () => void) => ((listener = heard), () => {}) } as unknown as ConsentStore;
    followOtherPages(store);
    const otherTab = new BroadcastChannel('ib-cookie-consent');
    const told = new Promise((resolve) => (otherTab.onmessage = resolve));
    listener!();
    await told;
    otherTab.close();
  });
});
