// The host console's server for the embedding tests: serves the bundled host app with the strict CSP
// the widget promises to work under, and forwards two routes to the ossbatch proxy in front of the
// OSS stand-in: `/oss/…` (the widget's default transport, the page's own origin) and `/backend/oss/…`
// (what the host's own `fetch` transport calls, as a console's backend would). It counts both, so a
// test can tell which way each request went.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname } from 'node:path';

/** The policy of issue #20, exactly; the package README documents the same line. */
export const STRICT_CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.css': 'text/css', '.json': 'application/json',
};

// Headers the browser adds that the proxy must not see from this hop (it would judge the origin).
const DROPPED = new Set(['host', 'connection', 'content-length', 'origin', 'referer', 'cookie', 'accept-encoding']);

export async function serveHost(root, proxyUrl) {
  const hits = { direct: [], backend: [] };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    const forwarded = url.pathname.startsWith('/oss/') ? 'direct' : url.pathname.startsWith('/backend/oss/') ? 'backend' : null;
    if (forwarded) {
      const chunks = [];
      for await (const chunk of req) chunks.push(chunk);
      const body = Buffer.concat(chunks);
      const path = req.url.replace(/^\/backend/, '');
      hits[forwarded].push(`${req.method} ${path}`);
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => !DROPPED.has(name)));
      try {
        const answer = await fetch(proxyUrl + path, { method: req.method, headers, body: body.length ? body : undefined });
        const out = {};
        answer.headers.forEach((value, name) => {
          if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) out[name] = value;
        });
        res.writeHead(answer.status, out).end(Buffer.from(await answer.arrayBuffer()));
      } catch (error) {
        res.writeHead(502, { 'content-type': 'text/plain' }).end(String(error));
      }
      return;
    }
    const path = decodeURIComponent(url.pathname);
    const relative = normalize(path === '/' ? '/index.html' : path).replace(/^(\.\.[/\\])+/, '');
    try {
      const body = await readFile(join(root, relative));
      res.writeHead(200, {
        'content-type': TYPES[extname(relative)] ?? 'application/octet-stream',
        'content-security-policy': STRICT_CSP,
      }).end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain', 'content-security-policy': STRICT_CSP }).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    hits,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
