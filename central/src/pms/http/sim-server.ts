// The loopback HTTP server under every PMS simulator, with the contract's faults: down (a gateway's
// HTML 503), rate limit (429 + Retry-After), and a posting that gets no answer, either before the
// PMS applied it or after. Each simulator supplies the routes; this file supplies the wire, and
// enforces the vendor's published request limits where the simulator gives them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestWindow } from './request-limits.js';

export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string as is (set content-type in headers). */
  body?: unknown;
  /** Runs once the answer has gone out (an asynchronous PMS pushes its result after the ack). */
  afterWrite?: () => void;
}

export interface SimFaults {
  setDown(down: boolean): void;
  rateLimitNext(n: number): void;
  timeoutNext(mode: 'before-apply' | 'after-apply'): void;
}

/** A vendor's request limits as the simulator enforces them (each simulator cites its source). */
export interface SimRequestLimits {
  windows: RequestWindow[];
  /** What the vendor counts by (AccessToken, ClientID…); null: the request is not counted or limited. */
  key(req: SimRequest): string | null;
  /** Seconds in `Retry-After` on the 429, where the vendor documents the header; false where not. */
  retryAfter: boolean;
  /**
   * Where the vendor delays a request over the limit instead of refusing it (OHIP: "delayed by 1000
   * milliseconds"): how long. Absent: a 429.
   */
  delayMs?: number;
}

export interface SimLimitStats {
  /** Requests over the limit, answered 429. */
  refused: number;
  /** When each counted request was admitted (ms, performance.now()), oldest first. */
  admitted: number[];
  /** Requests that arrived while the simulator's Retry-After had not passed for their key. */
  earlyAfterRetryAfter: number;
  /** Requests over the limit held back (`delayMs`) before they were answered. */
  delayed: number;
}

export interface SimServer {
  url: string;
  faults: SimFaults;
  /** What the enforced request limits did (all zero without limits). */
  limits: SimLimitStats;
  /** The posting requests the simulator received, oldest first (tests check their shape). */
  received: SimRequest[];
  close(): Promise<void>;
}

export interface SimServerOptions {
  route(req: SimRequest): Promise<SimResponse> | SimResponse;
  /** Which requests book something: the only ones a `timeoutNext` fault applies to. */
  isPosting(req: SimRequest): boolean;
  /** The body of a 429 in the PMS's own error shape. */
  rateLimitBody?: unknown;
  /** The vendor's published request limits, enforced on every request they count. */
  requestLimits?: SimRequestLimits | undefined;
}

export async function startSimServer(o: SimServerOptions): Promise<SimServer> {
  let down = false;
  let rateLimited = 0;
  let timeout: 'before-apply' | 'after-apply' | null = null;
  const received: SimRequest[] = [];
  const limits: SimLimitStats = { refused: 0, admitted: [], earlyAfterRetryAfter: 0, delayed: 0 };
  const admittedByKey = new Map<string, number[]>();
  const retryAfterByKey = new Map<string, { at: number; until: number }>();

  /** ms until `key` may send again under the vendor's windows; 0 admits (and counts) the request. */
  function overLimit(key: string): number {
    const windows = o.requestLimits?.windows ?? [];
    const now = performance.now();
    const times = admittedByKey.get(key) ?? [];
    let wait = 0;
    for (const w of windows) {
      const ms = w.seconds * 1000;
      const inWindow = times.filter((t) => t > now - ms);
      if (inWindow.length >= w.requests)
        wait = Math.max(wait, (inWindow[inWindow.length - w.requests] ?? now) + ms - now);
    }
    if (wait > 0) return wait;
    const longest = Math.max(...windows.map((w) => w.seconds * 1000));
    admittedByKey.set(key, [...times.filter((t) => t > now - longest), now]);
    limits.admitted.push(now);
    return 0;
  }

  const server = createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://sim');
      const req: SimRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      void handle(req, res);
    });
  });

  async function handle(req: SimRequest, res: ServerResponse): Promise<void> {
    if (o.isPosting(req)) received.push(req);
    if (down) {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
      return;
    }
    const limitKey = o.requestLimits?.key(req) ?? null;
    if (limitKey !== null) {
      // A request sent before the client read the 429 may still be on its way: 250 ms of grace.
      const told = retryAfterByKey.get(limitKey);
      const now = performance.now();
      if (told && now > told.at + 250 && now < told.until) limits.earlyAfterRetryAfter++;
      let wait = overLimit(limitKey);
      const delayMs = o.requestLimits?.delayMs;
      if (wait > 0 && delayMs !== undefined) {
        // Held back, then answered; it counts when it is let through.
        limits.delayed++;
        while (wait > 0) {
          await new Promise((r) => setTimeout(r, Math.max(delayMs, wait)));
          wait = overLimit(limitKey);
        }
      }
      if (wait > 0) {
        limits.refused++;
        // Requests refused with 429 are not counted (apaleo says so; the others do not say).
        const headers: Record<string, string> = {};
        if (o.requestLimits?.retryAfter) {
          const seconds = Math.ceil(wait / 1000);
          headers['retry-after'] = String(seconds);
          retryAfterByKey.set(limitKey, { at: now, until: now + seconds * 1000 - 50 });
        }
        write(res, { status: 429, headers, body: o.rateLimitBody ?? { message: 'Too many requests' } });
        return;
      }
    }
    if (rateLimited > 0) {
      rateLimited--;
      write(res, {
        status: 429,
        headers: { 'retry-after': '2' },
        body: o.rateLimitBody ?? { message: 'Too many requests' },
      });
      return;
    }
    if (timeout && o.isPosting(req)) {
      const mode = timeout;
      timeout = null;
      // No answer at all: the socket stays open until the client gives up or the server closes.
      if (mode === 'after-apply') await Promise.resolve(o.route(req)).catch(() => undefined);
      return;
    }
    try {
      write(res, await o.route(req));
    } catch (err) {
      write(res, { status: 500, body: { message: err instanceof Error ? err.message : String(err) } });
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    limits,
    faults: {
      setDown: (d) => {
        down = d;
      },
      rateLimitNext: (n) => {
        rateLimited = n;
      },
      timeoutNext: (mode) => {
        timeout = mode;
      },
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function write(res: ServerResponse, r: SimResponse): void {
  const isText = typeof r.body === 'string';
  const headers = { ...(isText ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...r.headers };
  res.writeHead(r.status, headers);
  res.end(r.body === undefined ? '' : isText ? (r.body as string) : JSON.stringify(r.body));
  r.afterWrite?.();
}
