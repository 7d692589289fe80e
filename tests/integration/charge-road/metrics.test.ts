import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { SCRAPE_TOKEN_SHA256, scrape } from '../../support/scrape.js';
import { api, eventually, startTestStack } from '../../support/stack.js';

const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
};

test('central and edge expose Prometheus metrics that follow a charge', async (t) => {
  const stack = await startTestStack(t, { central: { metrics: { tokenSha256: SCRAPE_TOKEN_SHA256 } } });
  const lookup = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' });
  const charge = await api<ChargeView>(stack.edge.httpUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lookup.body.verificationId,
    items: [{ sku: 'WATER', quantity: 1 }],
  });
  await eventually(async () => {
    const c = await api<ChargeView>(stack.edge.httpUrl, `/api/charges/${charge.body.id}`);
    return c.body.status === 'posted' ? true : undefined;
  }, 'the charge to post');

  const edge = await scrape(stack.edge.httpUrl);
  assert.equal(value(edge, 'roompost_charges_committed_total'), 1);
  assert.equal(value(edge, 'roompost_outbox_depth'), 0);
  assert.equal(value(edge, 'roompost_central_connected'), 1);
  assert.match(
    edge,
    /roompost_http_request_duration_seconds_count\{method="POST",route="\/api\/checks",status="201"\} 1/,
  );

  const central = await scrape(stack.central.httpUrl);
  assert.equal(value(central, 'roompost_charges_received_total{source="mqtt"}'), 1);
  assert.equal(value(central, 'roompost_posting_attempts_total{outcome="posted"}'), 1);
  assert.equal(value(central, 'roompost_posting_queue_depth'), 0);
  assert.ok((value(central, 'roompost_mqtt_connections') ?? 0) >= 2, 'central and the edge are connected');

  // One scrape of central covers the fleet: the edge's state, as central last heard it.
  const device = '{device="pool-kiosk-1",outlet="POOL"}';
  const fleet = await eventually(async () => {
    const text = await scrape(stack.central.httpUrl);
    return value(text, `roompost_device_last_sync_timestamp_seconds${device}`) === undefined
      ? undefined
      : text;
  }, 'the edge to appear in central metrics');
  const lastSync = value(fleet, `roompost_device_last_sync_timestamp_seconds${device}`) ?? 0;
  assert.ok(Math.abs(Date.now() / 1000 - lastSync) < 120, `last sync ${lastSync} is recent`);
  assert.equal(value(fleet, `roompost_device_up${device}`), 1);
  assert.equal(value(fleet, `roompost_device_state{device="pool-kiosk-1",outlet="POOL",state="green"}`), 1);
  assert.equal(value(fleet, `roompost_device_state{device="pool-kiosk-1",outlet="POOL",state="red"}`), 0);
  assert.ok((value(fleet, `roompost_device_outbox_depth${device}`) ?? -1) >= 0);
  assert.ok((value(fleet, `roompost_device_oldest_unsynced_charge_age_seconds${device}`) ?? -1) >= 0);
  const printer = ['connected', 'retrying', 'error', 'absent'].map(
    (health) =>
      value(
        fleet,
        `roompost_device_peripheral_health{device="pool-kiosk-1",outlet="POOL",peripheral="printer",health="${health}"}`,
      ) ?? 0,
  );
  assert.equal(
    printer.reduce((a, b) => a + b),
    1,
    'the printer is in exactly one health',
  );
  // One prefix: every series either service exposes starts with roompost_.
  for (const text of [edge, central, fleet]) {
    const names = text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => l.split(/[{ ]/)[0]!);
    assert.deepEqual(
      names.filter((n) => !n.startsWith('roompost_')),
      [],
    );
  }
});

test("central's /metrics needs the scrape token; bodies too large are 413 and other content types 415", async (t) => {
  const stack = await startTestStack(t, { central: { metrics: { tokenSha256: SCRAPE_TOKEN_SHA256 } } });
  const base = stack.central.httpUrl;
  const open = await fetch(`${base}/metrics`);
  assert.equal(open.status, 401, 'no token: refused');
  assert.equal(((await open.json()) as { code: string }).code, 'UNAUTHENTICATED');
  const wrong = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer not-the-token' } });
  assert.equal(wrong.status, 401, 'a wrong token: refused');
  assert.match(await scrape(base), /roompost_posting_queue_depth/, 'the right token: metrics');

  const big = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'x', password: 'y'.repeat(300 * 1024) }),
  });
  assert.deepEqual([big.status, ((await big.json()) as { code: string }).code], [413, 'PAYLOAD_TOO_LARGE']);
  const xml = await fetch(`${base}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml' },
    body: '<signIn/>',
  });
  assert.deepEqual([xml.status, ((await xml.json()) as { field: string }).field], [415, 'content-type']);
});
