/**
 * The URL fetcher of `reportlint audit` against a local HTTP server: every outcome (ok, timeout,
 * too large, HTTP status, redirect loop and chain, network, bad URL), which failures are retried
 * and which are not (counted on the server), and the per-host concurrency limit.
 */
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { createFetcher, type Fetched } from '../src/cli/fetch.js';
import { fixture } from './helpers/fixtures.js';

let report: Buffer;
let base: string; // http://127.0.0.1:PORT
let otherBase: string | null = null; // the same handler on 127.0.0.2, another host (if the system has it)
const servers: http.Server[] = [];

/** Requests seen per path + query: tests tag their URLs (?t=…) so counts do not mix. */
const hits = new Map<string, number>();
/** For /count-concurrent: requests being answered right now, the most seen at once, arrival order. */
const concurrency = { inFlight: 0, max: 0, order: [] as string[] };

function handler(req: http.IncomingMessage, res: http.ServerResponse) {
  const u = new URL(req.url!, 'http://x');
  const n = (hits.get(req.url!) ?? 0) + 1;
  hits.set(req.url!, n);
  // Timers of a slow answer stop when the client goes away, so nothing outlives the tests.
  const timers: NodeJS.Timeout[] = [];
  res.on('close', () => timers.forEach(clearTimeout));
  const later = (ms: number, f: () => void) => timers.push(setTimeout(f, ms));
  const redirect = (location: string) => res.writeHead(302, { location }).end();

  const chain = /^\/chain\/(\d+)$/.exec(u.pathname);
  if (chain) {
    const left = Number(chain[1]);
    return left > 0 ? redirect(`/chain/${left - 1}`) : res.end('end of chain');
  }

  switch (u.pathname) {
    case '/ok':
      return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': report.length }).end(report);
    case '/ok-chunked': // the same bytes, no Content-Length: only streaming can count them
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write(report.subarray(0, 5000));
      return res.end(report.subarray(5000));
    case '/slow':
      return later(2000, () => res.end('too late'));
    case '/slow-body': // headers at once, then a few bytes every 100 ms for 2 s
      res.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 1; i <= 20; i++) later(i * 100, () => (i === 20 ? res.end('.') : res.write('.')));
      return;
    case '/404':
      return res.writeHead(404).end('not found');
    case '/500-then-ok':
      return n === 1 ? res.writeHead(500).end('oops') : res.end('fine now');
    case '/429-then-ok':
      return n === 1 ? res.writeHead(429).end('slow down') : res.end('fine now');
    case '/always-500':
      return res.writeHead(500).end('oops');
    case '/loop-a':
      return redirect('/loop-b');
    case '/loop-b':
      return redirect('/loop-a');
    case '/redirect-to-ok':
      return redirect('ok'); // relative to /redirect-to-ok: /ok
    case '/redirect-to-500-then-ok':
      return redirect(`/500-then-ok${u.search}`);
    case '/redirect-to-ftp':
      return redirect('ftp://127.0.0.1/report.html');
    case '/big': // declares 10 MB, sends a little, then stalls: the client must not wait for it
      res.writeHead(200, { 'content-length': 10 * 1024 * 1024 });
      return void res.write(Buffer.alloc(1024));
    case '/big-chunked': { // no Content-Length, 4 KB every 2 ms up to 4 MB
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      let sent = 0;
      const tick = () => {
        if (res.destroyed) return;
        res.write(Buffer.alloc(4096, 0x61));
        sent += 4096;
        if (sent >= 4 * 1024 * 1024) res.end();
        else later(2, tick);
      };
      return tick();
    }
    case '/count-concurrent':
      concurrency.inFlight++;
      concurrency.max = Math.max(concurrency.max, concurrency.inFlight);
      concurrency.order.push(u.searchParams.get('i') ?? '');
      return later(80, () => {
        concurrency.inFlight--;
        res.end(`request ${u.searchParams.get('i')}`);
      });
    default:
      return res.writeHead(404).end();
  }
}

async function listen(host: string): Promise<string> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  servers.push(server);
  return `http://${host}:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  report = await readFile(fixture('2021', 'department-correct.html'));
  base = await listen('127.0.0.1');
  otherBase = await listen('127.0.0.2').catch(() => null); // not every system routes all of 127/8
});

afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
});

/** Small delays everywhere: the whole file runs in a few seconds. */
const fast = { timeoutMs: 300, retryDelayMs: 20 };
const failed = (r: Fetched) => {
  if (r.ok) throw new Error(`expected a failure, got ok for ${r.url}`);
  return r;
};
async function timed<T>(p: Promise<T>): Promise<[T, number]> {
  const t = Date.now();
  const v = await p;
  return [v, Date.now() - t];
}

describe('createFetcher: success', () => {
  it('/ok: the bytes of the file, its content type, finalUrl = url', async () => {
    const r = await createFetcher(fast)(`${base}/ok`);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Buffer.from(r.bytes).equals(report)).toBe(true);
    expect(r.contentType).toBe('text/html; charset=utf-8');
    expect(r.url).toBe(`${base}/ok`);
    expect(r.finalUrl).toBe(`${base}/ok`);
  });

  it('follows a relative redirect: finalUrl is where the bytes came from', async () => {
    const r = await createFetcher(fast)(`${base}/redirect-to-ok?t=rel`);
    expect(r).toMatchObject({ ok: true, url: `${base}/redirect-to-ok?t=rel`, finalUrl: `${base}/ok` });
    if (r.ok) expect(Buffer.from(r.bytes).equals(report)).toBe(true);
  });

  it('exactly maxRedirects redirects are fine', async () => {
    const r = await createFetcher({ ...fast, maxRedirects: 3 })(`${base}/chain/3`);
    expect(r).toMatchObject({ ok: true, finalUrl: `${base}/chain/0` });
    if (r.ok) expect(Buffer.from(r.bytes).toString()).toBe('end of chain');
  });

  it('a body of exactly maxBytes is accepted, with or without Content-Length', async () => {
    const get = createFetcher({ ...fast, maxBytes: report.length });
    for (const p of ['/ok', '/ok-chunked']) {
      const r = await get(`${base}${p}`);
      expect(r.ok).toBe(true);
      if (r.ok) expect(Buffer.from(r.bytes).equals(report)).toBe(true);
    }
  });
});

describe('createFetcher: failures', () => {
  it('/slow (no answer within timeoutMs): timeout, without waiting for the server', async () => {
    const [r, ms] = await timed(createFetcher({ ...fast, retries: 0 })(`${base}/slow?t=once`));
    expect(failed(r)).toEqual({
      ok: false,
      url: `${base}/slow?t=once`,
      reason: 'timeout',
      message: { zh: '下载超时（0.3 秒）', en: 'the download timed out (0.3 s)' },
    });
    expect(ms).toBeLessThan(1000);
  });

  it('/slow-body (headers at once, body dribbling): the deadline covers the body too', async () => {
    const [r, ms] = await timed(createFetcher({ ...fast, retries: 0 })(`${base}/slow-body`));
    expect(failed(r).reason).toBe('timeout');
    expect(ms).toBeLessThan(1000);
  });

  it('/404: http-status 404, not retried', async () => {
    const r = failed(await createFetcher({ ...fast, retries: 2 })(`${base}/404?t=a`));
    expect(r).toEqual({ ok: false, url: `${base}/404?t=a`, reason: 'http-status', status: 404, message: { zh: '服务器返回 404', en: 'the server answered 404' } });
    expect(hits.get('/404?t=a')).toBe(1);
  });

  it('/always-500: http-status 500 after 1 + retries attempts, with backoff', async () => {
    const [r, ms] = await timed(createFetcher({ ...fast, retries: 2, retryDelayMs: 50 })(`${base}/always-500?t=a`));
    expect(failed(r)).toMatchObject({ reason: 'http-status', status: 500, message: { zh: '服务器返回 500' } });
    expect(hits.get('/always-500?t=a')).toBe(3);
    expect(ms).toBeGreaterThanOrEqual(50 + 100 - 5); // 50 ms, then 100 ms
  });

  it('/big (Content-Length over maxBytes): too-large at once, not retried', async () => {
    const r = await createFetcher({ ...fast, maxBytes: 1024 * 1024, retries: 2 })(`${base}/big?t=a`);
    expect(failed(r)).toEqual({
      ok: false,
      url: `${base}/big?t=a`,
      reason: 'too-large',
      message: { zh: '文件超过 1 MB 上限', en: 'the file is larger than the 1 MB limit' },
    });
    expect(hits.get('/big?t=a')).toBe(1); // (and not 'timeout': it did not wait for the stalled body)
  });

  it('/big-chunked (no Content-Length, streams past maxBytes): too-large while streaming', async () => {
    const [r, ms] = await timed(createFetcher({ ...fast, timeoutMs: 5000, maxBytes: 64 * 1024, retries: 2 })(`${base}/big-chunked?t=a`));
    expect(failed(r)).toMatchObject({ reason: 'too-large', message: { zh: '文件超过 64 KB 上限' } });
    expect(hits.get('/big-chunked?t=a')).toBe(1);
    expect(ms).toBeLessThan(1000); // stopped at 64 KB, long before the 4 MB end
  });

  it('streaming one byte past maxBytes is too large', async () => {
    const r = await createFetcher({ ...fast, maxBytes: report.length - 1 })(`${base}/ok-chunked`);
    expect(failed(r).reason).toBe('too-large');
  });

  it('/loop-a → /loop-b → /loop-a: redirect-loop, each hop requested once', async () => {
    const r = failed(await createFetcher({ ...fast, retries: 2 })(`${base}/loop-a`));
    expect(r.reason).toBe('redirect-loop');
    expect(r.message.zh).toMatch(/^重定向形成循环/);
    expect(r.message.zh).toContain(`${base}/loop-a`);
    expect(r.status).toBeUndefined();
    expect([hits.get('/loop-a'), hits.get('/loop-b')]).toEqual([1, 1]);
  });

  it('/chain longer than maxRedirects: too-many-redirects', async () => {
    const r = failed(await createFetcher({ ...fast, maxRedirects: 3 })(`${base}/chain/10`));
    expect(r).toMatchObject({ reason: 'too-many-redirects', message: { zh: '重定向超过 3 次', en: 'more than 3 redirects' } });
    // 10 → 9 → 8 → 7 followed; the redirect from 7 to 6 is one too many and is not requested
    expect(hits.get('/chain/7')).toBe(1);
    expect(hits.has('/chain/6')).toBe(false);
  });

  it('a redirect to a non-http URL: bad-url', async () => {
    const r = failed(await createFetcher(fast)(`${base}/redirect-to-ftp`));
    expect(r.reason).toBe('bad-url');
    expect(r.message.en).toContain('ftp://127.0.0.1/report.html');
  });

  it('only http: and https: URLs: bad-url without any request', async () => {
    const get = createFetcher(fast);
    for (const url of ['ftp://example.com/report.html', 'file:///etc/passwd', 'not a url', '', 'javascript:alert(1)']) {
      const r = failed(await get(url));
      expect(r).toMatchObject({ url, reason: 'bad-url' });
      expect(r.message.zh).toBe(`不是有效的 http/https 网址：${url}`);
    }
  });

  it('nothing listening: network, with the cause in the message', async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const [r, ms] = await timed(createFetcher({ ...fast, retries: 1, retryDelayMs: 50 })(`http://127.0.0.1:${port}/ok`));
    expect(failed(r)).toMatchObject({ reason: 'network', message: { zh: '无法连接服务器（ECONNREFUSED）', en: 'cannot reach the server (ECONNREFUSED)' } });
    expect(ms).toBeGreaterThanOrEqual(45); // it was retried, after the backoff
  });
});

describe('createFetcher: retries', () => {
  it('/500-then-ok: retried once, then ok', async () => {
    const r = await createFetcher({ ...fast, retries: 2 })(`${base}/500-then-ok?t=a`);
    expect(r.ok).toBe(true);
    if (r.ok) expect(Buffer.from(r.bytes).toString()).toBe('fine now');
    expect(hits.get('/500-then-ok?t=a')).toBe(2);
  });

  it('/429-then-ok: 429 is retried too', async () => {
    const r = await createFetcher({ ...fast, retries: 2 })(`${base}/429-then-ok?t=a`);
    expect(r.ok).toBe(true);
    expect(hits.get('/429-then-ok?t=a')).toBe(2);
  });

  it('retries: 0 means one attempt', async () => {
    const r = failed(await createFetcher({ ...fast, retries: 0 })(`${base}/500-then-ok?t=b`));
    expect(r).toMatchObject({ reason: 'http-status', status: 500 });
    expect(hits.get('/500-then-ok?t=b')).toBe(1);
  });

  it('a timeout is retried', async () => {
    const r = failed(await createFetcher({ ...fast, retries: 1 })(`${base}/slow?t=twice`));
    expect(r.reason).toBe('timeout');
    expect(hits.get('/slow?t=twice')).toBe(2);
  });

  it('a 500 after a redirect: the failing hop is retried, not the redirect', async () => {
    const r = await createFetcher({ ...fast, retries: 1 })(`${base}/redirect-to-500-then-ok?t=c`);
    expect(r).toMatchObject({ ok: true, finalUrl: `${base}/500-then-ok?t=c` });
    expect([hits.get('/redirect-to-500-then-ok?t=c'), hits.get('/500-then-ok?t=c')]).toEqual([1, 2]);
  });
});

describe('createFetcher: per-host limit', () => {
  it('6 requests with perHost 2: never more than 2 in flight at the server, all 6 done', async () => {
    Object.assign(concurrency, { inFlight: 0, max: 0, order: [] });
    const get = createFetcher({ ...fast, timeoutMs: 5000, perHost: 2 });
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => get(`${base}/count-concurrent?i=${i}`)));
    expect(concurrency.max).toBe(2); // the limit, and it was used
    expect(results.map((r) => r.ok && Buffer.from(r.bytes).toString())).toEqual([0, 1, 2, 3, 4, 5].map((i) => `request ${i}`));
    expect(concurrency.order).toHaveLength(6);
  });

  it('waiting requests go in arrival order (perHost 1)', async () => {
    Object.assign(concurrency, { inFlight: 0, max: 0, order: [] });
    const get = createFetcher({ ...fast, timeoutMs: 5000, perHost: 1 });
    await Promise.all([0, 1, 2, 3].map((i) => get(`${base}/count-concurrent?i=${i}`)));
    expect(concurrency.max).toBe(1);
    expect(concurrency.order).toEqual(['0', '1', '2', '3']);
  });

  it('the time in the queue does not count against timeoutMs', async () => {
    // 4 × 80 ms one after another is longer than a 200 ms deadline, each request well within it.
    const get = createFetcher({ timeoutMs: 200, perHost: 1, retries: 0 });
    const results = await Promise.all([0, 1, 2, 3].map((i) => get(`${base}/count-concurrent?i=q${i}`)));
    expect(results.every((r) => r.ok)).toBe(true);
  });

  it('different hosts run in parallel', async () => {
    if (!otherBase) return; // 127.0.0.2 not available here: nothing to compare with
    Object.assign(concurrency, { inFlight: 0, max: 0, order: [] });
    const get = createFetcher({ ...fast, timeoutMs: 5000, perHost: 1 });
    const urls = [base, otherBase, base, otherBase].map((b, i) => `${b}/count-concurrent?i=h${i}`);
    const results = await Promise.all(urls.map(get));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(concurrency.max).toBe(2); // one per host, both hosts at once
  });
});
