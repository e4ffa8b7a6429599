// Shows the widget's state as a visitor changes it, using only the public API and events.
const show = () => {
  const state = (key) => document.querySelector(`[data-state="${key}"]`);
  const consent = window.ibConsent;
  if (!consent) return;
  state('analytics').textContent = consent.has('analytics') ? 'granted' : 'not granted';
  state('gtag').textContent = window.gtagStubLoads ? 'yes' : 'no';
  state('gated').textContent = window.gatedExampleRan ? 'yes' : 'no';
  const record = consent.get();
  state('cookie').textContent = record ? JSON.stringify(record, null, 1) : '(none: no choice yet)';
};

// The embed snippet and JSON block this page really uses, shown as text.
document.getElementById('embed-source').textContent = [
  document.querySelector('script[src$="ib-cookie-consent.js"]'),
  document.getElementById('ib-cookie-consent-config'),
  document.querySelector('script[src$="ib-cookie-consent-receipts.js"]'),
]
  .map((element) => element.outerHTML)
  .join('\n');

for (const type of ['ib-consent-ready', 'ib-consent-change', 'demo-gtag-loaded', 'demo-gated-ran']) {
  document.addEventListener(type, show);
}
document.addEventListener('click', (event) => {
  const call = event.target.closest('[data-call]')?.dataset.call;
  if (call) window.ibConsent?.[call]();
});
show();
