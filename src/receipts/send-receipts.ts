/**
 * What the receipts add-on does: after every decision made on this page (a choice, a change, a
 * withdrawal, `reset()`, the privacy-signal refusal) it posts a receipt to the site's own
 * receiver, so the site can show that consent was given (GDPR art. 7(1)), and so the receiver can
 * re-issue the cookie from the server, which Safari does not cap at 7 days as it caps one written
 * by JavaScript. The fields: server/receipt.schema.json and the README's "Consent receipts".
 *
 * Works through the widget's public API alone (`window.ibConsent`, its `config`, and its events
 * on `document`). The record comes from `ibConsent.get()`, never from an event's detail, which
 * any script could dispatch. The widget has written the cookie before the event: a failing or
 * hanging receiver never delays or undoes a choice.
 */
import { expiresAt } from '../core/cookie.js';
import { report } from '../core/log.js';
import type { ConsentChange } from '../core/consent.js';
import type { ConsentRecord } from '../core/record.js';
import { runningApi } from '../running-api.js';
import type { ConsentApi } from '../start.js';

/** What a receiver is given for one decision: the record's own fields, then how and where it was decided. */
export interface ConsentReceipt extends Required<ConsentRecord> {
  /** The language of the copy the visitor saw. */
  language: string;
  /** SHA-256 (hex) of that copy in its canonical form; `null` where `crypto.subtle` is missing (not a secure context). */
  textHash: string | null;
  /** Origin and path: a query string or fragment can hold personal data. */
  page: string;
  version: string;
  /** The cookie's Domain attribute, `null` for this host only: the receiver re-issues it exactly. */
  domain: string | null;
  /** When the cookie expires; `null` after `reset()`, which leaves none. */
  expires: string | null;
}

/**
 * The copy's canonical form, which a site can rebuild from the copy it configured (README): every
 * text of the banner and dialog as [key, text] pairs sorted by key, then the categories as shown.
 */
export function canonicalCopy({ copy, categories }: NonNullable<ConsentApi['config']>): string {
  return JSON.stringify([Object.entries(copy).sort(), categories]);
}

/** Hex SHA-256 of the text; `null` where there is no `crypto.subtle` (a page that is not a secure context). */
async function sha256(text: string): Promise<string | null> {
  if (!crypto.subtle) return null;
  const hash = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(hash)].map((byte) => (byte + 256).toString(16).slice(1)).join('');
}

/**
 * Posts a receipt of every decision made on this page to `url` (already checked: a path on this
 * origin, since a browser ignores a Set-Cookie from another one).
 *
 * Each receipt goes out at once, in the order the decisions were made, and is never held back:
 * one that waited for the answer to an earlier one would die with the page if the visitor left
 * first, and the older cookie would stand. So the receiver orders them (it re-issues no cookie for
 * a receipt older than one it already has of the same consent), and this page makes sure the
 * newest decision's cookie is the one that stays: an answer to an older receipt that comes back
 * after a newer decision was made (its Set-Cookie may have put the older choice back) sends the
 * newest receipt again.
 */
export function sendReceipts(url: string): void {
  let api = runningApi();
  /** The record as last seen, so that `reset()` can say which consent it withdrew. */
  let last = api?.get() ?? null;
  let textHash: Promise<string | null> | undefined;
  /** The newest receipt sent, to send again after a late answer to an older one. */
  let newest: ConsentReceipt | undefined;

  /** The widget's API once it runs; the copy is hashed from then on, so no receipt waits for it. */
  const follow = () => {
    api ??= runningApi();
    const config = api?.config;
    if (api && !config) report('Receipts: this add-on needs ib-cookie-consent 0.2 or later (ibConsent.config); nothing is sent.');
    if (config) textHash ??= sha256(canonicalCopy(config)).catch(() => null);
    return config;
  };

  const post = async (receipt: ConsentReceipt) => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        // Goes out even when the visitor leaves the page right after choosing.
        keepalive: true,
        // credentials: 'same-origin' is fetch's default: the site's cookies go along, to no one else.
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(receipt),
        // Only so that a receiver that never answers is reported.
        signal: AbortSignal.timeout?.(1e4),
      });
      if (!response.ok) throw response.status;
    } catch (error) {
      report(`Receipts: sending to ${url} failed (${error}); the choice stands.`);
    }
    if (receipt != newest) void post(newest!);
  };

  const send = async (record: ConsentRecord | null, withdrawn: ConsentRecord | null) => {
    const config = follow();
    const decision = record ?? withdrawn;
    // reset() with nothing stored withdraws nothing.
    if (!config || !decision) return;
    // The record's own fields by name: a cookie written by a newer version may carry more.
    const { consentId, categories, revision, givenAt, updatedAt, source = 'api' } = decision;
    const hash = await textHash!;
    // Newest only once complete: a late answer may send it again at any moment from here on.
    const receipt: ConsentReceipt = (newest = {
      consentId,
      categories,
      revision,
      givenAt,
      updatedAt,
      source,
      // reset(), the API's alone: nothing granted, and no cookie left to re-issue.
      ...(!record && { categories: [], updatedAt: new Date().toISOString(), source: 'api' }),
      language: config.lang,
      textHash: hash,
      page: location.origin + location.pathname,
      version: api!.version,
      // A cookie's domain is case-insensitive; the receiver's schema takes it in lower case.
      domain: config.cookieDomain?.toLowerCase() ?? null,
      expires: record && new Date(expiresAt(record, config.cookieDays)).toISOString(),
    });
    void post(receipt);
  };

  // A decision the widget made on this page before the add-on ran (it started first) is sent now.
  // The page's start on the clock the record's dates use (performance.timeOrigin may drift from it).
  if (last && Date.parse(last.updatedAt) >= Date.now() - performance.now()) void send(last, null);
  else follow();
  document.addEventListener('ib-consent-ready', () => {
    follow();
    last = api?.get() ?? null;
  });
  document.addEventListener('ib-consent-change', (event: CustomEvent<ConsentChange>) => {
    follow();
    const previous = last;
    last = api?.get() ?? null;
    // A change another tab or subdomain made and reported itself.
    if (!event.detail?.elsewhere) void send(last, previous);
  });
}
