/** The visitor's choice as stored in the `ib_consent` cookie. */
export interface ConsentRecord {
  /** Ids of the granted categories; always includes `necessary`. */
  categories: string[];
  /** The policy revision the visitor agreed to; a higher configured revision asks again. */
  revision: number;
  /** Random id of this consent, so a choice can be traced in a consent log. */
  consentId: string;
  /** ISO 8601 time of the first choice. */
  givenAt: string;
  /** ISO 8601 time of the latest choice; expiry counts from here. */
  updatedAt: string;
  /** Where the latest choice was made; records written before version 0.2 have none. */
  source?: ConsentSource;
}

/**
 * How a choice was made: in the first layer, in the preferences dialog, by the site's code
 * through the API, or as the refusal the browser's Global Privacy Control signal stands for.
 */
export type ConsentSource = 'banner' | 'preferences' | 'api' | 'gpc';

export const NECESSARY = 'necessary';

/** Builds the record for a new choice, keeping the id and first date of an earlier one. */
export function createConsentRecord(
  categories: readonly string[],
  revision: number,
  previous: ConsentRecord | null,
  source: ConsentSource,
  now = new Date(),
): ConsentRecord {
  const time = now.toISOString();
  return {
    categories: [...new Set([NECESSARY, ...categories])],
    revision,
    consentId: previous?.consentId ?? randomUuid(),
    givenAt: previous?.givenAt ?? time,
    updatedAt: time,
    source,
  };
}

/** Clock skew tolerated between the device that wrote a record and this one. */
const SKEW = 864e5;

/**
 * Parses a stored cookie value: the record, or `null` when it is not one. A cookie that was
 * tampered with or written by an older version must never count as consent, nor one whose
 * dates cannot be (changed before it was given, or in the future), which would never expire.
 */
export function parseConsentRecord(raw: string): ConsentRecord | null {
  try {
    const record: ConsentRecord = JSON.parse(raw);
    const { categories, revision, consentId, givenAt, updatedAt } = record;
    const given = Date.parse(givenAt);
    const updated = Date.parse(updatedAt);
    return Array.isArray(categories) &&
      categories.every((id) => typeof id === 'string') &&
      categories.includes(NECESSARY) &&
      Number.isInteger(revision) &&
      revision >= 0 &&
      typeof consentId === 'string' &&
      /^[\w-]{1,64}$/.test(consentId) &&
      typeof givenAt === 'string' &&
      typeof updatedAt === 'string' &&
      given > 0 &&
      given <= updated &&
      updated <= Date.now() + SKEW
      ? record
      : null;
  } catch {
    // Not JSON, or null.
    return null;
  }
}

/** Whether going from one record to another is a change: a choice made or removed, or another set granted. */
export function isChange(before: ConsentRecord | null, after: ConsentRecord | null): boolean {
  const granted = (record: ConsentRecord | null) => record && String([...new Set(record.categories)].sort());
  return granted(before) !== granted(after);
}

/**
 * A version 4 UUID from `crypto.getRandomValues`, which works everywhere:
 * `crypto.randomUUID` exists only in secure contexts, not on a plain-http page.
 */
export function randomUuid(): string {
  return '10000000-1000-4000-8000-100000000000'.replace(/[018]/g, (digit) =>
    (+digit ^ (crypto.getRandomValues(new Uint8Array(1))[0] & (15 >> (+digit / 4)))).toString(16),
  );
}
