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
}

export const NECESSARY = 'necessary';

/** Builds the record for a new choice, keeping the id and first date of an earlier one. */
export function createConsentRecord(
  categories: readonly string[],
  revision: number,
  previous: ConsentRecord | null,
  now = new Date(),
): ConsentRecord {
  const time = now.toISOString();
  return {
    categories: [...new Set([NECESSARY, ...categories])],
    revision,
    consentId: previous?.consentId ?? randomUuid(),
    givenAt: previous?.givenAt ?? time,
    updatedAt: time,
  };
}

/**
 * Parses a stored cookie value. Returns the record, or the name of what is wrong with it:
 * a bad cookie must never count as consent.
 */
export function parseConsentRecord(raw: string): ConsentRecord | string {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return 'not JSON';
  }
  const record = value as Partial<ConsentRecord> | null;
  if (!record || typeof record !== 'object') return 'not an object';
  const { categories, revision, consentId, givenAt, updatedAt } = record;
  if (!Array.isArray(categories) || !categories.every((id) => typeof id === 'string')) {
    return 'categories';
  }
  if (!categories.includes(NECESSARY)) return NECESSARY;
  if (typeof revision !== 'number' || !Number.isFinite(revision)) return 'revision';
  if (typeof consentId !== 'string' || !consentId) return 'consentId';
  if (!isIsoDate(givenAt) || !isIsoDate(updatedAt)) return 'dates';
  return { categories, revision, consentId, givenAt, updatedAt };
}

function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/**
 * `crypto.randomUUID` exists only in secure contexts; on a plain-http page
 * a version 4 UUID is built from `crypto.getRandomValues`, which works everywhere.
 */
export function randomUuid(): string {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
