// The one HTTP path every REST/SOAP PMS adapter goes through: a per-request timeout, 401 → fresh
// credentials once, and the transport outcomes mapped to our codes. Only answers a PMS meant as an
// answer (2xx, 3xx, 4xx other than 401/408/429) reach the adapter; everything else is a PmsError.
import type { Clock } from '../../clock.js';
import { PmsError } from '../adapter.js';
import type { RequestLimiter } from './request-limits.js';
import { retryAfterSeconds } from './retry-after.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * What a lost answer means. `read`: nothing changed, try again. `idempotent-write`: the PMS dedupes
 * on our key, so a re-send is safe. `unprotected-write`: the PMS may have booked it and a re-send
 * could book it twice, so the outcome is POSTING_UNKNOWN.
 */
export type RequestKind = 'read' | 'idempotent-write' | 'unprotected-write';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the base URL, or absolute (token endpoints often live on another host). */
  path: string;
  kind: RequestKind;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  body?: { json: unknown } | { form: URLSearchParams } | { text: string; contentType: string };
  timeoutMs?: number;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  kind: RequestKind;
}

export interface Authorizer {
  headers(): Promise<Record<string, string>>;
  /** The PMS said 401: forget the cached token so the next headers() fetches a new one. */
  invalidate(): void;
}

export interface HttpClientOptions {
  baseUrl: string;
  timeoutMs: number;
  clock: Clock;
  fetch?: FetchLike;
  auth?: Authorizer;
  headers?: Record<string, string>;
  /**
   * The PMS's published request limits for this connection: every request (a 401 re-send included)
   * waits for a slot, and a 429 closes the gate for all of them (request-limits.ts).
   */
  limiter?: RequestLimiter | undefined;
}

export interface HttpClient {
  send(request: HttpRequest): Promise<HttpAnswer>;
}

// Connection errors that prove the request never reached the PMS.
const NEVER_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function createHttpClient(o: HttpClientOptions): HttpClient {
  const doFetch: FetchLike = o.fetch ?? ((input, init) => fetch(input, init));

  async function once(req: HttpRequest): Promise<HttpAnswer> {
    const done = await o.limiter?.acquire();
    try {
      return await exchange(req);
    } finally {
      // The request counts against the PMS's windows until its answer is in (request-limits.ts).
      done?.();
    }
  }

  async function exchange(req: HttpRequest): Promise<HttpAnswer> {
    const url = new URL(req.path, o.baseUrl.endsWith('/') ? o.baseUrl : `${o.baseUrl}/`);
    for (const [k, v] of Object.entries(req.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...o.headers, ...req.headers };
    if (o.auth) Object.assign(headers, await o.auth.headers());
    let body: string | URLSearchParams | undefined;
    if (req.body && 'json' in req.body) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.body.json);
    } else if (req.body && 'form' in req.body) body = req.body.form;
    else if (req.body) {
      headers['content-type'] = req.body.contentType;
      body = req.body.text;
    }
    const controller = new AbortController();
    const timeoutMs = req.timeoutMs ?? o.timeoutMs;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const where = { method: req.method, url: `${url.origin}${url.pathname}` };
    try {
      const res = await doFetch(url.href, { method: req.method, headers, body, signal: controller.signal });
      // The body is read under the same deadline: a PMS that sends headers and then stalls is a timeout.
      const text = await res.text();
      return { status: res.status, headers: res.headers, text, kind: req.kind };
    } catch (err) {
      if (controller.signal.aborted)
        throw lostAnswer(req.kind, `no answer within ${timeoutMs} ms`, where, err);
      const code = errorCode(err);
      if (code && NEVER_SENT.has(code)) {
        throw new PmsError('CONNECTION_FAILED', `PMS unreachable (${code})`, {
          context: { ...where, errno: code },
          cause: err,
        });
      }
      throw lostAnswer(req.kind, `connection lost (${code ?? 'unknown'})`, where, err);
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    async send(req) {
      let answer = await once(req);
      if (answer.status === 401 && o.auth) {
        o.auth.invalidate();
        answer = await once(req);
      }
      return classify(answer, req, o.clock, o.limiter);
    },
  };
}

function classify(
  a: HttpAnswer,
  req: HttpRequest,
  clock: Clock,
  limiter: RequestLimiter | undefined,
): HttpAnswer {
  const context = { status: a.status, method: req.method, path: req.path };
  if (a.status === 429) {
    // A 429 is refused before the PMS acts on it: nothing was booked, and the charge is sent again
    // (with the same idempotency key where the PMS has one) once the PMS's wait is over.
    const asked = retryAfterSeconds(a.headers.get('retry-after'), clock);
    const waitMs = limiter?.rateLimited(asked) ?? (asked === null ? null : asked * 1000);
    throw new PmsError('RATE_LIMITED', 'the PMS rate-limited the request', {
      retryable: true,
      context: {
        ...context,
        retryAfterSeconds: waitMs === null ? null : Math.ceil(waitMs / 1000),
        pmsRetryAfter: asked !== null,
      },
    });
  }
  limiter?.answered();
  if (a.status === 401) {
    throw new PmsError('CONNECTION_FAILED', 'the PMS refused our credentials', {
      context: { ...context, auth: true },
    });
  }
  // 503 and 502 say the PMS (or its gateway) did not process the request. A 500/504/408 can come after
  // the PMS booked it, so for an unprotected posting the outcome is unknown.
  if (a.status === 502 || a.status === 503) {
    throw new PmsError('CONNECTION_FAILED', `the PMS is unavailable (HTTP ${a.status})`, { context });
  }
  if (a.status >= 500 || a.status === 408) {
    throw lostAnswer(req.kind, `HTTP ${a.status} from the PMS`, context);
  }
  return a;
}

/** The request left us and no usable answer came back. */
export function lostAnswer(
  kind: RequestKind,
  why: string,
  context: Record<string, unknown>,
  cause?: unknown,
): PmsError {
  if (kind === 'unprotected-write') {
    return new PmsError('POSTING_UNKNOWN', `posting outcome unknown: ${why}`, { context, cause });
  }
  return new PmsError('CONNECTION_FAILED', why, { retryable: true, context, cause });
}

function errorCode(err: unknown): string | undefined {
  // undici wraps the socket error: TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }).
  for (let e: unknown = err, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
