import { expect } from '@open-wc/testing';
import { createConsentRecord, isChange, parseConsentRecord, randomConsentId } from '../../src/core/record.js';

/** Four 32-bit numbers from crypto.getRandomValues: 128 random bits. */
const CONSENT_ID = /^\d{1,10}-\d{1,10}-\d{1,10}-\d{1,10}$/;
const valid = {
  categories: ['necessary', 'analytics'],
  revision: 2,
  consentId: '0b6e1f0e-3c1a-4a8e-9d55-0b0c5d6a7e21',
  givenAt: '2026-01-02T03:04:05.000Z',
  updatedAt: '2026-02-03T04:05:06.000Z',
};

describe('createConsentRecord', () => {
  it('always grants necessary, once', () => {
    expect(createConsentRecord([], 1, null, 'api').categories).to.deep.equal(['necessary']);
    expect(createConsentRecord(['analytics', 'necessary'], 1, null, 'api').categories).to.deep.equal(['necessary', 'analytics']);
  });

  it('stamps a new choice with a random consentId and ISO times', () => {
    const now = new Date('2026-11-26T10:00:00Z');
    const record = createConsentRecord(['analytics'], 3, null, 'banner', now);
    expect(record.consentId).to.match(CONSENT_ID);
    expect(record).to.include({ revision: 3, givenAt: now.toISOString(), updatedAt: now.toISOString(), source: 'banner' });
  });

  it('keeps the consentId and first date when the visitor changes their choice', () => {
    const record = createConsentRecord([], 2, valid, 'preferences', new Date('2026-11-26T10:00:00Z'));
    expect(record.consentId).to.equal(valid.consentId);
    expect(record.givenAt).to.equal(valid.givenAt);
    expect(record.updatedAt).to.equal('2026-11-26T10:00:00.000Z');
  });
});

describe('parseConsentRecord', () => {
  it('accepts a valid record', () => {
    expect(parseConsentRecord(JSON.stringify(valid))).to.deep.equal(valid);
  });

  const broken: [string, string][] = [
    ['text that is not JSON', '{categories:'],
    ['JSON null', 'null'],
    ['a JSON number', '42'],
    ['a JSON list', '[]'],
    ['categories that are not a list', JSON.stringify({ ...valid, categories: 'necessary' })],
    ['categories that are not strings', JSON.stringify({ ...valid, categories: ['necessary', 7] })],
    ['a record without necessary', JSON.stringify({ ...valid, categories: ['analytics'] })],
    ['a revision that is a string', JSON.stringify({ ...valid, revision: '2' })],
    ['a missing revision', JSON.stringify({ ...valid, revision: undefined })],
    ['a missing consentId', JSON.stringify({ ...valid, consentId: '' })],
    ['an unreadable date', JSON.stringify({ ...valid, updatedAt: 'yesterday' })],
    ['a change before the first choice', JSON.stringify({ ...valid, updatedAt: '2025-01-01T00:00:00.000Z' })],
    ['a choice from the future, which would never expire', JSON.stringify({ ...valid, updatedAt: '3000-01-01T00:00:00.000Z' })],
    ['a revision that is not whole', JSON.stringify({ ...valid, revision: 1.5 })],
    ['a consentId that is not an id', JSON.stringify({ ...valid, consentId: '<img src=x>' })],
  ];
  for (const [what, raw] of broken) {
    it(`rejects ${what}`, () => {
      expect(parseConsentRecord(raw)).to.equal(null);
    });
  }
});

describe('isChange', () => {
  const record = (categories: string[]) => ({ ...valid, categories });
  it('is a change when a choice appears or disappears, or another set is granted', () => {
    expect(isChange(null, record(['necessary']))).to.equal(true);
    expect(isChange(record(['necessary']), null)).to.equal(true);
    expect(isChange(record(['necessary']), record(['necessary', 'analytics']))).to.equal(true);
    expect(isChange(record(['necessary', 'analytics']), record(['necessary', 'marketing']))).to.equal(true);
  });

  it('is no change when the same set is chosen again, in any order', () => {
    expect(isChange(null, null)).to.equal(false);
    expect(isChange(record(['necessary', 'analytics']), { ...record(['analytics', 'necessary']), updatedAt: 'later' })).to.equal(false);
  });
});

describe('randomConsentId', () => {
  it('returns 128 random bits as four numbers, which the cookie parser accepts as an id', () => {
    const id = randomConsentId();
    expect(id).to.match(CONSENT_ID);
    expect(id.split('-').every((part) => +part < 2 ** 32)).to.equal(true);
    const valid = { categories: ['necessary'], revision: 1, consentId: id, givenAt: new Date().toISOString(), updatedAt: new Date().toISOString() };
    expect(parseConsentRecord(JSON.stringify(valid))?.consentId).to.equal(id);
  });

  it('needs no crypto.randomUUID, which plain-http pages lack', () => {
    const original = crypto.randomUUID;
    Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
    try {
      const ids = new Set(Array.from({ length: 50 }, randomConsentId));
      expect(ids.size).to.equal(50);
      for (const id of ids) expect(id).to.match(CONSENT_ID);
    } finally {
      delete (crypto as { randomUUID?: unknown }).randomUUID;
    }
    expect(crypto.randomUUID).to.equal(original);
  });
});
