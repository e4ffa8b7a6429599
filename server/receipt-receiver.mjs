/**
 * The reference receiver of ib-cookie-consent's receipts: small, without dependencies (Node's
 * `http` types only), for a site to run as it is or to port.
 *
 * For each POST from the widget (data-receipt-url) it
 *   1. refuses what is not the site's own page: Sec-Fetch-Site other than same-origin (403), an
 *      Origin that is not the receipt's page's (403), a body that is not JSON (415), too big (413),
 *   2. validates the receipt against receipt.schema.json (400, naming the problems),
 *   3. appends `{ receivedAt, receipt }` as one line to a JSON Lines file (the proof of consent),
 *   4. answers 204 with a Set-Cookie that re-issues `ib_consent` exactly as the widget wrote it
 *      (value, Domain, Expires): a cookie set by the server is not capped at 7 days by Safari, as
 *      one written by JavaScript is. After reset() the Set-Cookie deletes it. A receipt older than
 *      one already received of the same consent is stored, but re-issues nothing: the widget sends
 *      each decision at once, so a slow answer to an older one must not undo a newer choice.
 * It never throws: any request, however broken, gets an answer and the server keeps running.
 *
 *   import { createReceiptReceiver } from './server/receipt-receiver.mjs';
 *   const receive = createReceiptReceiver({ file: '/var/lib/consent/receipts.jsonl' });
 *   http.createServer((request, response) =>
 *     request.url === '/api/consent-receipts' ? receive(request, response) : site(request, response));
 *
 * Alone: `node server/receipt-receiver.mjs` listens on 127.0.0.1:8787 (PORT, HOST), writes
 * ./consent-receipts.jsonl (RECEIPTS_FILE); put it behind the site's own domain (README).
 */
import { appendFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/** The cookie the widget owns (src/core/cookie.ts). */
const CONSENT_COOKIE = 'ib_consent';
/** A receipt is about 500 bytes; 8 KiB leaves room for many categories and a long path. */
const MAX_BYTES = 8192;
/** Tolerated clock skew, as the widget's parseConsentRecord has it: a later updatedAt is never consent. */
const SKEW = 864e5;
/** Browsers cap a cookie's lifetime at 400 days; the widget's own limit is 396. */
const MAX_LIFETIME = 400 * 864e5;
/**
 * How many consents the receiver remembers the latest decision of. Receipts of one consent race
 * only within seconds, so forgetting the oldest costs nothing; one instance sees its own only
 * (several behind a load balancer: keep this in a shared store, or route a consent to one).
 */
const REMEMBERED = 10_000;

/** Beside this file in the repository and in the package (a copy is in dist/ too). */
const DEFAULT_SCHEMA = new URL('./receipt.schema.json', import.meta.url);

/**
 * A request handler `(request, response) => void` for the path the widget posts to.
 * `file`: the JSON Lines file receipts are appended to. `log`: one line per receipt (console.log).
 * `schemaFile`: the receipt's JSON Schema (default: receipt.schema.json beside this file). `maxBytes`: the largest body accepted.
 */
export function createReceiptReceiver({ file = 'consent-receipts.jsonl', log = console.log, schemaFile = DEFAULT_SCHEMA, maxBytes = MAX_BYTES } = {}) {
  const schema = loadSchema(schemaFile);
  /** consentId -> updatedAt (ms) of the latest decision received: what a late, older receipt must not undo. */
  const latest = new Map();
  return (request, response) => {
    let answered = false;
    const answer = (status, headers = {}, body = '') => {
      if (answered) return;
      answered = true;
      try {
        response.writeHead(status, { 'cache-control': 'no-store', ...(body && { 'content-type': 'text/plain; charset=utf-8' }), ...headers });
        response.end(body);
      } catch {
        // The client went away, or the response was already sent: nothing left to tell.
        response.destroy();
      }
    };
    // A client that drops the connection mid-body must not take the server down.
    request.on('error', () => answer(400, {}, 'Broken request.\n'));
    try {
      const refusal = refuseHeaders(request.method, request.headers, maxBytes);
      if (refusal) {
        // The rest of a refused body is not read: the connection is closed after the answer.
        return answer(refusal[0], { connection: 'close', ...refusal[2] }, `${refusal[1]}\n`);
      }
      const chunks = [];
      let size = 0;
      request.on('data', (chunk) => {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
        else answer(413, { connection: 'close' }, `A receipt is at most ${maxBytes} bytes.\n`);
      });
      request.on('end', () => {
        if (size > maxBytes) return;
        receive(Buffer.concat(chunks).toString('utf8'), request.headers.origin).then(
          ([status, headers, body]) => answer(status, headers, body),
          () => answer(500, {}, 'Receipt not stored.\n'),
        );
      });
    } catch {
      answer(500, {}, 'Receipt not stored.\n');
    }
  };

  /** The answer to a body: [status, headers, text]. */
  async function receive(text, origin) {
    let receipt;
    try {
      receipt = JSON.parse(text);
    } catch {
      return [400, {}, 'Not JSON.\n'];
    }
    const problems = validateReceipt(receipt, schema);
    if (problems.length) return [400, {}, `Not a receipt: ${problems.join('; ')}.\n`];
    // A page of another site cannot post a receipt for this one (browsers send Origin on every POST).
    if (origin !== undefined && origin !== new URL(receipt.page).origin) return [403, {}, 'Origin is not the receipt\'s page.\n'];
    const receivedAt = new Date().toISOString();
    const updatedAt = Date.parse(receipt.updatedAt);
    // The page sends its newest receipt again after a late answer to an older one (so that the
    // newest cookie is the one that stays): stored once, answered each time.
    const again = latest.get(receipt.consentId) === updatedAt;
    if (!(latest.get(receipt.consentId) > updatedAt)) {
      latest.delete(receipt.consentId);
      latest.set(receipt.consentId, updatedAt);
      if (latest.size > REMEMBERED) latest.delete(latest.keys().next().value);
    }
    // Every decision is kept, a superseded one too: it was made, and stood until the next.
    if (!again) await appendFile(file, `${JSON.stringify({ receivedAt, receipt })}\n`);
    // Asked after the write, which takes a while: a newer receipt may have come in meanwhile.
    const superseded = latest.get(receipt.consentId) > updatedAt;
    const what = `${receipt.categories.join(',') || 'reset'} (${receipt.source})${superseded ? ', superseded: no cookie' : ''}${again ? ', again: not stored twice' : ''}`;
    log(`[receipt] ${receivedAt} ${receipt.consentId} ${what} ${receipt.page}`);
    return [204, superseded ? {} : { 'set-cookie': consentCookie(receipt) }, ''];
  }
}

/**
 * Why the headers alone refuse a request: [status, message, headers], or undefined.
 * Sec-Fetch-Site is absent in old browsers and in tools such as curl; the Origin check after
 * parsing still keeps other sites out there.
 */
function refuseHeaders(method, headers, maxBytes) {
  if (method !== 'POST') return [405, 'POST a receipt here.', { allow: 'POST' }];
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return [403, 'Receipts come from pages of this origin only.'];
  if (!/^application\/json\s*(;|$)/i.test(headers['content-type'] ?? '')) return [415, 'Send a receipt as application/json.'];
  if (Number(headers['content-length']) > maxBytes) return [413, `A receipt is at most ${maxBytes} bytes.`];
}

/**
 * The Set-Cookie header that re-issues what the widget wrote for this receipt, byte for byte:
 * the record as JSON with the fields in the order src/core/record.ts creates them, encoded the
 * way js-cookie encodes a value, Path=/, SameSite=Lax, the receipt's Domain and Expires, and
 * Secure on an https page (the widget's rule: a Secure cookie is dropped on http). After reset()
 * (no expiry) it deletes the cookie.
 */
export function consentCookie(receipt) {
  const { categories, revision, consentId, givenAt, updatedAt, source, domain, expires, page } = receipt;
  const value = expires === null ? '' : encodeCookieValue(JSON.stringify({ categories, revision, consentId, givenAt, updatedAt, source }));
  return [
    `${CONSENT_COOKIE}=${value}`,
    'Path=/',
    `Expires=${new Date(expires ?? 0).toUTCString()}`,
    ...(domain ? [`Domain=${domain}`] : []),
    'SameSite=Lax',
    ...(page.startsWith('https:') ? ['Secure'] : []),
  ].join('; ');
}

/** js-cookie's default write converter: URI-encoded, but for the characters a cookie value may hold as they are. */
function encodeCookieValue(value) {
  return encodeURIComponent(value).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent);
}

/**
 * The problems with a receipt (none: valid): the schema, then what a schema cannot say about
 * times, which the widget's cookie reader checks too (so a cookie re-issued from a receipt is
 * never one the widget would refuse).
 */
export function validateReceipt(receipt, schema = loadSchema(DEFAULT_SCHEMA)) {
  const problems = [];
  checkValue(schema, receipt, 'receipt', problems);
  if (problems.length) return problems;
  const [given, updated, expires] = [receipt.givenAt, receipt.updatedAt, receipt.expires].map((time) => time && Date.parse(time));
  if (Number.isNaN(given) || Number.isNaN(updated) || Number.isNaN(expires)) problems.push('a time is not a date');
  else if (given > updated) problems.push('givenAt is after updatedAt');
  else if (updated > Date.now() + SKEW) problems.push('updatedAt is in the future');
  else if (expires !== null && (expires <= updated || expires > updated + MAX_LIFETIME)) problems.push('expires must be within 400 days after updatedAt');
  return problems;
}

/** The keywords checkValue understands: a schema using any other is refused when loaded, not ignored. */
const KEYWORDS = new Set(['$schema', '$id', 'title', 'description', 'format', 'type', 'enum', 'const', 'pattern', 'maxLength',
  'minimum', 'maximum', 'items', 'maxItems', 'uniqueItems', 'contains', 'properties', 'required', 'additionalProperties', 'anyOf']);

function loadSchema(file) {
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  const walk = (node) => {
    for (const [key, value] of Object.entries(node)) {
      if (!KEYWORDS.has(key)) throw new Error(`receipt-receiver: schema keyword "${key}" is not supported`);
      if (key === 'properties') Object.values(value).forEach(walk);
      else if (key === 'anyOf') value.forEach(walk);
      else if (key === 'items' || key === 'contains') walk(value);
    }
  };
  walk(schema);
  return schema;
}

/** The JSON type of a parsed value, as a schema names it. */
function typeOf(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (Number.isInteger(value)) return 'integer';
  return typeof value;
}

/** Validates `value` against the subset of JSON Schema (2020-12) in KEYWORDS, adding what fails to `problems`. */
function checkValue(schema, value, path, problems) {
  const type = typeOf(value);
  const types = schema.type === undefined ? undefined : [schema.type].flat();
  if (types && !types.some((name) => name === type || (name === 'number' && type === 'integer'))) {
    return problems.push(`${path} must be ${types.join(' or ')}`);
  }
  if ('const' in schema && value !== schema.const) problems.push(`${path} must be ${JSON.stringify(schema.const)}`);
  if (schema.enum && !schema.enum.includes(value)) problems.push(`${path} must be one of ${schema.enum.join(', ')}`);
  if (type === 'string') {
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) problems.push(`${path} is too long`);
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) problems.push(`${path} has the wrong form`);
  }
  if (type === 'integer' || type === 'number') {
    if (value < (schema.minimum ?? -Infinity) || value > (schema.maximum ?? Infinity)) problems.push(`${path} is out of range`);
  }
  if (type === 'array') {
    if (schema.maxItems !== undefined && value.length > schema.maxItems) problems.push(`${path} has too many items`);
    if (schema.uniqueItems && new Set(value.map((item) => JSON.stringify(item))).size !== value.length) problems.push(`${path} has duplicates`);
    if (schema.items) value.forEach((item, index) => checkValue(schema.items, item, `${path}[${index}]`, problems));
    if (schema.contains && !value.some((item) => isValid(schema.contains, item))) problems.push(`${path} lacks a required item`);
  }
  if (type === 'object') {
    for (const name of schema.required ?? []) if (!Object.hasOwn(value, name)) problems.push(`${path}.${name} is missing`);
    for (const [name, item] of Object.entries(value)) {
      if (schema.properties && Object.hasOwn(schema.properties, name)) checkValue(schema.properties[name], item, `${path}.${name}`, problems);
      else if (schema.additionalProperties === false) problems.push(`${path}.${name.slice(0, 40)} is not a receipt field`);
    }
  }
  if (schema.anyOf && !schema.anyOf.some((option) => isValid(option, value))) {
    problems.push(`${path} must be ${schema.anyOf.map((option) => option.description ?? 'another form').join(', or ')}`);
  }
}

function isValid(schema, value) {
  const problems = [];
  checkValue(schema, value, '', problems);
  return !problems.length;
}

// Run alone: a receiver on its own port, for a reverse proxy to mount under the site's domain.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.env.PORT ?? 8787);
  const host = process.env.HOST ?? '127.0.0.1';
  const file = process.env.RECEIPTS_FILE ?? 'consent-receipts.jsonl';
  createServer(createReceiptReceiver({ file })).listen(port, host, () => {
    console.log(`ib-cookie-consent receipts: POST http://${host}:${port}/ -> ${file}`);
  });
}
