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
    consentId: previous?.consentId ?? randomConsentId(),
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
 * A random consent id: 128 bits from `crypto.getRandomValues` in one call, written as four
 * numbers joined by `-`. Random and unique is all a consent log needs of it. Not a UUID:
 * `crypto.randomUUID` exists only in secure contexts (not on a plain-http page), and one built by
 * hand took a call to the generator per digit and twice the bytes.
 */
export function randomConsentId(): string {
  return crypto.getRandomValues(new Uint32Array(4)).join('-');
}
