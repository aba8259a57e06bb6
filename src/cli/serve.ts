/**
 * `reportlint serve`: the check page (dist/web, built by `npm run build:web`) on 127.0.0.1 only,
 * for a clerk whose browser will not open it from disk, or an office that puts it on an intranet
 * server. Static files and nothing else: the page checks in the browser, so this server never
 * receives a report (it answers GET and HEAD for its own files; anything else is refused).
 */
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PAGE_CSP } from '../web/csp.js';

// the page's own policy (its <meta> has the same): the page may connect nowhere, not even back here
const CSP = `${PAGE_CSP}; frame-ancestors 'none'`;
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/** dist/web of this package: three folders up from this file, in dist/src/cli and in the bundle alike */
export const webRoot = () => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

export function startServe(port: number, root = webRoot()): Promise<Server> {
  const server = createServer(async (req, res) => {
    const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-cache' };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(root, name);
    // only the page's own files: nothing above its folder, no dot-files
    if (!file.startsWith(root + path.sep) || !TYPES[path.extname(file)] || name.split('/').some((p) => p.startsWith('.'))) {
      res.writeHead(404, headers).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.extname(file)], 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      res.writeHead(404, headers).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
