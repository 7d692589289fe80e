import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { api, eventually, startTestStack } from '../../support/stack.js';

const scrape = async (url: string) => (await fetch(`${url}/metrics`)).text();
const value = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.split(' ')[1]);
};

test('central and edge expose Prometheus metrics that follow a charge', async (t) => {
  const stack = await startTestStack(t);
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
  assert.equal(value(edge, 'roompost_edge_charges_total'), 1);
  assert.equal(value(edge, 'roompost_edge_outbox_depth'), 0);
  assert.equal(value(edge, 'roompost_edge_central_connected'), 1);
  assert.match(
    edge,
    /roompost_edge_http_request_duration_seconds_count\{method="POST",route="\/api\/checks",status="201"\} 1/,
  );

  const central = await scrape(stack.central.httpUrl);
  assert.equal(value(central, 'roompost_charges_received_total{source="mqtt"}'), 1);
  assert.equal(value(central, 'roompost_posting_attempts_total{outcome="posted"}'), 1);
  assert.equal(value(central, 'roompost_posting_queue_depth'), 0);
  assert.ok((value(central, 'roompost_mqtt_connections') ?? 0) >= 2, 'central and the edge are connected');
});
