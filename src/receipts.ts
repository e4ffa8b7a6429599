import type { ConsentStore } from './core/consent.js';
import { expiresAt } from './core/cookie.js';
import { report } from './core/log.js';
import type { ResolvedConfig } from './options.js';
import { version } from './version.js';

/** What receipts need of the configuration: what the visitor saw, and the cookie the store wrote. */
export type ReceiptSettings = Pick<ResolvedConfig, 'copy' | 'categories' | 'lang' | 'cookieDomain' | 'cookieDays'>;

/**
 * Sends to `receiptUrl` (a path on this origin: a browser ignores a Set-Cookie from another one)
 * a receipt of every decision made on this page (a choice, a change, a withdrawal, `reset()`,
 * the privacy-signal refusal): so the site can show that consent was given (GDPR art. 7(1)), and
 * so its receiver can re-issue the cookie from the server, which Safari does not cap at 7 days as
 * it caps one written by JavaScript. The fields: src/receipt.schema.json and the README.
 * The store wrote the cookie before: a failing or hanging receiver never delays a choice.
 * Returns the unsubscribe.
 */
export function sendReceipts(store: ConsentStore, receiptUrl: string, { copy, categories, lang, cookieDomain, cookieDays }: ReceiptSettings): () => void {
  // Over the copy's canonical form (README: "Consent receipts"). crypto.subtle exists only in secure contexts.
  const textHash = crypto.subtle
    ?.digest('SHA-256', new TextEncoder().encode(JSON.stringify([Object.entries(copy).sort(), categories])))
    .then((hash) => [...new Uint8Array(hash)].map((byte) => (byte + 256).toString(16).slice(1)).join(''));
  let latest: AbortController | undefined;
  return store.subscribeDecisions(async (record, withdrawn) => {
    const decision = record ?? withdrawn;
    // reset() with nothing stored withdraws nothing.
    if (!decision) return;
    // One receipt on its way at a time: the answer to an older one would re-issue the older cookie
    // over this choice, even after the visitor left the page (keepalive), so it is cancelled.
    // (Waiting for it instead would leave the older cookie if the page is left before the answer.)
    latest?.abort();
    const request = (latest = new AbortController());
    setTimeout(() => request.abort('no answer in 10 s'), 1e4);
    const receipt = {
      // The record's own fields: consentId, categories, revision, givenAt, updatedAt, source.
      ...decision,
      // A withdrawal of the whole record (reset(), the API's alone): nothing granted, no cookie left.
      ...(!record && { categories: [], updatedAt: new Date().toISOString(), source: 'api' }),
      language: lang,
      page: location.origin + location.pathname,
      version,
      domain: cookieDomain ?? null,
      expires: record && new Date(expiresAt(record, cookieDays)).toISOString(),
    };
    try {
      const response = await fetch(receiptUrl, {
        method: 'POST',
        // Goes out even when the choice was the last thing done on the page.
        keepalive: true,
        // credentials: 'same-origin' is fetch's default: the site's cookies go along, to no one else.
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...receipt, textHash: (await textHash) ?? null }),
        signal: request.signal,
      });
      if (!response.ok) throw response.status;
    } catch (error) {
      // A receipt cancelled by a newer one did not fail.
      if (request == latest) report(`Receipt to ${receiptUrl} failed (${error}); the choice stands.`);
    }
  });
}
