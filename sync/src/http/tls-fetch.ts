// fetch() over HTTPS with a CA of our choosing (the property CA a device or IT's tool pinned), which
// the global fetch cannot take. Small on purpose: JSON requests to central, one answer each.
import { X509Certificate } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface TlsFetchOptions {
  /** PEM CA certificate(s) the server must chain to (its host name is checked too). */
  ca?: string;
  /** Accept any server certificate: only to fetch the CA whose fingerprint is then checked. */
  insecure?: boolean;
  timeoutMs?: number;
}

/** A `fetch` whose HTTPS requests trust `ca` (or, with `insecure`, anything). */
export function tlsFetch(options: TlsFetchOptions = {}): typeof fetch {
  const fn = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    new Promise((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : input);
      const body = typeof init?.body === 'string' ? init.body : undefined;
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((value, key) => {
        headers[key] = value;
      });
      if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
      const common = { method: init?.method ?? 'GET', headers, timeout: options.timeoutMs ?? 15_000 };
      const req =
        url.protocol === 'https:'
          ? httpsRequest(url, {
              ...common,
              ...(options.ca ? { ca: options.ca } : {}),
              rejectUnauthorized: !options.insecure,
              minVersion: 'TLSv1.2',
            })
          : httpRequest(url, common);
      req.on('timeout', () => req.destroy(new Error(`no answer within ${common.timeout} ms`)));
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
          const status = res.statusCode ?? 500;
          resolve(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: h }));
        });
      });
      req.end(body);
    });
  return fn as typeof fetch;
}

/** Upper-case hex without separators, so `AB:CD…`, `sha256:abcd…` and `abcd…` compare equal. */
export function normalizeFingerprint(fp: string): string {
  return fp
    .replace(/^sha-?256:/i, '')
    .replace(/[^0-9a-f]/gi, '')
    .toUpperCase();
}

/** The SHA-256 fingerprint of a PEM certificate (`AB:CD:…`), or null if it is not one. */
export function pemFingerprint(pem: string): string | null {
  try {
    return new X509Certificate(pem).fingerprint256;
  } catch {
    return null;
  }
}
