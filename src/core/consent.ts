import { CONSENT_COOKIE, expiresAt, readConsentCookies, removeCookies, writeConsentCookie } from './cookie.js';
import type { ConsentCookieSettings } from './cookie.js';
import { report } from './log.js';
import { NECESSARY, createConsentRecord, isChange, parseConsentRecord } from './record.js';
import type { ConsentRecord, ConsentSource } from './record.js';

/** What one change of consent did: the `detail` of `ib-consent-change`. */
export interface ConsentChange {
  /** The record after the change; `null` after `reset()`. */
  record: ConsentRecord | null;
  /** Categories this change granted. */
  granted: string[];
  /** Categories this change withdrew. */
  revoked: string[];
  /**
   * `true` when the change was made elsewhere (another tab, another subdomain sharing the
   * cookie, a later page before Back) and only read here; absent for a decision made on this page.
   */
  elsewhere?: true;
}

export interface ConsentStoreSettings extends ConsentCookieSettings {
  /** Every configured category, `necessary` included. */
  categories: readonly { id: string }[];
  /** The current policy revision; a stored choice for a lower one is asked again. */
  revision: number;
}

/** The visitor's consent, as the rest of the widget and the site's code use it. */
export interface ConsentStore {
  readonly settings: ConsentStoreSettings;
  /** The current choice, or `null` while the visitor still has to choose. */
  get(): ConsentRecord | null;
  /** Whether a category is granted now; `necessary` always is. */
  has(category: string): boolean;
  /**
   * Records a choice that grants exactly these categories (plus `necessary`); unknown ids are
   * left out. `source` says where it was made; the site's code calling the API is `api`.
   * A choice that repeats the one in the cookie changes nothing, not even the cookie's date: a
   * cookie the site's server re-issued (which Safari does not cap at 7 days) stays as it is. (The
   * cookie, not memory: one cleared or expired since the page opened is written again.)
   */
  accept(categories: readonly string[], source?: ConsentSource): void;
  acceptAll(): void;
  rejectAll(): void;
  /** Withdraws every choice and deletes the cookie, so the visitor is asked again. */
  reset(): void;
  /**
   * Re-reads the cookie, which another tab, another subdomain or an earlier page (back button)
   * may have changed; a change found this way is reported like any other.
   */
  refresh(): void;
  /** Resolves once the category is granted: at once if it already is. */
  whenGranted(category: string): Promise<void>;
  /** Calls the listener after every change; returns a function that stops it. */
  subscribe(listener: (change: ConsentChange) => void): () => void;
}

/**
 * The visitor's consent: read from the cookie, changed by a choice (written back at once) or by
 * `refresh()` when another tab or page changed the cookie. Knows nothing of the page: listeners
 * turn changes into events, banners and tags. A change is defined once, by `isChange`: a choice
 * made or removed, or a different set of categories granted; repeating a choice is not one.
 * Its functions need no `this`, so they can be handed out as they are (`window.ibConsent`), and
 * none of them throws, whatever it is given.
 */
export function createConsentStore(settings: ConsentStoreSettings): ConsentStore {
  const ids = settings.categories.map(({ id }) => id);
  const listeners = new Set<(change: ConsentChange) => void>();
  /** Whether `record` is what the cookie holds; false when the browser would not store it. */
  let persisted = true;

  /** The newest valid stored choice that still counts: right revision, not expired. */
  const readValidRecord = (): ConsentRecord | null => {
    let newest: ConsentRecord | null = null;
    for (const raw of readConsentCookies()) {
      const stored = parseConsentRecord(raw);
      if (!stored) report(`Invalid ${CONSENT_COOKIE} cookie ignored: ${raw.slice(0, 200)}`, 'warn');
      else if (!newest || Date.parse(stored.updatedAt) > Date.parse(newest.updatedAt)) newest = stored;
    }
    // An older policy revision or an old choice is no longer informed consent: ask again.
    return newest && newest.revision >= settings.revision && expiresAt(newest, settings.cookieDays) > Date.now() ? newest : null;
  };
  let record = readValidRecord();

  const set = (next: ConsentRecord | null, elsewhere?: true) => {
    const previous = record;
    record = next;
    if (!isChange(previous, next)) return;
    const before = previous?.categories ?? [NECESSARY];
    const after = next?.categories ?? [NECESSARY];
    const change: ConsentChange = {
      record: next,
      granted: after.filter((id) => !before.includes(id)),
      revoked: before.filter((id) => !after.includes(id)),
      elsewhere,
    };
    for (const listener of listeners) {
      // One failing reaction (a site's listener, a blocked tag) must not stop the others.
      try {
        listener(change);
      } catch (error) {
        report(`Listener failed: ${error}`);
      }
    }
  };

  // Only a category this page configures: a cookie shared across subdomains may grant one that a
  // page without it must not act on (marketing's ad signals on a subdomain that has none).
  const has = (category: string) => category === NECESSARY || (ids.includes(category) && !!record?.categories.includes(category));
  const subscribe = (listener: (change: ConsentChange) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  const accept = (categories: readonly string[], source: ConsentSource = 'api') => {
    if (!Array.isArray(categories) || !categories.every((id) => typeof id === 'string')) {
      return report(`accept(${JSON.stringify(categories)}) ignored: use accept(['analytics']).`);
    }
    // An id that is no category (a typo) grants nothing, and is not stored.
    const unknown = categories.filter((id) => !ids.includes(id));
    if (unknown.length) report(`accept(): ${unknown} is no category (${ids}); left out.`, 'warn');
    const next = createConsentRecord(categories.filter((id) => ids.includes(id)), settings.revision, record, source);
    if (!isChange(readValidRecord(), next)) return;
    persisted = writeConsentCookie(next, settings);
    set(next);
  };

  return {
    settings,
    get: () => record,
    has,
    accept,
    acceptAll: () => accept(ids),
    rejectAll: () => accept([]),
    reset: () => {
      removeCookies([CONSENT_COOKIE]);
      persisted = true;
      set(null);
    },
    // set() announces only a change: the same choice read again (or renewed elsewhere) is none.
    refresh: () => persisted && set(readValidRecord(), true),
    whenGranted: (category) =>
      new Promise((resolve) => {
        if (typeof category !== 'string') report(`Use whenGranted('analytics').`);
        if (has(category)) return resolve();
        const unsubscribe = subscribe(() => {
          if (has(category)) {
            unsubscribe();
            resolve();
          }
        });
      }),
    subscribe,
  };
}
