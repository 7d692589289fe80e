import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  centralAccess,
  deviceAccess,
  parseTopic,
  subscriptionFilter,
  TOPIC_KINDS,
  wildcardFor,
} from '@roompost/sync';

test('a device publishes the edge → central kinds and subscribes the central → edge kinds, all under its own prefix', () => {
  const access = deviceAccess('HARBOUR', 'pool-kiosk-1');
  const kinds = (topics: string[]) => topics.map((t) => parseTopic(t)).map((p) => `${p?.device} ${p?.kind}`);
  assert.deepEqual(kinds(access.publish).sort(), [
    'pool-kiosk-1 charge',
    'pool-kiosk-1 chargeStatusAck',
    'pool-kiosk-1 dailySummary',
    'pool-kiosk-1 presence',
    'pool-kiosk-1 rpcRequest',
    'pool-kiosk-1 status',
  ]);
  assert.deepEqual(kinds(access.subscribe).sort(), [
    'pool-kiosk-1 catalogVersion',
    'pool-kiosk-1 chargeStatus',
    'pool-kiosk-1 dailySummaryAck',
    'pool-kiosk-1 pmsStatus',
    'pool-kiosk-1 roster',
    'pool-kiosk-1 rosterDelta',
    'pool-kiosk-1 rpcResponse',
  ]);
  assert.equal(
    access.publish.length + access.subscribe.length,
    Object.keys(TOPIC_KINDS).length,
    'every kind has one publisher',
  );
  assert.ok([...access.publish, ...access.subscribe].every((t) => !t.includes('#') && !t.includes('+')));
  assert.throws(() => deviceAccess('HARBOUR', '#'), TypeError);
});

test("central's account covers its property only; shared subscriptions wrap the filter", () => {
  assert.deepEqual(centralAccess('HARBOUR'), {
    publish: ['roompost/v1/HARBOUR/#'],
    subscribe: ['roompost/v1/HARBOUR/#'],
  });
  assert.equal(
    subscriptionFilter(wildcardFor('charge', 'HARBOUR'), 'roompost'),
    '$share/roompost/roompost/v1/HARBOUR/+/charge',
  );
  assert.equal(subscriptionFilter(wildcardFor('charge', 'HARBOUR')), 'roompost/v1/HARBOUR/+/charge');
  assert.throws(() => subscriptionFilter('a/b', 'two/levels'), TypeError);
});
