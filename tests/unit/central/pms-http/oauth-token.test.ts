// Token fetch and cache (RFC 6749 §4.4/§6): one fetch per token lifetime, renewed a minute early,
// shared by concurrent callers, dropped on invalidate.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PmsError } from '../../../../central/src/pms/adapter.js';
import { createHttpClient } from '../../../../central/src/pms/http/http-client.js';
import { createOAuthAuthorizer, oauthConfig } from '../../../../central/src/pms/http/oauth-token.js';
import { fakeFetch, fixedClock, json } from './fake-fetch.js';

function setup(
  over: Record<string, unknown> = {},
  answer = json(200, { access_token: 'tok', expires_in: 3600 }),
) {
  const clock = fixedClock('2026-01-27T19:45:00Z');
  const fetch = fakeFetch([[() => true, answer]]);
  const http = createHttpClient({ baseUrl: 'https://id.example', timeoutMs: 1000, clock, fetch });
  const config = oauthConfig.parse({
    tokenUrl: 'https://id.example/token',
    clientId: 'c',
    clientSecret: 's',
    ...over,
  });
  return { clock, fetch, auth: createOAuthAuthorizer(config, http, clock, { 'x-app-key': 'k' }) };
}

test('a token is fetched once and reused until shortly before it expires', async () => {
  const { clock, fetch, auth } = setup();
  assert.deepEqual(await auth.headers(), { authorization: 'Bearer tok' });
  await auth.headers();
  assert.equal(fetch.calls.length, 1);
  clock.advance(3600_000 - 61_000);
  await auth.headers();
  assert.equal(fetch.calls.length, 1, 'still valid 61 s before expiry');
  clock.advance(2_000);
  await auth.headers();
  assert.equal(fetch.calls.length, 2, 'renewed within the last minute');
});

test('concurrent callers share one token request', async () => {
  const { fetch, auth } = setup();
  await Promise.all([auth.headers(), auth.headers(), auth.headers()]);
  assert.equal(fetch.calls.length, 1);
});

test('invalidate forces a new token on the next call', async () => {
  const { fetch, auth } = setup();
  await auth.headers();
  auth.invalidate();
  await auth.headers();
  assert.equal(fetch.calls.length, 2);
});

test('client credentials go in the body by default, or as HTTP Basic, with the extra headers', async () => {
  let { fetch, auth } = setup();
  await auth.headers();
  let body = new URLSearchParams(String(fetch.calls[0]?.init.body));
  assert.equal(body.get('grant_type'), 'client_credentials');
  assert.equal(body.get('client_id'), 'c');
  ({ fetch, auth } = setup({ clientAuth: 'basic', scope: 'charges.create' }));
  await auth.headers();
  const headers = fetch.calls[0]?.init.headers as Record<string, string>;
  assert.equal(headers.authorization, `Basic ${Buffer.from('c:s').toString('base64')}`);
  assert.equal(headers['x-app-key'], 'k');
  body = new URLSearchParams(String(fetch.calls[0]?.init.body));
  assert.equal(body.get('client_id'), null);
  assert.equal(body.get('scope'), 'charges.create');
});

test('a rotating refresh token is used for the next refresh', async () => {
  const { fetch, auth } = setup(
    { refreshToken: 'r1' },
    json(200, { access_token: 'tok', expires_in: 3600, refresh_token: 'r2' }),
  );
  await auth.headers();
  auth.invalidate();
  await auth.headers();
  const grants = fetch.calls.map((c) => new URLSearchParams(String(c.init.body)).get('refresh_token'));
  assert.deepEqual(grants, ['r1', 'r2']);
});

test('a refused token request is CONNECTION_FAILED (auth), and a token answer in HTML is unreadable', async () => {
  let err = await setup({}, json(400, { error: 'invalid_client' }))
    .auth.headers()
    .catch((e: unknown) => e);
  assert.ok(err instanceof PmsError);
  assert.equal(err.code, 'CONNECTION_FAILED');
  assert.equal(err.context.auth, true);
  const page = () =>
    new Response('<html>login</html>', { status: 200, headers: { 'content-type': 'text/html' } });
  err = await setup({}, page)
    .auth.headers()
    .catch((e: unknown) => e);
  assert.ok(err instanceof PmsError);
  assert.equal(err.code, 'CONNECTION_FAILED');
});
