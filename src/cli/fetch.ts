/**
 * Downloading reports given as URLs, for `reportlint audit` (Node only: the core never touches
 * the network). An audit may fetch thousands of reports, many from the same government site, so
 * the fetcher is polite and bounded:
 *
 * - at most `perHost` requests in flight to one host name (FIFO queue), hosts in parallel;
 * - every HTTP request has a deadline that also covers the body, so a server that dribbles bytes
 *   cannot hold a worker forever;
 * - bodies are capped (Content-Length checked first, then counted while streaming, which also
 *   bounds what a gzip body expands to);
 * - redirects are followed by hand, so loops and long chains become clear failures;
 * - only transient failures (network, timeout, 5xx, 429) are retried, with exponential backoff.
 *
 * It never throws: every outcome is a `Fetched`, failures carrying a reason and a message in
 * Chinese and English, so one bad URL is one fatal result in the audit, not a crash.
 *
 * Uses Node's built-in fetch (undici): no extra dependency.
 */

export interface FetchOptions {
  /** Requests in flight to one host name at once. Default 2. */
  perHost?: number;
  /** Deadline of one HTTP request, from sending it to the last byte of the body. Default 30 000. */
  timeoutMs?: number;
  /** Largest body accepted, in bytes. Default 50 MB. */
  maxBytes?: number;
  /** Extra attempts after a transient failure (network, timeout, 5xx, 429). Default 2. */
  retries?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /** First backoff delay; the n-th retry waits retryDelayMs × 2^n. Default 200 (tests use less). */
  retryDelayMs?: number;
}

export type FetchFailure = 'timeout' | 'too-large' | 'http-status' | 'redirect-loop' | 'too-many-redirects' | 'network' | 'bad-url';

export type Fetched =
  | { ok: true; url: string; finalUrl: string; bytes: Uint8Array; contentType: string | null }
  | { ok: false; url: string; reason: FetchFailure; status?: number; message: { zh: string; en: string } };

const MB = 1024 * 1024;
const DEFAULTS = {
  perHost: 2,
  timeoutMs: 30_000,
  maxBytes: 50 * MB,
  retries: 2,
  maxRedirects: 5,
  // "compatible; …" keeps the tool identifiable while getting past firewalls that turn away
  // anything not looking like a browser, which some government sites do.
  userAgent: 'Mozilla/5.0 (compatible; reportlint)',
  retryDelayMs: 200,
};

/** The statuses that mean "look at Location" (as in the Fetch standard). */
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** A fetcher: one function to call per URL, sharing the per-host limits and the options. */
export function createFetcher(options: FetchOptions = {}): (url: string) => Promise<Fetched> {
  const opts = { ...DEFAULTS, ...withoutUndefined(options) };
  opts.perHost = Math.max(1, Math.floor(opts.perHost));
  const limiter = new HostLimiter(opts.perHost);

  return async function fetchUrl(url: string): Promise<Fetched> {
    let current: URL | null = parseHttpUrl(url);
    if (!current) return failure(url, 'bad-url', opts, { url });

    // URLs already requested in this chain, to see a loop as soon as it closes rather than after
    // maxRedirects hops (we keep no cookies, so a URL that comes back would loop for ever).
    const seen = new Set([current.href]);
    let redirects = 0;
    let retriesUsed = 0;

    for (;;) {
      const target: URL = current;
      // The slot is held only for the request itself: queueing time does not count against the
      // deadline, and a request waiting for its retry does not block others to the same host.
      const hop: Hop = await limiter.run(target.hostname, () => requestOnce(target, opts));

      if (hop.kind === 'ok') {
        return { ok: true, url, finalUrl: target.href, bytes: hop.bytes, contentType: hop.contentType };
      }

      if (hop.kind === 'redirect') {
        const next: URL | null = hop.location === null ? null : parseHttpUrl(hop.location, target);
        if (!next) return failure(url, 'bad-url', opts, { url: hop.location ?? '' });
        if (seen.has(next.href)) return failure(url, 'redirect-loop', opts, { url: next.href });
        if (redirects >= opts.maxRedirects) return failure(url, 'too-many-redirects', opts, {});
        seen.add(next.href);
        redirects++;
        current = next;
        continue;
      }

      if (hop.retryable && retriesUsed < opts.retries) {
        await sleep(opts.retryDelayMs * 2 ** retriesUsed);
        retriesUsed++;
        continue; // the same URL again: redirects already followed stay followed
      }
      return failure(url, hop.reason, opts, { status: hop.status, detail: hop.detail });
    }
  };
}

// ---------------------------------------------------------------------------------------------
// One HTTP request

type Hop =
  | { kind: 'ok'; bytes: Uint8Array; contentType: string | null }
  | { kind: 'redirect'; location: string | null }
  | { kind: 'fail'; reason: FetchFailure; retryable: boolean; status?: number; detail?: string };

type Resolved = typeof DEFAULTS;

/** One GET, body included, under one deadline. Never throws. */
async function requestOnce(url: URL, opts: Resolved): Promise<Hop> {
  const controller = new AbortController();
  // A flag rather than signal.reason: we also abort ourselves for a too-large body.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, opts.timeoutMs);

  try {
    const res = await fetch(url, {
      redirect: 'manual',
      signal: controller.signal,
      headers: { 'user-agent': opts.userAgent, accept: '*/*' },
    });

    if (REDIRECT_STATUSES.has(res.status)) {
      void res.body?.cancel().catch(() => {}); // free the connection; the body is not wanted
      return { kind: 'redirect', location: res.headers.get('location') };
    }
    if (res.status < 200 || res.status >= 300) {
      void res.body?.cancel().catch(() => {});
      const retryable = res.status >= 500 || res.status === 429;
      return { kind: 'fail', reason: 'http-status', retryable, status: res.status };
    }

    // Refuse before downloading anything when the server says it is too big. (With gzip this is
    // the compressed size: if even that is over the limit, the file is.)
    const declared = Number(res.headers.get('content-length'));
    if (Number.isFinite(declared) && declared > opts.maxBytes) {
      controller.abort();
      return { kind: 'fail', reason: 'too-large', retryable: false };
    }

    const bytes = await readCapped(res, opts.maxBytes);
    if (!bytes) {
      controller.abort(); // stop the transfer now rather than let it run on
      return { kind: 'fail', reason: 'too-large', retryable: false };
    }
    return { kind: 'ok', bytes, contentType: res.headers.get('content-type') };
  } catch (e) {
    // Covers both phases: waiting for the headers and reading the body.
    if (timedOut) return { kind: 'fail', reason: 'timeout', retryable: true };
    return { kind: 'fail', reason: 'network', retryable: true, detail: networkDetail(e) };
  } finally {
    clearTimeout(timer);
  }
}

/** The whole body, or null as soon as more than maxBytes have arrived. */
async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array | null> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** undici reports "fetch failed" and puts the useful part (ECONNREFUSED, ENOTFOUND…) in `cause`. */
function networkDetail(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

// ---------------------------------------------------------------------------------------------
// Per-host limit

/** A counting semaphore per host name; waiters are served in arrival order. */
class HostLimiter {
  private readonly hosts = new Map<string, { active: number; queue: Array<() => void> }>();

  constructor(private readonly limit: number) {}

  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(host);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  private acquire(host: string): Promise<void> {
    let h = this.hosts.get(host);
    if (!h) this.hosts.set(host, (h = { active: 0, queue: [] }));
    if (h.active < this.limit) {
      h.active++;
      return Promise.resolve();
    }
    const entry = h;
    return new Promise((resolve) => entry.queue.push(resolve));
  }

  private release(host: string): void {
    const h = this.hosts.get(host)!;
    const next = h.queue.shift();
    if (next) next(); // hand the slot straight over: `active` stays the same
    else if (--h.active === 0) this.hosts.delete(host); // an audit meets thousands of hosts once
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** An absolute http(s) URL without its fragment (never sent, and it would defeat loop detection). */
function parseHttpUrl(input: string, base?: URL): URL | null {
  let u: URL;
  try {
    u = new URL(input, base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  return u;
}

function failure(url: string, reason: FetchFailure, opts: Resolved, p: { status?: number; url?: string; detail?: string }): Fetched {
  const message = messages[reason](opts, p);
  return p.status === undefined ? { ok: false, url, reason, message } : { ok: false, url, reason, status: p.status, message };
}

type Params = { status?: number; url?: string; detail?: string };
const messages: Record<FetchFailure, (o: Resolved, p: Params) => { zh: string; en: string }> = {
  timeout: (o) => ({ zh: `下载超时（${seconds(o.timeoutMs)} 秒）`, en: `the download timed out (${seconds(o.timeoutMs)} s)` }),
  'too-large': (o) => ({ zh: `文件超过 ${size(o.maxBytes, 'zh')} 上限`, en: `the file is larger than the ${size(o.maxBytes, 'en')} limit` }),
  'http-status': (_, p) => ({ zh: `服务器返回 ${p.status}`, en: `the server answered ${p.status}` }),
  'redirect-loop': (_, p) => ({ zh: `重定向形成循环（${p.url}）`, en: `the redirects form a loop (${p.url})` }),
  'too-many-redirects': (o) => ({ zh: `重定向超过 ${o.maxRedirects} 次`, en: `more than ${o.maxRedirects} redirects` }),
  network: (_, p) => ({ zh: `无法连接服务器（${p.detail}）`, en: `cannot reach the server (${p.detail})` }),
  'bad-url': (_, p) => ({ zh: `不是有效的 http/https 网址：${p.url}`, en: `not a valid http or https URL: ${p.url}` }),
};

const seconds = (ms: number) => String(Math.round(ms / 100) / 10); // 30000 → "30", 300 → "0.3"

function size(n: number, lang: 'zh' | 'en'): string {
  if (n >= MB) return `${Math.round((n / MB) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return lang === 'zh' ? `${n} 字节` : `${n} bytes`;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
