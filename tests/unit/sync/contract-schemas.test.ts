import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type ChargeMessage,
  chargeMessage,
  chargeStatusMessage,
  decodePayload,
  parseTopic,
  rpcRequest,
  rpcResponse,
  topicFor,
  wildcardFor,
} from '@roompost/sync';

const valid: ChargeMessage = {
  v: 1,
  chargeId: '01a1f000-0000-7000-8000-000000000412',
  outletCode: 'POOL',
  checkNumber: '1001',
  roomNumber: '412',
  stayRef: 'stay-1',
  guestName: 'Mr. James Wilson',
  currency: 'USD',
  subtotalMinor: 3200,
  taxMinor: 284,
  tipMinor: 500,
  totalMinor: 3984,
  items: [
    { sku: 'MOJITO', name: 'Mojito', quantity: 2, unitPriceMinor: 1600, amountMinor: 3200, taxMinor: 284 },
  ],
  employeeId: null,
  createdAt: '2026-11-22T18:00:00.000Z',
};

test('a well-formed charge message decodes to the same value', () => {
  const decoded = decodePayload(chargeMessage, Buffer.from(JSON.stringify(valid)));
  assert.deepEqual(decoded, { ok: true, value: valid });
});

test('charge messages that break the contract are refused with the field named', () => {
  const cases: Array<[string, unknown, RegExp]> = [
    ['future version', { ...valid, v: 2 }, /^v:/],
    ['float money', { ...valid, tipMinor: 5.5 }, /tipMinor/],
    ['negative tip', { ...valid, tipMinor: -1, totalMinor: 3483 }, /tipMinor/],
    ['lower-case currency', { ...valid, currency: 'usd' }, /currency/],
    ['not a uuid', { ...valid, chargeId: '412' }, /chargeId/],
    ['total is not the sum', { ...valid, totalMinor: 4000 }, /totalMinor: must equal subtotal \+ tax \+ tip/],
    ['items do not add up', { ...valid, subtotalMinor: 3000, totalMinor: 3784 }, /subtotalMinor/],
    [
      'line amount is not quantity × price',
      { ...valid, items: [{ ...valid.items[0], amountMinor: 3100 }], subtotalMinor: 3100, totalMinor: 3884 },
      /items\.0\.amountMinor/,
    ],
    ['no items', { ...valid, items: [] }, /items/],
    ['unsafe integer', { ...valid, subtotalMinor: 2 ** 60 }, /subtotalMinor/],
    ['missing stay', { ...valid, stayRef: undefined }, /stayRef/],
  ];
  for (const [name, payload, reason] of cases) {
    const decoded = decodePayload(chargeMessage, JSON.stringify(payload));
    assert.equal(decoded.ok, false, name);
    if (!decoded.ok) assert.match(decoded.reason, reason, name);
  }
  const notJson = decodePayload(chargeMessage, '{"v":');
  assert.equal(notJson.ok, false);
  if (!notJson.ok) assert.match(notJson.reason, /^not JSON/);
});

test('status, request and response messages validate their shapes', () => {
  const status = {
    v: 1,
    chargeId: valid.chargeId,
    status: 'posted',
    pmsTransactionId: 'T1',
    folioBalanceMinor: 28484,
    error: null,
    at: '2026-11-22T18:00:01.000Z',
  };
  assert.equal(chargeStatusMessage.safeParse(status).success, true);
  assert.equal(chargeStatusMessage.safeParse({ ...status, status: 'lost' }).success, false);
  assert.equal(
    chargeStatusMessage.safeParse({ ...status, error: { code: 'NOT_A_CODE', message: 'x' } }).success,
    false,
  );

  assert.equal(
    rpcRequest.safeParse({ v: 1, id: 'a', method: 'lookupRoom', params: { roomNumber: '412' } }).success,
    true,
  );
  assert.equal(
    rpcRequest.safeParse({ v: 1, id: 'a', method: 'lookupCredential', params: { uid: '04a1b2c3' } }).success,
    false,
  );
  assert.equal(rpcRequest.safeParse({ v: 1, id: 'a', method: 'dropTables', params: {} }).success, false);
  assert.equal(
    rpcResponse.safeParse({ v: 1, id: 'a', ok: false, error: { code: 'ROOM_NOT_FOUND', message: 'no' } })
      .success,
    true,
  );
  assert.equal(rpcResponse.safeParse({ v: 1, id: 'a', ok: true, result: {} }).success, false);
});

test('topics are built under the device prefix and parsed back; foreign topics are not ours', () => {
  assert.equal(topicFor('charge', 'HARBOUR', 'pool-kiosk-1'), 'roompost/v1/HARBOUR/pool-kiosk-1/charge');
  assert.equal(wildcardFor('rpcRequest', 'HARBOUR'), 'roompost/v1/HARBOUR/+/rpc/request');
  assert.deepEqual(parseTopic('roompost/v1/HARBOUR/pool-kiosk-1/rpc/response'), {
    property: 'HARBOUR',
    device: 'pool-kiosk-1',
    kind: 'rpcResponse',
  });
  assert.equal(parseTopic('roompost/v2/HARBOUR/pool-kiosk-1/charge'), undefined);
  assert.equal(parseTopic('roompost/v1/HARBOUR/pool-kiosk-1/unknown'), undefined);
  assert.equal(parseTopic('roompost/v1/HAR BOUR/pool-kiosk-1/charge'), undefined);
  assert.throws(() => topicFor('charge', 'HARBOUR', 'a/b'), TypeError);
  assert.throws(() => topicFor('charge', 'HARBOUR', '#'), TypeError);
});
