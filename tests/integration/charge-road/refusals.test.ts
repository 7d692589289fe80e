import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { ChargeView, KioskLookup } from '@roompost/sync';
import { api, centralApi, startTestStack } from '../../support/stack.js';

/** After a refusal nothing may be charged: no charge on the edge, no posting at central. */
async function assertNothingCharged(stack: Awaited<ReturnType<typeof startTestStack>>) {
  const edge = await api<{ charges: ChargeView[] }>(stack.edge.httpUrl, '/api/charges');
  assert.deepEqual(edge.body.charges, []);
  const central = await centralApi<{ postings: unknown[] }>(stack.central.httpUrl, '/api/pms/postings');
  assert.deepEqual(central.body.postings, []);
}

test('each refusal of seed 000 answers with its code and charges nothing', async (t) => {
  const stack = await startTestStack(t);
  const edge = stack.edge.httpUrl;

  const unknown = await api(edge, '/api/lookup', { roomNumber: '999', lastName: 'Wilson' });
  assert.deepEqual([unknown.status, unknown.body.code], [404, 'ROOM_NOT_FOUND']);
  assert.equal(unknown.body.action, 'Verify room number with guest');

  const wrongName = await api(edge, '/api/lookup', { roomNumber: '412', lastName: 'Smith' });
  assert.deepEqual([wrongName.status, wrongName.body.code], [404, 'ROOM_NOT_FOUND']);

  // A guest's screen gets one answer for every miss; staff get GUEST_CHECKED_OUT (guest-lookups.test.ts).
  const checkedOut = await api(edge, '/api/lookup', { roomNumber: '305', lastName: 'Davis' });
  assert.deepEqual([checkedOut.status, checkedOut.body.code], [404, 'ROOM_NOT_FOUND']);

  const unknownCard = await api(edge, '/api/lookup', { uid: '0BADCAFE' });
  assert.deepEqual([unknownCard.status, unknownCard.body.code], [404, 'CREDENTIAL_NOT_FOUND']);

  const blocked = await api<KioskLookup>(edge, '/api/lookup', { roomNumber: '407', lastName: 'garcia' });
  assert.equal(blocked.status, 200, 'a blocked guest is found, with the reason shown');
  assert.equal(blocked.body.chargesAllowed, false);
  assert.equal(blocked.body.restriction?.code, 'CHARGES_BLOCKED');
  const blockedCharge = await api(edge, '/api/checks', {
    requestId: randomUUID(),
    verificationId: blocked.body.verificationId,
    items: [{ sku: 'WATER', quantity: 1 }],
  });
  assert.deepEqual([blockedCharge.status, blockedCharge.body.code], [409, 'CHARGES_BLOCKED']);

  // Room 310 has 10.00 of credit left: a 16.00 cocktail is too much, a 4.00 water is fine.
  const lowCredit = await api<KioskLookup>(edge, '/api/lookup', { roomNumber: '310', lastName: 'Sharma' });
  assert.equal(lowCredit.body.availableCreditMinor, null, 'self-service screens never see credit figures');
  const overLimit = await api(edge, '/api/checks', {
    requestId: randomUUID(),
    verificationId: lowCredit.body.verificationId,
    items: [{ sku: 'MOJITO', quantity: 1 }],
  });
  assert.deepEqual([overLimit.status, overLimit.body.code], [409, 'CREDIT_EXCEEDED']);
  assert.equal(overLimit.body.context, undefined, 'credit figures stay off a self-service screen');

  await assertNothingCharged(stack);
});

test('central unreachable: lookups answer CONNECTION_FAILED and nothing is charged', async (t) => {
  const stack = await startTestStack(t);
  await stack.stopCentral();
  const lookup = await api(stack.edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' });
  assert.deepEqual([lookup.status, lookup.body.code], [503, 'CONNECTION_FAILED']);
  assert.equal(lookup.body.action, 'Add to queue or collect payment');

  const unverified = await api(stack.edge.httpUrl, '/api/checks', {
    requestId: randomUUID(),
    verificationId: 'never-issued',
    items: [{ sku: 'WATER', quantity: 1 }],
  });
  assert.deepEqual([unverified.status, unverified.body.code], [410, 'VERIFICATION_EXPIRED']);
  const charges = await api<{ charges: unknown[] }>(stack.edge.httpUrl, '/api/charges');
  assert.deepEqual(charges.body.charges, []);
});

test('malformed HTTP bodies get 400 VALIDATION_FAILED naming the field', async (t) => {
  const stack = await startTestStack(t);
  const edge = stack.edge.httpUrl;
  const lookup = await api<KioskLookup>(edge, '/api/lookup', { uid: '04A1B2C3' });
  const v = lookup.body.verificationId;

  const cases: Array<[string, unknown, string]> = [
    ['/api/lookup', { roomNumber: '' }, 'roomNumber'],
    [
      '/api/checks',
      {
        requestId: randomUUID(),
        verificationId: v,
        items: [],
      },
      'items',
    ],
    [
      '/api/checks',
      {
        requestId: randomUUID(),
        verificationId: v,
        items: [{ sku: 'WATER', quantity: 0 }],
      },
      'items.0.quantity',
    ],
    [
      '/api/checks',
      {
        requestId: randomUUID(),
        verificationId: v,
        items: [{ sku: 'WATER', quantity: 1.5 }],
      },
      'items.0.quantity',
    ],
    [
      '/api/checks',
      {
        requestId: randomUUID(),
        verificationId: v,
        items: [{ sku: 'CAVIAR', quantity: 1 }],
      },
      'items.0.sku',
    ],
    [
      '/api/checks',
      {
        requestId: randomUUID(),
        verificationId: v,
        items: [{ sku: 'WATER', quantity: 1 }],
        tipMinor: 1.5,
      },
      'tipMinor',
    ],
    [
      '/api/checks',
      { requestId: randomUUID(), verificationId: v, items: [{ sku: 'WATER', quantity: 1 }], tipMinor: -100 },
      'tipMinor',
    ],
    [
      '/api/checks',
      { requestId: 'again', verificationId: v, items: [{ sku: 'WATER', quantity: 1 }] },
      'requestId',
    ],
    [
      '/api/checks',
      {
        requestId: randomUUID(),
        verificationId: v,
        items: [{ sku: 'WATER', quantity: 1 }],
        surprise: 1,
      },
      '',
    ],
    ['/api/checks', '{"verificationId": ', 'body'],
  ];
  for (const [path, body, field] of cases) {
    const res = await api(edge, path, body);
    assert.equal(res.status, 400, `${path} ${JSON.stringify(body)}`);
    assert.equal(res.body.code, 'VALIDATION_FAILED');
    if (field) assert.equal(res.body.field, field, `${path} ${JSON.stringify(body)}`);
    assert.equal(typeof res.body.message, 'string');
  }

  const central = stack.central.httpUrl;
  const bad = await centralApi(central, '/api/pms/post', { chargeId: 'not-a-uuid', roomNumber: '412' });
  assert.deepEqual([bad.status, bad.body.code], [400, 'VALIDATION_FAILED']);
  assert.equal(bad.body.field, 'chargeId');
  const room = await centralApi(central, '/api/pms/rooms/999');
  assert.deepEqual([room.status, room.body.code], [404, 'ROOM_NOT_FOUND']);
  await assertNothingCharged(stack);
});
