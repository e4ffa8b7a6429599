import { CONSENT_COOKIE, expiresAt, readConsentCookies, removeCookies, writeConsentCookie } from './cookie.js';
import type { ConsentCookieSettings } from './cookie.js';
import { report } from './log.js';
import { NECESSARY, createConsentRecord, isChange, parseConsentRecord } from './record.js';
import type { ConsentRecord } from './record.js';

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

/**
 * The visitor's consent: read from the cookie, changed by a choice (written back at once) or by
 * `refresh()` when another tab or page changed the cookie. Knows nothing of the page: listeners
 * turn changes into events, banners and tags. A change is defined once, by `isChange`: a choice
 * made or removed, or a different set of categories granted; repeating a choice is not one.
 * Its methods are bound, so they can be handed out as they are (`window.ibConsent`), and
 * none of them throws, whatever it is given.
 */
export class ConsentStore {
  #record: ConsentRecord | null = null;
  /** Whether #record is what the cookie holds; false when the browser would not store it. */
  #persisted = true;
  readonly #listeners = new Set<(change: ConsentChange) => void>();
  readonly #ids: string[];

  constructor(readonly settings: ConsentStoreSettings) {
    this.#ids = settings.categories.map(({ id }) => id);
    this.#record = this.#readValidRecord();
  }

  /** The current choice, or `null` while the visitor still has to choose. */
  get = (): ConsentRecord | null => this.#record;

  /** Whether a category is granted now; `necessary` always is. */
  has = (category: string): boolean => category === NECESSARY || !!this.#record?.categories.includes(category);

  /** Records a choice that grants exactly these categories (plus `necessary`); unknown ids are left out. */
  accept = (categories: readonly string[]): void => {
    if (!Array.isArray(categories) || !categories.every((id) => typeof id === 'string')) {
      return report('error', `accept() takes a list of category ids, like accept(['analytics']), not ${JSON.stringify(categories)}; nothing changed.`);
    }
    const unknown = categories.filter((id) => !this.#ids.includes(id));
    if (unknown.length) report('warn', `accept(): unknown categories ${unknown.join(', ')} left out; known: ${this.#ids.join(', ')}.`);
    const record = createConsentRecord(categories.filter((id) => this.#ids.includes(id)), this.settings.revision, this.#record);
    this.#persisted = writeConsentCookie(record, this.settings);
    this.#set(record);
  };

  acceptAll = (): void => this.accept(this.#ids);

  rejectAll = (): void => this.accept([]);

  /** Withdraws every choice and deletes the cookie, so the visitor is asked again. */
  reset = (): void => {
    removeCookies([CONSENT_COOKIE]);
    this.#persisted = true;
    this.#set(null);
  };

  /**
   * Re-reads the cookie, which another tab, another subdomain or an earlier page (back button)
   * may have changed; a change found this way is reported like any other.
   */
  refresh = (): void => {
    if (!this.#persisted) return;
    const stored = this.#readValidRecord();
    if (JSON.stringify(stored) !== JSON.stringify(this.#record)) this.#set(stored);
  };

  /** Resolves once the category is granted: at once if it already is. */
  whenGranted = (category: string): Promise<void> =>
    new Promise((resolve) => {
      if (typeof category !== 'string') report('error', `whenGranted() takes a category id, like whenGranted('analytics').`);
      if (this.has(category)) return resolve();
      const unsubscribe = this.subscribe(() => {
        if (this.has(category)) {
          unsubscribe();
          resolve();
        }
      });
    });

  /** Calls the listener after every change; returns a function that stops it. */
  subscribe(listener: (change: ConsentChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(record: ConsentRecord | null): void {
    const previous = this.#record;
    this.#record = record;
    if (!isChange(previous, record)) return;
    const before = previous?.categories ?? [NECESSARY];
    const after = record?.categories ?? [NECESSARY];
    const change: ConsentChange = {
      record,
      granted: after.filter((id) => !before.includes(id)),
      revoked: before.filter((id) => !after.includes(id)),
    };
    for (const listener of this.#listeners) {
      // One failing reaction (a site's listener, a blocked tag) must not stop the others.
      try {
        listener(change);
      } catch (error) {
        report('error', `A consent listener failed: ${error}`);
      }
    }
  }

  /** The newest valid stored choice that still counts: right revision, not expired. */
  #readValidRecord(): ConsentRecord | null {
    let newest: ConsentRecord | null = null;
    for (const raw of readConsentCookies()) {
      const record = parseConsentRecord(raw);
      if (!record) report('warn', `Invalid ${CONSENT_COOKIE} cookie ignored: ${raw.slice(0, 200)}`);
      else if (!newest || Date.parse(record.updatedAt) > Date.parse(newest.updatedAt)) newest = record;
    }
    // An older policy revision or an old choice is no longer informed consent: ask again.
    if (!newest || newest.revision < this.settings.revision || expiresAt(newest, this.settings.cookieDays) <= Date.now()) return null;
    return newest;
  }
}
