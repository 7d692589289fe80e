// Sign-in to central's HTTP API (issue #8): sessions, expiry, lockout, 401/403 by role, and the
// permission table covering every registered /api route.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { type TestContext, test } from 'node:test';
import { type Central, seedDemoHotel } from '@roompost/central';
import { isPublicRoute, permissionFor } from '../../../central/src/auth/permissions.js';
import {
  type CentralRole,
  centralAs,
  signInAs,
  TEST_ADMIN,
  testPassword,
} from '../../support/central-api.js';
import { startTestCentral, TODAY } from '../../support/stack.js';

type Json = Record<string, unknown>;

/** Central on loopback with a clock the test can move forward. */
async function startAuthCentral(t: TestContext) {
  const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
  const central = await startTestCentral(t, { clock });
  return { central, clock };
}

async function post(central: Central, path: string, body: unknown, token?: string) {
  const res = await fetch(central.httpUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

async function get(central: Central, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(central.httpUrl + path, { headers });
  return { status: res.status, body: (await res.json()) as Json };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test('sign in for an opaque token stored only as its hash; me answers the user; sign-out ends it', async (t) => {
  const { central } = await startAuthCentral(t);
  await signInAs(central.httpUrl, 'olga.office', 'office');
  const signedIn = await post(central, '/api/auth/sign-in', {
    username: 'olga.office',
    password: testPassword('olga.office'),
  });
  assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));
  const token = signedIn.body.token as string;
  assert.match(token, /^[A-Za-z0-9_-]{43}$/, '32 random bytes, base64url');
  const hoursLeft = (Date.parse(signedIn.body.expiresAt as string) - Date.now()) / 3_600_000;
  assert.ok(hoursLeft > 11.9 && hoursLeft <= 12, `expires in 12 h, got ${hoursLeft}`);

  const rows = await central.db.selectFrom('user_sessions').selectAll().execute();
  const sha = createHash('sha256').update(token).digest('hex');
  assert.ok(rows.some((r) => r.token_hash === sha && r.username === 'olga.office'));
  assert.ok(!JSON.stringify(rows).includes(token), 'the token itself is never stored');
  const user = await central.db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', 'olga.office')
    .executeTakeFirst();
  assert.match(user?.password_hash ?? '', /^scrypt\$32768\$8\$1\$/, 'scrypt N=2^15, r=8, p=1');

  const me = await get(central, '/api/auth/me', bearer(token));
  assert.deepEqual([me.status, me.body.username, me.body.role], [200, 'olga.office', 'office']);
  assert.deepEqual(me.body.permissions, ['session', 'fleet.read', 'reports.read', 'reconciliation.read']);

  const out = await post(central, '/api/auth/sign-out', {}, token);
  assert.equal(out.status, 200);
  const after = await get(central, '/api/auth/me', bearer(token));
  assert.deepEqual([after.status, after.body.code], [401, 'UNAUTHENTICATED']);
});

test('a session stops working after 12 hours', async (t) => {
  const { central, clock } = await startAuthCentral(t);
  const token = await signInAs(central.httpUrl, 'ivan.it', 'it');
  assert.equal((await get(central, '/api/fleet', bearer(token))).status, 200);
  clock.offsetMs = 12 * 3_600_000 - 60_000;
  assert.equal((await get(central, '/api/fleet', bearer(token))).status, 200, 'still valid a minute before');
  clock.offsetMs = 12 * 3_600_000 + 1000;
  const expired = await get(central, '/api/fleet', bearer(token));
  assert.deepEqual([expired.status, expired.body.code], [401, 'UNAUTHENTICATED']);
  assert.match(String(expired.body.message), /expired/);
});

test('a wrong password answers like an unknown user; five in a row lock the user for five minutes', async (t) => {
  const { central, clock } = await startAuthCentral(t);
  await signInAs(central.httpUrl, 'maria.manager', 'manager');
  const wrong = await post(central, '/api/auth/sign-in', {
    username: 'maria.manager',
    password: 'not-her-password',
  });
  const unknown = await post(central, '/api/auth/sign-in', {
    username: 'nobody.here',
    password: 'not-her-password',
  });
  assert.deepEqual([wrong.status, wrong.body.code], [401, 'SIGN_IN_FAILED']);
  assert.deepEqual(unknown, wrong, 'the same answer: no way to tell which user names exist');

  for (let i = 2; i <= 5; i++) {
    const again = await post(central, '/api/auth/sign-in', {
      username: 'maria.manager',
      password: `wrong-${i}`,
    });
    assert.equal(again.body.code, 'SIGN_IN_FAILED', `failure ${i}`);
  }
  const locked = await post(central, '/api/auth/sign-in', {
    username: 'maria.manager',
    password: testPassword('maria.manager'),
  });
  assert.deepEqual(
    [locked.status, locked.body.code],
    [429, 'SIGN_IN_LOCKED'],
    'even the right password waits',
  );

  clock.offsetMs = 5 * 60_000 + 1000;
  const unlocked = await post(central, '/api/auth/sign-in', {
    username: 'maria.manager',
    password: testPassword('maria.manager'),
  });
  assert.equal(unlocked.status, 200, 'unlocked after five minutes');
});

test('no token or a bad one is 401; a role without the permission is 403; public routes stay open', async (t) => {
  const { central } = await startAuthCentral(t);
  await seedDemoHotel(central.folio, TODAY);
  const base = central.httpUrl;

  assert.equal((await get(central, '/api/health')).status, 200);
  assert.equal((await get(central, '/api/openapi.json')).status, 200);
  const enroll = await post(central, '/api/enroll', { token: 'not-a-real-token-at-all', publicKey: 'x' });
  assert.notEqual(enroll.status, 401, 'enrollment is reached without a user (the device has its token)');
  const attempts: Array<Record<string, string>> = [
    {},
    bearer('A'.repeat(43)),
    { authorization: 'Basic dGVzdDp0ZXN0' },
    { 'x-roompost-user': 'maria' },
  ];
  for (const headers of attempts) {
    const res = await get(central, '/api/pms/postings', headers);
    assert.deepEqual([res.status, res.body.code], [401, 'UNAUTHENTICATED'], JSON.stringify(headers));
  }

  const cases: Array<[CentralRole, 'GET' | 'POST', string, unknown, number]> = [
    ['server', 'GET', '/api/pms/rooms/412', undefined, 200],
    ['server', 'GET', '/api/pms/postings', undefined, 403],
    ['server', 'GET', '/api/pms/queue', undefined, 403],
    ['front_desk', 'GET', '/api/pms/postings', undefined, 200],
    ['front_desk', 'POST', '/api/pms/queue/process', {}, 403],
    ['front_desk', 'GET', '/api/fleet', undefined, 403],
    ['manager', 'GET', '/api/pms/queue', undefined, 200],
    ['manager', 'POST', '/api/pms/queue/process', {}, 200],
    ['manager', 'POST', '/api/pms/test-connection', {}, 403],
    ['manager', 'GET', '/api/devices', undefined, 403],
    ['manager', 'GET', '/api/users', undefined, 403],
    ['admin', 'POST', '/api/pms/test-connection', {}, 200],
    ['admin', 'GET', '/api/users', undefined, 200],
    ['it', 'GET', '/api/devices', undefined, 200],
    ['it', 'GET', '/api/fleet', undefined, 200],
    ['it', 'GET', '/api/pms/postings', undefined, 403],
    ['it', 'POST', '/api/users', { username: 'x.y', role: 'admin', password: 'long-enough-password' }, 403],
    ['office', 'GET', '/api/fleet', undefined, 200],
    ['office', 'GET', '/api/devices', undefined, 403],
    ['office', 'POST', '/api/devices', { outlet: 'POOL', name: 'sneaky-1' }, 403],
    ['office', 'GET', '/api/folio/reservations', undefined, 403],
  ];
  for (const [role, method, path, body, expected] of cases) {
    const client = centralAs(base, `user-${role.replace('_', '-')}`, role);
    const res = method === 'GET' ? await client.get(path) : await client.post(path, body);
    assert.equal(res.status, expected, `${role} ${method} ${path}: ${res.text}`);
    if (expected === 403) assert.equal(res.body.code, 'FORBIDDEN');
  }
  assert.deepEqual(
    (await central.db.selectFrom('devices').select('id').execute()).map((d) => d.id),
    [],
    'the refused device registration wrote nothing',
  );
});

test('an admin creates users over HTTP; bad input is refused naming the field', async (t) => {
  const { central } = await startAuthCentral(t);
  const admin = centralAs(central.httpUrl, TEST_ADMIN.username, 'admin');
  const created = await admin.post('/api/users', {
    username: 'Nina.Desk',
    role: 'front_desk',
    password: 'a-long-password',
  });
  assert.deepEqual([created.status, created.body], [201, { username: 'nina.desk', role: 'front_desk' }]);
  const twice = await admin.post('/api/users', {
    username: 'nina.desk',
    role: 'manager',
    password: 'a-long-password',
  });
  assert.deepEqual([twice.status, twice.body.code, twice.body.field], [409, 'INVALID_STATE', 'username']);
  const short = await admin.post('/api/users', { username: 'sam', role: 'server', password: 'short' });
  assert.deepEqual([short.status, short.body.field], [400, 'password']);
  const role = await admin.post('/api/users', {
    username: 'sam',
    role: 'owner',
    password: 'a-long-password',
  });
  assert.deepEqual([role.status, role.body.field], [400, 'role']);
  const listed = await admin.get<{ users: Array<{ username: string; role: string; createdBy: string }> }>(
    '/api/users',
  );
  assert.deepEqual(
    listed.body.users.map((u) => [u.username, u.role, u.createdBy]),
    [
      ['nina.desk', 'front_desk', TEST_ADMIN.username],
      [TEST_ADMIN.username, 'admin', 'config'],
    ],
  );
  const nina = await post(central, '/api/auth/sign-in', {
    username: 'nina.desk',
    password: 'a-long-password',
  });
  assert.equal(nina.body.role, 'front_desk');
});

test('the permission table names every /api route central registers', async (t) => {
  const { central } = await startAuthCentral(t);
  const api = central.routes.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD');
  assert.ok(api.length > 40, `central registers its routes (${api.length})`);
  const unlisted = api
    .filter((r) => !isPublicRoute(r.method, r.url) && permissionFor(r.method, r.url) === undefined)
    .map((r) => `${r.method} ${r.url}`);
  assert.deepEqual(unlisted, [], 'add these to central/src/auth/permissions.ts');
  // The routes other helpers are adding are already listed, with the roles the brief gives them.
  assert.equal(permissionFor('GET', '/api/reports/daily'), 'reports.read');
  assert.equal(permissionFor('POST', '/api/night-audit'), 'night-audit');
  assert.equal(permissionFor('PUT', '/api/rules/:id'), 'rules');
  assert.equal(permissionFor('PUT', '/api/pms/config'), 'pms.configure');
  assert.equal(permissionFor('PUT', '/api/pms/outlets'), 'pms.configure');
  assert.equal(permissionFor('POST', '/api/pms/postings/:id/void'), 'postings.void');
});
