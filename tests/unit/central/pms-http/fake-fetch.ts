// A scripted `fetch` for adapter tests: each call is answered by the first route whose test matches.
import type { FetchLike } from '../../../../central/src/pms/http/http-client.js';

export interface Call {
  url: string;
  init: RequestInit;
}

export type Route = [
  test: (url: string, init: RequestInit) => boolean,
  answer: () => Response | Promise<Response>,
];

export function fakeFetch(routes: Route[]): FetchLike & { calls: Call[] } {
  const calls: Call[] = [];
  const fn = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const route = routes.find(([t]) => t(url, init));
    if (!route) throw new Error(`no fake route for ${init.method} ${url}`);
    return route[1]();
  };
  return Object.assign(fn, { calls });
}

export const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    });

export const html = (status: number) => () =>
  new Response('<!DOCTYPE html><html><body>Captive portal</body></html>', {
    status,
    headers: { 'content-type': 'text/html' },
  });

/** A fetch that never answers, only rejects when the caller aborts (as undici does). */
export function hangingFetch(): FetchLike {
  return (_url, init) =>
    new Promise((_, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
}

export const fixedClock = (iso: string) => {
  let now = new Date(iso).getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
};
