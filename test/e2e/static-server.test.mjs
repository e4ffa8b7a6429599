import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../scripts/static-server.mjs';

/**
 * A GET with the path sent exactly as written; its status, or an error when no answer comes
 * (before the fix a malformed URL got none, and `npm start` died).
 */
const get = (port, path) =>
  new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    sent.setTimeout(5000, () => sent.destroy(new Error(`no answer to ${path}`)));
    sent.on('error', reject).end();
  });

describe('the demo and test server', () => {
  let server;
  before(async () => {
    server = await startStaticServer({ root: new URL('../../', import.meta.url).pathname });
  });
  after(() => server.close());

  it('answers a malformed URL with 400 and keeps serving', async () => {
    assert.equal(await get(server.port, '/%E0%A4%A'), 400);
    assert.equal(await get(server.port, '/package.json'), 200);
  });

  it('still serves escaped paths and keeps requests inside its root', async () => {
    assert.equal(await get(server.port, '/%70ackage.json'), 200);
    assert.equal(await get(server.port, '/%2e%2e/%2e%2e/etc/passwd'), 404);
  });
});
