import { CONSENT_COOKIE, expiresAt, readConsentCookie, removeCookies, writeConsentCookie } from './cookie.js';
import type { ConsentCookieSettings } from './cookie.js';
import { report } from './log.js';
import { NECESSARY, createConsentRecord, parseConsentRecord } from './record.js';
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
 * The visitor's consent: read from the cookie once, changed only by a choice, written back at
 * once. Knows nothing of the page: listeners turn changes into events, banners and tags.
 * Its methods are bound, so they can be handed out as they are (`window.ibConsent`).
 */
export class ConsentStore {
  #record: ConsentRecord | null;
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

  /**
   * Records a choice that grants exactly these categories (plus `necessary`). Ids are stored as
   * given, so a mistyped one grants nothing and shows in `debug()`'s raw cookie.
   */
  accept = (categories: readonly string[]): void => {
    const record = createConsentRecord(categories, this.settings.revision, this.#record);
    writeConsentCookie(record, this.settings);
    this.#change(record);
  };

  acceptAll = (): void => this.accept(this.#ids);

  rejectAll = (): void => this.accept([]);

  /** Withdraws every choice and deletes the cookie, so the visitor is asked again. */
  reset = (): void => {
    removeCookies([CONSENT_COOKIE]);
    this.#change(null);
  };

  /** Resolves once the category is granted: at once if it already is. */
  whenGranted = (category: string): Promise<void> =>
    new Promise((resolve) => {
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

  #change(record: ConsentRecord | null): void {
    const before = this.#record?.categories ?? [NECESSARY];
    const after = record?.categories ?? [NECESSARY];
    this.#record = record;
    const change: ConsentChange = {
      record,
      granted: after.filter((id) => !before.includes(id)),
      revoked: before.filter((id) => !after.includes(id)),
    };
    for (const listener of this.#listeners) listener(change);
  }

  #readValidRecord(): ConsentRecord | null {
    const raw = readConsentCookie();
    if (raw === undefined) return null;
    const record = parseConsentRecord(raw);
    if (!record) {
      report('warn', `Invalid ${CONSENT_COOKIE} cookie ignored: ${raw}`);
      return null;
    }
    // An older policy revision or an old choice is no longer informed consent: ask again.
    if (record.revision < this.settings.revision || expiresAt(record, this.settings.cookieDays) <= Date.now()) return null;
    return record;
  }
}
