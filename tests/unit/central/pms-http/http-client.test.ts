// The shared HTTP path: what each transport outcome means in our codes, for reads, idempotent
// writes and unprotected writes (where a lost answer must become POSTING_UNKNOWN, never a re-send).
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { z } from 'zod';
import { PmsError } from '../../../../central/src/pms/adapter.js';
import { createHttpClient, type RequestKind } from '../../../../central/src/pms/http/http-client.js';
import { readJson } from '../../../../central/src/pms/http/json-answer.js';
import { fakeFetch, fixedClock, hangingFetch, html, json } from './fake-fetch.js';

const clock = fixedClock('2026-01-27T19:45:00Z');
const client = (fetch: ReturnType<typeof fakeFetch> | ReturnType<typeof hangingFetch>, timeoutMs = 1000) =>
  createHttpClient({ baseUrl: 'https://pms.example/api', timeoutMs, clock, fetch });
const any = (): boolean => true;

async function failure(work: Promise<unknown>): Promise<PmsError> {
  const err = await work.then(
    () => assert.fail('expected a PmsError'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PmsError, String(err));
  return err;
}

async function readAs(kind: RequestKind, answer: () => Response) {
  const answered = await client(fakeFetch([[any, answer]])).send({ method: 'POST', path: 'x', kind });
  return readJson(answered, z.object({ id: z.string() }));
}

test('HTML where JSON was expected: a read is CONNECTION_FAILED, retryable', async () => {
  const err = await failure(readAs('read', html(200)));
  assert.equal(err.code, 'CONNECTION_FAILED');
  assert.equal(err.retryable, true);
});

test('HTML answering an unprotected posting is POSTING_UNKNOWN, never retryable', async () => {
  const err = await failure(readAs('unprotected-write', html(200)));
  assert.equal(err.code, 'POSTING_UNKNOWN');
  assert.equal(err.retryable, false);
});

test('malformed JSON is treated like no answer, by request kind', async () => {
  const truncated = () =>
    new Response('{"id": "T1', { status: 200, headers: { 'content-type': 'application/json' } });
  assert.equal((await failure(readAs('idempotent-write', truncated))).code, 'CONNECTION_FAILED');
  assert.equal((await failure(readAs('unprotected-write', truncated))).code, 'POSTING_UNKNOWN');
});

test('JSON of the wrong shape is as unreadable as no JSON', async () => {
  const err = await failure(readAs('unprotected-write', json(200, { Id: 5 })));
  assert.equal(err.code, 'POSTING_UNKNOWN');
});

test('429 is RATE_LIMITED with Retry-After in seconds, from delay-seconds or an HTTP-date', async () => {
  let err = await failure(readAs('unprotected-write', json(429, {}, { 'retry-after': '7' })));
  assert.equal(err.code, 'RATE_LIMITED');
  assert.equal(err.retryable, true);
  assert.equal(err.context.retryAfterSeconds, 7);
  const at = new Date(clock.now().getTime() + 30_000).toUTCString();
  err = await failure(readAs('read', json(429, {}, { 'retry-after': at })));
  assert.equal(err.context.retryAfterSeconds, 30);
});

test('503 and 502 mean not processed: CONNECTION_FAILED, even for an unprotected posting', async () => {
  for (const status of [502, 503]) {
    const err = await failure(readAs('unprotected-write', html(status)));
    assert.equal(err.code, 'CONNECTION_FAILED');
    assert.equal(err.retryable, true);
  }
});

test('500 after an unprotected posting is POSTING_UNKNOWN; after a read it is CONNECTION_FAILED', async () => {
  assert.equal((await failure(readAs('unprotected-write', json(500, {})))).code, 'POSTING_UNKNOWN');
  assert.equal((await failure(readAs('read', json(500, {})))).code, 'CONNECTION_FAILED');
});

test('connection refused never reached the PMS: CONNECTION_FAILED even for an unprotected posting', async () => {
  const refused = () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));
  const err = await failure(readAs('unprotected-write', refused as unknown as () => Response));
  assert.equal(err.code, 'CONNECTION_FAILED');
  assert.equal(err.context.errno, 'ECONNREFUSED');
});

test('a connection reset mid-request makes an unprotected posting POSTING_UNKNOWN', async () => {
  const reset = () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } }));
  assert.equal(
    (await failure(readAs('unprotected-write', reset as unknown as () => Response))).code,
    'POSTING_UNKNOWN',
  );
});

test('a timeout is CONNECTION_FAILED for idempotent work and POSTING_UNKNOWN for an unprotected posting', async () => {
  const send = (kind: RequestKind) => client(hangingFetch(), 20).send({ method: 'POST', path: 'x', kind });
  const idempotent = await failure(send('idempotent-write'));
  assert.equal(idempotent.code, 'CONNECTION_FAILED');
  assert.equal(idempotent.retryable, true);
  assert.equal((await failure(send('unprotected-write'))).code, 'POSTING_UNKNOWN');
});

test('the deadline covers the body: headers then silence is a timeout', async (t) => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"id":');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  const { port } = server.address() as AddressInfo;
  const http = createHttpClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 50, clock });
  const err = await failure(http.send({ method: 'POST', path: '/charges', kind: 'unprotected-write' }));
  assert.equal(err.code, 'POSTING_UNKNOWN');
});

test('a 401 fetches fresh credentials once, then succeeds', async () => {
  let invalidated = 0;
  let token = 'old';
  const fetch = fakeFetch([
    [(_u, init) => (init.headers as Record<string, string>).authorization === 'Bearer old', json(401, {})],
    [any, json(200, { id: 'T1' })],
  ]);
  const http = createHttpClient({
    baseUrl: 'https://pms.example',
    timeoutMs: 1000,
    clock,
    fetch,
    auth: {
      headers: async () => ({ authorization: `Bearer ${token}` }),
      invalidate: () => {
        invalidated++;
        token = 'new';
      },
    },
  });
  const answer = await http.send({ method: 'GET', path: '/x', kind: 'read' });
  assert.equal(answer.status, 200);
  assert.equal(invalidated, 1);
  assert.equal(fetch.calls.length, 2);
});

test('credentials refused twice are CONNECTION_FAILED marked as an auth problem', async () => {
  const http = createHttpClient({
    baseUrl: 'https://pms.example',
    timeoutMs: 1000,
    clock,
    fetch: fakeFetch([[any, json(401, { error: 'access_denied' })]]),
    auth: { headers: async () => ({}), invalidate() {} },
  });
  const err = await failure(http.send({ method: 'GET', path: '/x', kind: 'read' }));
  assert.equal(err.code, 'CONNECTION_FAILED');
  assert.equal(err.context.auth, true);
});
