// The loopback HTTP server under every PMS simulator, with the contract's faults: down (a gateway's
// HTML 503), rate limit (429 + Retry-After), and a posting that gets no answer, either before the
// PMS applied it or after. Each simulator supplies the routes; this file supplies the wire.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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
}

export interface SimFaults {
  setDown(down: boolean): void;
  rateLimitNext(n: number): void;
  timeoutNext(mode: 'before-apply' | 'after-apply'): void;
}

export interface SimServer {
  url: string;
  faults: SimFaults;
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
}

export async function startSimServer(o: SimServerOptions): Promise<SimServer> {
  let down = false;
  let rateLimited = 0;
  let timeout: 'before-apply' | 'after-apply' | null = null;
  const received: SimRequest[] = [];

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
}
