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
 *
 * Each receipt goes out at once, in the order the decisions were made, and is not cancelled:
 * one that waited for the answer to an earlier one would die with the page if the visitor left
 * first, and the earlier cookie would stand; cancelling (abort) does not stop a keepalive request
 * in Chromium. So the receiver orders them: it re-issues no cookie for a receipt older than one
 * it already has of the same consent (server/receipt-receiver.mjs). Returns the unsubscribe.
 */
export function sendReceipts(store: ConsentStore, receiptUrl: string, { copy, categories, lang, cookieDomain, cookieDays }: ReceiptSettings): () => void {
  // Over the copy's canonical form (README: "Consent receipts"). crypto.subtle exists only in secure contexts.
  const textHash = crypto.subtle
    ?.digest('SHA-256', new TextEncoder().encode(JSON.stringify([Object.entries(copy).sort(), categories])))
    .then((hash) => [...new Uint8Array(hash)].map((byte) => (byte + 256).toString(16).slice(1)).join(''));
  return store.subscribeDecisions(async (record, withdrawn) => {
    const decision = record ?? withdrawn;
    // reset() with nothing stored withdraws nothing.
    if (!decision) return;
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
        // Goes out even when the visitor leaves the page right after choosing.
        keepalive: true,
        // credentials: 'same-origin' is fetch's default: the site's cookies go along, to no one else.
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...receipt, textHash: (await textHash) ?? null }),
        // Only so that a receiver that never answers is reported.
        signal: AbortSignal.timeout?.(1e4),
      });
      if (!response.ok) throw response.status;
    } catch (error) {
      report(`Receipt to ${receiptUrl} failed (${error}); the choice stands.`);
    }
  });
}
