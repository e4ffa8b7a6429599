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
  /**
   * Calls the listener after every decision made on this page, once the cookie is written: a
   * choice (also one that repeats the stored one: the cookie is rewritten) or `reset()`; never
   * for a change read from elsewhere, which the page that made it reports. For records of
   * consent (receipts), not for reactions to it. Returns a function that stops it.
   */
  subscribeDecisions(listener: (record: ConsentRecord | null, previous: ConsentRecord | null) => void): () => void;
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
  const deciders = new Set<(record: ConsentRecord | null, previous: ConsentRecord | null) => void>();
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

  const set = (next: ConsentRecord | null) => {
    const previous = record;
    record = next;
    if (!isChange(previous, next)) return;
    const before = previous?.categories ?? [NECESSARY];
    const after = next?.categories ?? [NECESSARY];
    const change: ConsentChange = {
      record: next,
      granted: after.filter((id) => !before.includes(id)),
      revoked: before.filter((id) => !after.includes(id)),
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
  /** A decision made here: a change like any other, then told to those who keep a record of decisions. */
  const decide = (next: ConsentRecord | null) => {
    const previous = record;
    set(next);
    for (const listener of deciders) listener(next, previous);
  };

  const has = (category: string) => category === NECESSARY || !!record?.categories.includes(category);
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
    persisted = writeConsentCookie(next, settings);
    decide(next);
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
      decide(null);
    },
    refresh: () => {
      if (!persisted) return;
      const stored = readValidRecord();
      if (JSON.stringify(stored) !== JSON.stringify(record)) set(stored);
    },
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
    subscribeDecisions: (listener) => (deciders.add(listener), () => void deciders.delete(listener)),
  };
}
