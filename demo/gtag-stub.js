// Local stand-in for Google's gtag.js: proves when the widget loads it, sends nothing anywhere.
window.gtagStubLoads = (window.gtagStubLoads || 0) + 1;
console.info('[demo] gtag.js stand-in loaded; the data layer so far:', window.dataLayer);
document.dispatchEvent(new Event('demo-gtag-loaded'));
