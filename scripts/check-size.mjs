/**
 * The size budget every visitor pays: dist/ib-cookie-consent.js, min+gzip (level 9), Lit,
 * js-cookie and CSS included. Fails above the limit; says how far from the target it is.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const LIMIT = 12_400;
const TARGET = 9_300;
const file = new URL('../dist/ib-cookie-consent.js', import.meta.url);
const bytes = gzipSync(readFileSync(file), { level: 9 }).length;
const verdict = bytes <= LIMIT ? 'SIZE OK' : 'SIZE FAIL';
console.log(`${verdict} dist/ib-cookie-consent.js is ${bytes} bytes min+gzip (limit ${LIMIT}, target ${TARGET})`);
process.exitCode = bytes <= LIMIT ? 0 : 1;

// The embeds add-on: only pages with gated iframes include it, so it has its own, smaller budget.
const EMBEDS_LIMIT = 2_600;
const embeds = gzipSync(readFileSync(new URL('../dist/ib-cookie-consent-embeds.js', import.meta.url)), { level: 9 }).length;
const embedsVerdict = embeds <= EMBEDS_LIMIT ? 'SIZE OK' : 'SIZE FAIL';
console.log(`${embedsVerdict} dist/ib-cookie-consent-embeds.js is ${embeds} bytes min+gzip (limit ${EMBEDS_LIMIT}; only on pages with embeds)`);
if (embeds > EMBEDS_LIMIT) process.exitCode = 1;

// The Tag Manager add-on: only sites that use Tag Manager include it, so it has its own, small budget.
const GTM_LIMIT = 1_500;
const gtm = gzipSync(readFileSync(new URL('../dist/ib-cookie-consent-gtm.js', import.meta.url)), { level: 9 }).length;
const gtmVerdict = gtm <= GTM_LIMIT ? 'SIZE OK' : 'SIZE FAIL';
console.log(`${gtmVerdict} dist/ib-cookie-consent-gtm.js is ${gtm} bytes min+gzip (limit ${GTM_LIMIT}; only on Tag Manager sites)`);
if (gtm > GTM_LIMIT) process.exitCode = 1;
