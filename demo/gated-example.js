// Stands for a site's own analytics snippet: it runs only after analytics consent.
window.gatedExampleRan = true;
document.dispatchEvent(new Event('demo-gated-ran'));
