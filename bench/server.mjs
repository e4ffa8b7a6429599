/**
 * The bench's own server: a fixed set of files and pages, gzip-compressed as production sends
 * them, with the cache headers a site would send (assets cached for a year, pages revalidated),
 * so that a returning visit is served from the browser's cache. The demo server
 * (scripts/static-server.mjs) sends `no-store` and no gzip on purpose, for the tests.
 */
import { createServer } from 'node:http';
import { gzipSync } from 'node:zlib';

/** Text types are compressed; a JPEG is sent as it is, like any web server does. */
const COMPRESSED = /^(text\/|application\/(javascript|json))/;

/**
 * `files` maps a path (without query) to `{ body, type }`. Pages (`text/html`) are sent with
 * `no-cache`, everything else with a year's `max-age`: the usual setup for versioned assets.
 */
export async function startBenchServer(files) {
  const routes = new Map();
  for (const [path, { body, type }] of Object.entries(files)) {
    const gzip = COMPRESSED.test(type);
    routes.set(path, {
      // zlib's default level 6, as nginx and most CDNs use, not check:size's level 9.
      body: gzip ? gzipSync(body) : Buffer.from(body),
      headers: {
        'content-type': type,
        ...(gzip && { 'content-encoding': 'gzip', vary: 'accept-encoding' }),
        'cache-control': type.startsWith('text/html') ? 'no-cache' : 'public, max-age=31536000',
      },
    });
  }
  const server = createServer((request, response) => {
    const route = routes.get(new URL(request.url, 'http://localhost').pathname);
    if (!route) return response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    response.writeHead(200, { ...route.headers, 'content-length': route.body.length });
    response.end(route.body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    origin: `http://127.0.0.1:${server.address().port}`,
    /** Bytes on the wire for a path's body (compressed when it is). */
    size: (path) => routes.get(path).body.length,
    close: () => {
      // The browser keeps connections open; they would hold close() back.
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}
