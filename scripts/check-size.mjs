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

/** The add-ons: each only on the pages that need it, so each has its own, smaller budget. */
const ADD_ONS = [
  ['ib-cookie-consent-embeds.js', 2_600, 'only on pages with embeds'],
  ['ib-cookie-consent-gtm.js', 1_600, 'only on Tag Manager sites'],
  ['ib-cookie-consent-receipts.js', 1_300, 'only on sites that keep receipts'],
];
for (const [name, limit, where] of ADD_ONS) {
  const size = gzipSync(readFileSync(new URL(`../dist/${name}`, import.meta.url)), { level: 9 }).length;
  console.log(`${size <= limit ? 'SIZE OK' : 'SIZE FAIL'} dist/${name} is ${size} bytes min+gzip (limit ${limit}; ${where})`);
  if (size > limit) process.exitCode = 1;
}
