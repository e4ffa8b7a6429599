import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { createConsentStore } from '../../src/core/consent.js';
import type { ConsentStore } from '../../src/core/consent.js';
import { parseConsentRecord } from '../../src/core/record.js';
import type { ConsentRecord } from '../../src/core/record.js';
import { forgetReports } from '../../src/core/log.js';
import { captureConsole, clearCookies, plantConsentCookie } from '../helpers.js';

const DAY = 864e5;
const NUM_RUNS = 300;
// The failing assertion in the report, not only the counterexample.
fc.configureGlobal({ includeErrorInReport: true });
const SETTINGS = { categories: [{ id: 'necessary' }, { id: 'analytics' }, { id: 'marketing' }], revision: 1, cookieDays: 365 };

/** The invariants of every record the widget accepts: what the rest of the code may rely on. */
function expectValidRecord(record: ConsentRecord, now: number): void {
  expect(record).to.be.an('object');
  expect(Array.isArray(record.categories), 'categories is a list').to.equal(true);
  for (const id of record.categories) expect(id).to.be.a('string');
  expect(record.categories).to.include('necessary');
  expect(Number.isInteger(record.revision), 'revision is an integer').to.equal(true);
  expect(record.revision).to.be.at.least(0);
  expect(record.consentId).to.be.a('string').and.to.match(/^[\w-]{1,64}$/);
  expect(record.givenAt).to.be.a('string');
  expect(record.updatedAt).to.be.a('string');
  const given = Date.parse(record.givenAt);
  const updated = Date.parse(record.updatedAt);
  expect(Number.isFinite(given), `givenAt ${record.givenAt} is a date`).to.equal(true);
  expect(Number.isFinite(updated), `updatedAt ${record.updatedAt} is a date`).to.equal(true);
  expect(given, 'givenAt <= updatedAt').to.be.at.most(updated);
  expect(updated, 'updatedAt <= now + 1 day').to.be.at.most(now + DAY);
}

/** parseConsentRecord() must not throw and must return null or a valid record. */
function checkParse(raw: string): void {
  let record: ConsentRecord | null = null;
  expect(() => (record = parseConsentRecord(raw))).not.to.throw();
  if (record !== null) expectValidRecord(record, Date.now());
}

/** Runs with the console silenced. */
function quietly<T>(act: () => T): T {
  const console = captureConsole();
  try {
    return act();
  } finally {
    console.restore();
  }
}

// --- arbitraries --------------------------------------------------------------------------------

/** Characters that matter to JSON, so that random strings come close to records. */
const jsonish = fc.string({
  unit: fc.constantFrom('{', '}', '[', ']', '"', ':', ',', ' ', '-', '0', '1', 'e', '.', 'null', 'true', 'necessary', 'categories', '\\', 'u'),
});
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) }), jsonish);
/** Strings that encodeURIComponent (and so a cookie) can hold: no lone surrogates. */
const cookieString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), jsonish);

const MIN_TIME = Date.UTC(1970, 0, 1, 0, 0, 1);
/** Times from 1970 to a few days ahead, so the "not in the future" rule is crossed both ways. */
const time = fc.integer({ min: MIN_TIME, max: Date.now() + 3 * DAY });
const isoTime = time.map((ms) => new Date(ms).toISOString());

const validRecord: fc.Arbitrary<ConsentRecord> = fc
  .record({
    categories: fc.uniqueArray(fc.constantFrom('analytics', 'marketing', 'other')).map((ids) => ['necessary', ...ids]),
    revision: fc.nat(),
    consentId: fc.stringMatching(/^[\w-]{1,64}$/),
    times: fc.tuple(fc.integer({ min: MIN_TIME, max: Date.now() }), fc.integer({ min: MIN_TIME, max: Date.now() })),
  })
  .map(({ times: [a, b], ...rest }) => ({
    ...rest,
    givenAt: new Date(Math.min(a, b)).toISOString(),
    updatedAt: new Date(Math.max(a, b)).toISOString(),
  }));

/** Values a tampered or outdated cookie could hold in place of a field. */
const fieldValue = fc.oneof(
  fc.jsonValue(),
  isoTime,
  time,
  fc.constantFrom(
    '',
    'necessary',
    ['necessary'],
    ['analytics'],
    ['necessary', 7],
    ['necessary', null],
    -1,
    -0,
    1.5,
    2 ** 53,
    1e308,
    '2',
    'yesterday',
    '0',
    '2026',
    '1970-01-01T00:00:00.000Z',
    '+275760-09-13T00:00:00.000Z',
    'a'.repeat(65),
    'abc def',
    '../x',
    null,
    [],
    {},
  ),
);
const FIELDS = ['categories', 'revision', 'consentId', 'givenAt', 'updatedAt'] as const;

/** A valid record with some fields replaced, deleted or added. */
const mutatedRecord = fc
  .tuple(
    validRecord,
    fc.array(fc.tuple(fc.constantFrom<string>(...FIELDS, '__proto__', 'extra'), fc.option(fieldValue, { nil: undefined }))),
  )
  .map(([record, changes]) => {
    const mutated: Record<string, unknown> = { ...record };
    for (const [field, value] of changes) {
      if (value === undefined) delete mutated[field];
      else Object.defineProperty(mutated, field, { value, enumerable: true, writable: true, configurable: true });
    }
    return JSON.stringify(mutated);
  });

/** A valid record's JSON with text cut out or put in, as a broken write or hand edit would. */
const splicedRecord = fc
  .tuple(validRecord, fc.nat(), fc.nat({ max: 20 }), jsonish)
  .map(([record, at, cut, insert]) => {
    const json = JSON.stringify(record);
    const index = at % (json.length + 1);
    return json.slice(0, index) + insert + json.slice(index + cut);
  });

/** What can be planted in the cookie as it is: any well-formed text, JSON, broken records. */
const plantable = fc.oneof(cookieString, fc.jsonValue().map((value) => JSON.stringify(value)), mutatedRecord, splicedRecord);

// --- properties ---------------------------------------------------------------------------------

describe('parseConsentRecord (properties)', () => {
  it('accepts every valid record as it is', () => {
    fc.assert(
      fc.property(validRecord, (record) => {
        expect(parseConsentRecord(JSON.stringify(record))).to.deep.equal(record);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws on any string, and returns null or a valid record', () => {
    fc.assert(fc.property(anyString, checkParse), { numRuns: NUM_RUNS });
  });

  it('never throws on any JSON value, and returns null or a valid record', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => checkParse(JSON.stringify(value))),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws on a mutated record, and returns null or a valid record', () => {
    fc.assert(fc.property(mutatedRecord, checkParse), { numRuns: NUM_RUNS });
  });

  it('never throws on a spliced record, and returns null or a valid record', () => {
    fc.assert(fc.property(splicedRecord, checkParse), { numRuns: NUM_RUNS });
  });

  it('refuses a record changed after now + 1 day', () => {
    fc.assert(
      fc.property(validRecord, fc.integer({ min: 2 * DAY, max: 1000 * DAY }), (record, ahead) => {
        const future = { ...record, updatedAt: new Date(Date.now() + ahead).toISOString() };
        expect(parseConsentRecord(JSON.stringify(future))).to.equal(null);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('refuses a record changed before it was given', () => {
    fc.assert(
      fc.property(validRecord, fc.integer({ min: 1, max: 1000 * DAY }), (record, earlier) => {
        const backwards = { ...record, updatedAt: new Date(Date.parse(record.givenAt) - earlier).toISOString() };
        expect(parseConsentRecord(JSON.stringify(backwards))).to.equal(null);
      }),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('ConsentStore reading a planted cookie (properties)', () => {
  beforeEach(() => clearCookies());
  afterEach(() => clearCookies());

  /**
   * Reads `plant()`'s cookie into a new store: never a throw, get() null or a valid record, and
   * (cookies work on this page) never a claim that cookies are blocked. Returns the messages.
   */
  function checkStore(plant: () => void): string[] {
    clearCookies();
    forgetReports();
    plant();
    const console = captureConsole();
    try {
      let store: ConsentStore | undefined;
      expect(() => (store = createConsentStore(SETTINGS))).not.to.throw();
      const record = store!.get();
      if (record !== null) {
        expectValidRecord(record, Date.now());
        expect(record.revision).to.be.at.least(SETTINGS.revision);
      }
      expect(store!.has('necessary')).to.equal(true);
      expect(store!.has('analytics')).to.equal(!!record?.categories.includes('analytics'));
      expect(() => store!.refresh()).not.to.throw();
    } finally {
      console.restore();
    }
    const messages = [...console.warnings, ...console.errors];
    expect(messages.filter((message) => message.includes('Cookies blocked')), 'a bad cookie is not blocked cookies').to.deep.equal([]);
    return messages;
  }

  it('keeps a valid record of this revision', () => {
    fc.assert(
      fc.property(validRecord, (record) => {
        const current = { ...record, revision: SETTINGS.revision + (record.revision % 3), updatedAt: new Date().toISOString() };
        clearCookies();
        plantConsentCookie(current);
        expect(quietly(() => createConsentStore(SETTINGS).get())).to.deep.equal(current);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws on any planted value, and get() is null or a valid record', () => {
    fc.assert(
      fc.property(plantable, (raw) => {
        const messages = checkStore(() => plantConsentCookie(raw));
        // A value the browser kept and that is no record is named in the console.
        if (document.cookie.includes('ib_consent=') && parseConsentRecord(raw) === null) {
          expect(messages.join('\n')).to.contain('Invalid ib_consent cookie ignored');
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws on a raw (not URL-encoded) cookie value, and get() is null or a valid record', () => {
    // What a visitor or another script can write by hand: any cookie-octet, broken %-escapes included.
    const octet = fc.oneof(
      fc.constantFrom('%', '%2', '%E0', '%A4', '%ZZ', '%7B', '%22', '"', '{', '}', 'necessary', ':', ',', '[', ']'),
      fc.string({ unit: fc.mapToConstant({ num: 0x5d, build: (v) => String.fromCharCode(0x21 + v) }) }).filter((s) => !/[;,\\"]/.test(s)),
    );
    fc.assert(
      fc.property(fc.array(octet, { maxLength: 20 }).map((parts) => parts.join('')), (raw) => {
        checkStore(() => (document.cookie = `ib_consent=${raw}; path=/`));
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
