// The guest kiosk's surfaces are the outlet screen's alone: another client on the network (the
// receipt QR puts the edge on the guest network) reads no card taps, no charges, no guest names,
// and cannot charge with a verification id it did not get.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { KioskLookup, OutletView } from '@roompost/sync';
import { api, screenToken, startTestStack } from '../../support/stack.js';

const plain = async (url: string, init?: RequestInit) => {
  const res = await fetch(url, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, unknown> };
};

test('an unpaired client reads no event stream, no charges, no lookups and no simulated cards', async (t) => {
  const stack = await startTestStack(t);
  const edge = stack.edge.httpUrl;
  const lookup = await api<KioskLookup>(edge, '/api/lookup', { uid: '04A1B2C3' });
  const made = await api<{ id: string }>(edge, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'BEER', quantity: 1 }],
  });
  assert.equal(made.status, 201);

  for (const path of ['/api/events', '/api/charges', `/api/charges/${made.body.id}`]) {
    const res = await plain(edge + path);
    assert.deepEqual([res.status, res.body.code], [401, 'SCREEN_NOT_PAIRED'], path);
  }
  const guess = await plain(`${edge}/api/lookup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ roomNumber: '412', lastName: 'Wilson' }),
  });
  assert.deepEqual([guess.status, guess.body.code], [401, 'SCREEN_NOT_PAIRED']);

  const outsider = (await plain(`${edge}/api/outlet`)).body as unknown as OutletView;
  assert.equal(outsider.simulatedCards, null, 'simulated cards carry guest names');
  const screen = (await api<OutletView>(edge, '/api/outlet')).body;
  assert.ok(screen.simulatedCards && screen.simulatedCards.length > 0, 'the screen itself still sees them');
  const forged = await plain(`${edge}/api/charges`, { headers: { 'x-kiosk-screen': 'forged-screen-token' } });
  assert.equal(forged.status, 401);
});

test('a second client cannot charge with a verification id it did not get', async (t) => {
  const stack = await startTestStack(t);
  const edge = stack.edge.httpUrl;
  const lookup = await api<KioskLookup>(edge, '/api/lookup', { roomNumber: '412', lastName: 'Wilson' });
  assert.equal(lookup.status, 200);
  const other = (await plain(`${edge}/api/screen`, { method: 'POST' })).body.token as string;
  const stolen = await plain(`${edge}/api/checks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-screen': other },
    body: JSON.stringify({
      requestId: randomUUID(),
      verificationId: lookup.body.verificationId,
      items: [{ sku: 'BEER', quantity: 1 }],
    }),
  });
  assert.deepEqual([stolen.status, stolen.body.code], [410, 'VERIFICATION_EXPIRED']);
  // Nor can it read the guest back through the credit check.
  const probed = await plain(`${edge}/api/lookup/credit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-kiosk-screen': other },
    body: JSON.stringify({ verificationId: lookup.body.verificationId, totalMinor: 100 }),
  });
  assert.deepEqual([probed.status, probed.body.code], [410, 'VERIFICATION_EXPIRED']);
  // A self-service screen cannot name an employee on the charge (central would refuse it later).
  const named = await api<{ code: string; field?: string }>(edge, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'BEER', quantity: 1 }],
    employeeId: 'maria',
  });
  assert.deepEqual([named.status, named.body.code, named.body.field], [403, 'FORBIDDEN', 'employeeId']);
  const own = await api(edge, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'BEER', quantity: 1 }],
  });
  assert.equal(own.status, 201, 'the screen that looked the guest up charges as before');
});

test('the kiosk page served over loopback pairs its screen with an HttpOnly cookie the API accepts', async (t) => {
  const kioskDir = join(tmpdir(), `kiosk-${randomUUID()}`);
  await mkdir(kioskDir, { recursive: true });
  await writeFile(join(kioskDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  t.after(() => rm(kioskDir, { recursive: true, force: true }));
  const stack = await startTestStack(t, { kioskDir });
  const page = await fetch(`${stack.edge.httpUrl}/`);
  const cookie = page.headers.get('set-cookie') ?? '';
  assert.match(cookie, /^roompost_screen=[A-Za-z0-9_-]{32}; Path=\/; HttpOnly; SameSite=Strict$/);
  const charges = await plain(`${stack.edge.httpUrl}/api/charges`, {
    headers: { cookie: cookie.split(';')[0]! },
  });
  assert.equal(charges.status, 200);
});

test('a client on the network cannot pair a screen or get the screen cookie', async (t) => {
  const address = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
  if (!address) {
    t.skip('this machine has no non-loopback IPv4 address to call the edge from');
    console.log('# skipped: no non-loopback IPv4 interface on this machine');
    return;
  }
  const stack = await startTestStack(t, { edgeHost: '0.0.0.0' });
  const port = new URL(stack.edge.httpUrl).port;
  const pair = await plain(`http://${address}:${port}/api/screen`, { method: 'POST' });
  assert.deepEqual([pair.status, pair.body.code], [401, 'SCREEN_NOT_PAIRED']);
  const events = await plain(`http://${address}:${port}/api/events`);
  assert.equal(events.status, 401);
  assert.ok(await screenToken(`http://127.0.0.1:${port}`), 'loopback still pairs');
  // The outlet's counters are for the device itself, not for a phone on the guest network.
  const scraped = await plain(`http://${address}:${port}/metrics`);
  assert.deepEqual([scraped.status, scraped.body.code], [403, 'FORBIDDEN']);
  const local = await fetch(`http://127.0.0.1:${port}/metrics`);
  assert.equal(local.status, 200);
  assert.match(await local.text(), /^roompost_outbox_depth /m);
});
