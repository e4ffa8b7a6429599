/**
 * A small static file server for the demo and the end-to-end tests: the project's files, plus
 * pages registered in memory (with their own headers, such as a Content-Security-Policy).
 */
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const TYPES = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

/** `tls` ({ key, cert }) serves https instead of http. */
export async function startStaticServer({ root, port = 0, host = '127.0.0.1', tls }) {
  const pages = new Map();
  const handlers = new Map();
  const handle = async (request, response) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    } catch {
      // A malformed escape (/%E0%A4%A) is the client's mistake; thrown here it would crash the server.
      return response.writeHead(400, { 'content-type': 'text/plain' }).end('Bad request');
    }
    const handler = handlers.get(pathname);
    if (handler) return handler(request, response);
    const page = pages.get(pathname);
    if (page) {
      response.writeHead(200, { 'content-type': TYPES['.html'], ...page.headers });
      return response.end(page.html);
    }
    // normalize() keeps requests inside root: "/../x" becomes "/x".
    let file = join(root, normalize(pathname));
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  };
  const server = tls ? createTlsServer(tls, handle) : createServer(handle);
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  return {
    port: server.address().port,
    /** Serves `html` at `path`, with extra response headers. */
    setPage: (path, html, headers = {}) => pages.set(path, { html, headers }),
    /** Answers every request to `path` with `handler(request, response)`, such as the receipt receiver. */
    setHandler: (path, handler) => handlers.set(path, handler),
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
