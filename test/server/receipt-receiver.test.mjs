/**
 * The reference receiver as a site runs it: a real Node http server on a free port, requests
 * made with node:http (so every header, Sec-Fetch-Site included, is the test's to choose).
 * The cookie it re-issues is checked with the widget's own reader (dist/esm, from `npm run build`).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import Cookies from 'js-cookie';
import { parseConsentRecord } from '../../dist/esm/core/record.js';
import { consentCookie, createReceiptReceiver } from '../../server/receipt-receiver.mjs';

const DAY = 864e5;
const folder = mkdtempSync(join(tmpdir(), 'ib-receipts-'));
const file = join(folder, 'receipts.jsonl');
const logged = [];
let server;
let port;

before(async () => {
  server = createServer(createReceiptReceiver({ file, log: (line) => logged.push(line) }));
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = server.address().port;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(folder, { recursive: true });
});
beforeEach(() => {
  rmSync(file, { force: true });
  logged.length = 0;
});

/** A receipt as the widget sends it for "Alles accepteren" on an https page of the site. */
function validReceipt(overrides = {}) {
  const updatedAt = new Date(Date.now() - 1000).toISOString();
  return {
    consentId: '3b241101-e2bb-4255-8caf-4136c566a962',
    categories: ['necessary', 'analytics'],
    revision: 1,
    givenAt: updatedAt,
    updatedAt,
    source: 'banner',
    language: 'nl',
    textHash: 'a'.repeat(64),
    page: 'https://www.inforbusiness.com/contact',
    version: '0.1.0',
    domain: '.inforbusiness.com',
    expires: new Date(Date.parse(updatedAt) + 365 * DAY).toISOString(),
    ...overrides,
  };
}

const SAME_ORIGIN = { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin', origin: 'https://www.inforbusiness.com' };

/** POSTs `body` (a string or Buffer, or chunks sent without a length) and resolves to { status, headers, text }. */
function post(body, { headers = SAME_ORIGIN, method = 'POST', chunks } = {}) {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ port, host: '127.0.0.1', method, path: '/api/consent-receipts', headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (part) => (text += part));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, text }));
    });
    // A server may answer (413) and close before the whole body is written; the answer is what counts.
    request.on('error', (error) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    if (chunks) {
      for (const chunk of chunks) request.write(chunk);
      request.end();
    } else request.end(body);
  });
}
const postReceipt = (receipt, options) => post(JSON.stringify(receipt), options);

const storedLines = () => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line)) : []);

describe('receipt receiver: a valid receipt', () => {
  it('is appended to the JSON Lines file with the time received, logged, and answered 204', async () => {
    const receipt = validReceipt();
    const before = Date.now();
    const { status, text } = await postReceipt(receipt);
    assert.equal(status, 204);
    assert.equal(text, '');
    const lines = storedLines();
    assert.equal(lines.length, 1);
    assert.deepEqual(lines[0].receipt, receipt);
    assert.ok(Date.parse(lines[0].receivedAt) >= before - 1000 && Date.parse(lines[0].receivedAt) <= Date.now() + 1000);
    assert.equal(logged.length, 1);
    assert.match(logged[0], new RegExp(`${receipt.consentId} necessary,analytics \\(banner\\) https://www.inforbusiness.com/contact`));
  });

  it('re-issues ib_consent with the same value, Domain and Expires the widget wrote, Secure on https', async () => {
    const receipt = validReceipt();
    const { headers } = await postReceipt(receipt);
    const [cookie, ...attributes] = headers['set-cookie'][0].split('; ');
    assert.deepEqual(attributes, ['Path=/', `Expires=${new Date(receipt.expires).toUTCString()}`, 'Domain=.inforbusiness.com', 'SameSite=Lax', 'Secure']);
    // What js-cookie writes for JSON.stringify(record), record fields in createConsentRecord's order.
    const { categories, revision, consentId, givenAt, updatedAt, source } = receipt;
    const written = Cookies.converter.write(JSON.stringify({ categories, revision, consentId, givenAt, updatedAt, source }), 'ib_consent');
    assert.equal(cookie, `ib_consent=${written}`);
    // And the widget's own reader takes it as the choice.
    const record = parseConsentRecord(Cookies.converter.read(cookie.slice('ib_consent='.length), 'ib_consent'));
    assert.deepEqual(record, { categories, revision, consentId, givenAt, updatedAt, source });
  });

  it('re-issues a host-only cookie without Secure for an http page without cookie-domain', async () => {
    const { status, headers } = await postReceipt(validReceipt({ domain: null, page: 'http://intranet.inforbusiness.com/' }), {
      headers: { ...SAME_ORIGIN, origin: 'http://intranet.inforbusiness.com' },
    });
    assert.equal(status, 204);
    const cookie = headers['set-cookie'][0];
    assert.doesNotMatch(cookie, /Domain=|Secure/);
    assert.match(cookie, /; Path=\/; Expires=[^;]+; SameSite=Lax$/);
  });

  it('after reset() (categories [], expires null) answers with a Set-Cookie that deletes ib_consent', async () => {
    const receipt = validReceipt({ categories: [], expires: null, source: 'api' });
    const { status, headers } = await postReceipt(receipt);
    assert.equal(status, 204);
    assert.equal(headers['set-cookie'][0], 'ib_consent=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=.inforbusiness.com; SameSite=Lax; Secure');
    assert.deepEqual(storedLines()[0].receipt, receipt);
    assert.match(logged[0], / reset \(api\) /);
  });

  it('takes a GPC refusal, a null textHash (not a secure context), and a request without Sec-Fetch-Site or Origin (older browsers, curl)', async () => {
    const gpc = validReceipt({ categories: ['necessary'], source: 'gpc', textHash: null });
    assert.equal((await postReceipt(gpc, { headers: { 'content-type': 'application/json; charset=utf-8' } })).status, 204);
    assert.equal((await postReceipt(validReceipt(), { headers: { ...SAME_ORIGIN, 'sec-fetch-site': 'none' } })).status, 204);
    assert.equal(storedLines().length, 2);
  });
});

describe('receipt receiver: receipts that arrive out of order', () => {
  it('stores a receipt the page sends again once, and answers it with its cookie each time', async () => {
    const receipt = validReceipt({ consentId: 'sent-again-1' });
    const first = await postReceipt(receipt);
    const again = await postReceipt(receipt);
    for (const answer of [first, again]) {
      assert.equal(answer.status, 204);
      assert.match(answer.headers['set-cookie'][0], /^ib_consent=.*sent-again-1/);
    }
    assert.equal(storedLines().length, 1);
    assert.match(logged[1], /again: not stored twice/);
  });

  it('stores an older receipt that arrives after a newer one of the same consent, but re-issues no cookie for it', async () => {
    const consentId = 'out-of-order-1';
    const accepted = validReceipt({ consentId, updatedAt: new Date(Date.now() - 5000).toISOString(), givenAt: new Date(Date.now() - 5000).toISOString() });
    accepted.expires = new Date(Date.parse(accepted.updatedAt) + 365 * DAY).toISOString();
    const refused = validReceipt({ consentId, categories: ['necessary'], givenAt: accepted.givenAt });
    const newer = await postReceipt(refused);
    assert.match(newer.headers['set-cookie'][0], /necessary%22\]/);
    const late = await postReceipt(accepted);
    assert.equal(late.status, 204);
    assert.equal(late.headers['set-cookie'], undefined);
    assert.deepEqual(storedLines().map(({ receipt }) => receipt.categories.join()), ['necessary', 'necessary,analytics']);
    assert.match(logged[1], /superseded: no cookie/);
    // In order, each one re-issues its cookie.
    const again = validReceipt({ consentId, categories: ['necessary', 'analytics'], givenAt: accepted.givenAt });
    assert.match((await postReceipt(again)).headers['set-cookie'][0], /analytics/);
  });

  it('after reset(), a late receipt of the withdrawn consent brings back no cookie', async () => {
    const consentId = 'out-of-order-2';
    const at = (offset) => new Date(Date.now() - offset).toISOString();
    const accepted = validReceipt({ consentId, givenAt: at(5000), updatedAt: at(5000), expires: new Date(Date.now() + 300 * DAY).toISOString() });
    const reset = validReceipt({ consentId, givenAt: at(5000), updatedAt: at(3000), categories: [], expires: null, source: 'api' });
    assert.match((await postReceipt(reset)).headers['set-cookie'][0], /^ib_consent=; /);
    assert.equal((await postReceipt(accepted)).headers['set-cookie'], undefined);
  });
});

describe('receipt receiver: refusals', () => {
  it('refuses a request from another site or origin with 403, and stores nothing', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const { status, headers } = await postReceipt(validReceipt(), { headers: { ...SAME_ORIGIN, 'sec-fetch-site': site } });
      assert.equal(status, 403, site);
      assert.equal(headers['set-cookie'], undefined);
    }
    // Without Sec-Fetch-Site (an older browser), an Origin other than the receipt's page.
    const { status } = await postReceipt(validReceipt(), { headers: { 'content-type': 'application/json', origin: 'https://evil.example' } });
    assert.equal(status, 403);
    assert.deepEqual(storedLines(), []);
  });

  it('answers 415 to a body that is not declared application/json', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', undefined]) {
      const headers = { ...SAME_ORIGIN, 'content-type': type };
      if (!type) delete headers['content-type'];
      assert.equal((await postReceipt(validReceipt(), { headers })).status, 415, String(type));
    }
    assert.deepEqual(storedLines(), []);
  });

  it('answers 413 to a body over 8 KiB, by its length or as it streams, and stays up', async () => {
    const big = JSON.stringify(validReceipt({ page: `https://www.inforbusiness.com/${'a'.repeat(9000)}` }));
    assert.equal((await post(big)).status, 413);
    const streamed = await post(undefined, { chunks: Array.from({ length: 20 }, () => 'x'.repeat(1000)) });
    assert.equal(streamed.status, 413);
    assert.equal((await postReceipt(validReceipt())).status, 204);
    assert.equal(storedLines().length, 1);
  });

  it('answers 405 to anything but POST', async () => {
    const { status, headers } = await post(undefined, { method: 'GET' });
    assert.equal(status, 405);
    assert.equal(headers.allow, 'POST');
  });

  const invalid = {
    'not JSON': '{"consentId":',
    'JSON null': 'null',
    'a list': '[1,2]',
    'a string': '"receipt"',
    'an empty object': '{}',
    'a missing field': JSON.stringify({ ...validReceipt(), textHash: undefined }),
    'an extra field (a user agent)': JSON.stringify({ ...validReceipt(), userAgent: 'Mozilla/5.0' }),
    'a __proto__ field': JSON.stringify(validReceipt()).replace('{', '{"__proto__":{"admin":true},'),
    'categories without necessary': JSON.stringify(validReceipt({ categories: ['analytics'] })),
    'categories that are not ids': JSON.stringify(validReceipt({ categories: ['necessary', 'Analytics!'] })),
    'a duplicate category': JSON.stringify(validReceipt({ categories: ['necessary', 'necessary'] })),
    'nothing granted but a cookie kept': JSON.stringify(validReceipt({ categories: [] })),
    'a consentId that cannot be a cookie value': JSON.stringify(validReceipt({ consentId: 'a;b=c' })),
    'a revision that is not a whole number': JSON.stringify(validReceipt({ revision: 1.5 })),
    'a negative revision': JSON.stringify(validReceipt({ revision: -1 })),
    'an unknown source': JSON.stringify(validReceipt({ source: 'import' })),
    'a textHash that is not SHA-256 hex': JSON.stringify(validReceipt({ textHash: 'A'.repeat(64) })),
    'a page with a query string': JSON.stringify(validReceipt({ page: 'https://www.inforbusiness.com/?email=a@b.c' })),
    'a page that is not http(s)': JSON.stringify(validReceipt({ page: 'javascript:alert(1)' })),
    'a domain with a cookie attribute in it': JSON.stringify(validReceipt({ domain: '.inforbusiness.com; Max-Age=99999999' })),
    'a date that is no date': JSON.stringify(validReceipt({ givenAt: '2026-13-45T25:61:00.000Z' })),
    'givenAt after updatedAt': JSON.stringify(validReceipt({ givenAt: new Date(Date.now() + 60_000).toISOString() })),
    'updatedAt far in the future': JSON.stringify(validReceipt({
      givenAt: new Date(Date.now() + 3 * DAY).toISOString(), updatedAt: new Date(Date.now() + 3 * DAY).toISOString(),
      expires: new Date(Date.now() + 30 * DAY).toISOString() })),
    'an expiry before the choice': JSON.stringify(validReceipt({ expires: new Date(Date.now() - DAY).toISOString() })),
    'an expiry more than 400 days on': JSON.stringify(validReceipt({ expires: new Date(Date.now() + 500 * DAY).toISOString() })),
    'a reset that keeps a cookie': JSON.stringify(validReceipt({ categories: [], expires: new Date(Date.now() + DAY).toISOString() })),
  };
  for (const [what, body] of Object.entries(invalid)) {
    it(`answers 400 to ${what}, without a cookie, and stores nothing`, async () => {
      const { status, headers, text } = await post(body);
      assert.equal(status, 400);
      assert.equal(headers['set-cookie'], undefined);
      assert.match(text, /^Not (JSON|a receipt: .+)\.\n$/);
      assert.deepEqual(storedLines(), []);
    });
  }
});

describe('receipt receiver: never crashes', () => {
  it('answers every mutation of a receipt (wrong types, deep nesting, odd bytes) with 204 or 400, and stays up', async () => {
    const values = [null, true, 0, -1, 1e308, '', 'x'.repeat(300), [], [[]], {}, { a: { b: { c: [] } } }, '\u0000', '\ud800', '2026-01-01'];
    const base = validReceipt();
    let answered = 0;
    for (const key of Object.keys(base)) {
      for (const value of values) {
        const { status } = await postReceipt({ ...base, [key]: value });
        assert.ok(status === 204 || status === 400, `${key}=${JSON.stringify(value)} answered ${status}`);
        answered++;
      }
    }
    for (const body of [Buffer.from([0xff, 0xfe, 0x00, 0x7b]), '['.repeat(5000) + ']'.repeat(5000).slice(0, 2000), '{"a":'.repeat(1500)]) {
      assert.equal((await post(body)).status, 400);
      answered++;
    }
    assert.equal(answered, Object.keys(base).length * values.length + 3);
    assert.equal((await postReceipt(validReceipt())).status, 204);
  });

  it('survives a client that hangs up halfway through its body', async () => {
    await new Promise((resolve) => {
      const request = httpRequest({ port, host: '127.0.0.1', method: 'POST', path: '/', headers: { ...SAME_ORIGIN, 'content-length': 500 } });
      request.on('error', () => {});
      request.write('{"consentId":"abc",');
      setTimeout(() => {
        request.destroy();
        resolve();
      }, 50);
    });
    assert.equal((await postReceipt(validReceipt())).status, 204);
  });

  it('answers 500 without a cookie when the receipt cannot be stored (the client reports it), and keeps answering', async () => {
    const broken = createServer(createReceiptReceiver({ file: join(folder, 'missing-folder', 'receipts.jsonl'), log: () => {} }));
    await new Promise((resolve) => broken.listen(0, '127.0.0.1', resolve));
    const send = () =>
      new Promise((resolve) => {
        const request = httpRequest({ port: broken.address().port, host: '127.0.0.1', method: 'POST', headers: SAME_ORIGIN }, (response) => {
          response.resume();
          response.on('end', () => resolve(response));
        });
        request.end(JSON.stringify(validReceipt()));
      });
    for (let i = 0; i < 2; i++) {
      const response = await send();
      assert.equal(response.statusCode, 500);
      assert.equal(response.headers['set-cookie'], undefined);
    }
    await new Promise((resolve) => broken.close(resolve));
  });
});

describe('consentCookie()', () => {
  it('builds the cookie the widget reads as the same record, for every category list and source', () => {
    for (const source of ['banner', 'preferences', 'api', 'gpc']) {
      for (const categories of [['necessary'], ['necessary', 'analytics', 'marketing'], ['necessary', 'a_b-c9']]) {
        const receipt = validReceipt({ source, categories });
        const value = consentCookie(receipt).split('; ')[0].slice('ib_consent='.length);
        const record = parseConsentRecord(Cookies.converter.read(value, 'ib_consent'));
        assert.deepEqual(record?.categories, categories);
        assert.equal(record?.source, source);
        assert.doesNotMatch(value, /[\s",;\\]/, 'only characters a cookie value may hold');
      }
    }
  });
});
