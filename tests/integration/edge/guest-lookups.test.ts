// Guest lookups at the boundary: a guest's screen cannot map occupancy (one answer for every miss,
// misses throttled per client), staff keep seed 000's specific codes, and text that could hide a
// different room or inject markup is refused naming the field.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { hashPin } from '@roompost/edge';
import type { KioskLookup, StaffSessionView } from '@roompost/sync';
import { api, startTestStack } from '../../support/stack.js';

test('a self-service screen gets one identical answer for a vacant, unknown, checked-out room and a wrong name', async (t) => {
  const stack = await startTestStack(t);
  const edge = stack.edge.httpUrl;
  const answers = [];
  for (const body of [
    { roomNumber: '999', lastName: 'Wilson' }, // no such room
    { roomNumber: '308', lastName: 'Wilson' }, // a room nobody stays in
    { roomNumber: '305', lastName: 'Davis' }, // checked out today
    { roomNumber: '412', lastName: 'Smith' }, // someone else's room
  ]) {
    answers.push(await api(edge, '/api/lookup', body));
  }
  for (const a of answers) assert.deepEqual(a, answers[0], JSON.stringify(answers));
  assert.deepEqual([answers[0]?.status, answers[0]?.body.code], [404, 'ROOM_NOT_FOUND']);
});

test('staff still get the specific seed 000 code for a checked-out guest', async (t) => {
  const staff = [
    { id: 'raj', name: 'Raj Patel', role: 'front_desk' as const, pinHash: await hashPin('2222') },
  ];
  const stack = await startTestStack(t, { mode: 'staff', staff });
  const session = await api<StaffSessionView>(stack.edge.httpUrl, '/api/staff/session', { pin: '2222' });
  const checkedOut = await api(stack.edge.httpUrl, '/api/lookup', { roomNumber: '305' }, session.body.token);
  assert.deepEqual([checkedOut.status, checkedOut.body.code], [409, 'GUEST_CHECKED_OUT']);
});

test('guessing rooms from one screen is throttled after eight misses; another client is not held up', async (t) => {
  const stack = await startTestStack(t);
  const edge = stack.edge.httpUrl;
  const codes: string[] = [];
  for (let i = 0; i < 12; i++) {
    codes.push(
      String((await api(edge, '/api/lookup', { roomNumber: String(301 + i), lastName: 'Zzyzx' })).body.code),
    );
  }
  assert.deepEqual(codes.slice(0, 8), Array(8).fill('ROOM_NOT_FOUND'));
  assert.deepEqual(codes.slice(8), Array(4).fill('LOOKUP_THROTTLED'));
  const throttled = await api(edge, '/api/lookup', { roomNumber: '412', lastName: 'Wilson' });
  assert.equal(throttled.status, 429, 'even a right guess waits');
  // A second paired screen has its own count.
  const other = ((await (await fetch(`${edge}/api/screen`, { method: 'POST' })).json()) as { token: string })
    .token;
  const res = await fetch(`${edge}/api/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-screen': other },
    body: JSON.stringify({ roomNumber: '412', lastName: 'Wilson' }),
  });
  assert.equal(res.status, 200);
});

test('NUL bytes, bidi overrides and HTML are refused in names, codes and free text, naming the field', async (t) => {
  const stack = await startTestStack(t);
  const edge = stack.edge.httpUrl;
  const lookup = await api<KioskLookup>(edge, '/api/lookup', { uid: '04A1B2C3' });
  const cases: Array<[string, unknown, string]> = [
    ['/api/lookup', { roomNumber: '412\u0000', lastName: 'Wilson' }, 'roomNumber'],
    ['/api/lookup', { roomNumber: '412', lastName: 'Wil\u202Eson' }, 'lastName'],
    ['/api/lookup', { roomNumber: '412', lastName: '<img src=x onerror=alert(1)>' }, 'lastName'],
    [
      '/api/checks',
      {
        requestId: randomUUID(),
        verificationId: lookup.body.verificationId,
        items: [{ sku: 'BEER\u2066', quantity: 1 }],
      },
      'items.0.sku',
    ],
    [
      '/api/checks',
      {
        requestId: randomUUID(),
        verificationId: lookup.body.verificationId,
        items: [{ sku: 'BEER', quantity: 1 }],
        override: { reason: '<script>x</script>' },
      },
      'override.reason',
    ],
  ];
  for (const [path, body, field] of cases) {
    const res = await api(edge, path, body);
    assert.deepEqual(
      [res.status, res.body.code, res.body.field],
      [400, 'VALIDATION_FAILED', field],
      JSON.stringify(body),
    );
  }
});

test('/api/lookup says what is wrong; an oversize body is 413 and a wrong content type 415', async (t) => {
  const stack = await startTestStack(t);
  const edge = stack.edge.httpUrl;
  const empty = await api(edge, '/api/lookup', {});
  assert.deepEqual(
    [empty.status, empty.body.code, empty.body.field],
    [400, 'VALIDATION_FAILED', 'roomNumber'],
  );
  assert.match(String(empty.body.message), /room number or tap a card/);
  const both = await api(edge, '/api/lookup', { uid: '04A1B2C3', roomNumber: '412' });
  assert.deepEqual([both.status, both.body.field], [400, 'uid']);

  const huge = await fetch(`${edge}/api/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roomNumber: '412', lastName: 'x'.repeat(100_000) }),
  });
  assert.equal(huge.status, 413);
  assert.equal(((await huge.json()) as { code: string }).code, 'PAYLOAD_TOO_LARGE');
  const xml = await fetch(`${edge}/api/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml' },
    body: '<lookup/>',
  });
  assert.equal(xml.status, 415);
  assert.equal(((await xml.json()) as { code: string }).code, 'UNSUPPORTED_MEDIA_TYPE');
});

test('the edge keeps its data folder 0700 and its database files 0600', async (t) => {
  const stack = await startTestStack(t);
  assert.equal((await stat(stack.dir)).mode & 0o777, 0o700);
  for (const file of ['edge.sqlite', 'edge.sqlite-wal']) {
    assert.equal((await stat(join(stack.dir, file))).mode & 0o777, 0o600, file);
  }
});
