/**
 * The consent-receipts add-on, `dist/ib-cookie-consent-receipts.js`: a second script tag, only on
 * sites that keep proof of consent, so that no other site's visitors download it.
 *
 * ```html
 * <script src="/ib-cookie-consent.js" data-privacy-url="/privacyverklaring"></script>
 * <script src="/ib-cookie-consent-receipts.js" data-receipt-url="/api/consent-receipts"></script>
 * ```
 *
 * Nothing here may throw into the page: an add-on that cannot start sends nothing, and the
 * visitor's choices work as without it.
 */
import { checkedUrl } from '../checked-url.js';
import { report } from '../core/log.js';
import { startAddOn } from '../start-add-on.js';
import { sendReceipts } from './send-receipts.js';

// Types only (the built file exports nothing): what a site's receiver gets, for its own code.
export type { ConsentReceipt } from './send-receipts.js';

// A second copy would send every receipt twice.
startAddOn('receipts', 'Receipts', (script) => {
  const raw = script?.dataset.receiptUrl ?? '';
  const url = checkedUrl(raw);
  // Of this origin: a browser ignores a Set-Cookie from another one (no Safari fix then), and a
  // receipt is the visitor's data, for the site alone.
  if (url?.origin == location.origin) sendReceipts(url.href);
  else report(`Receipts: data-receipt-url "${raw}" must be a path on this site, like /api/consent-receipts; nothing is sent.`);
});
