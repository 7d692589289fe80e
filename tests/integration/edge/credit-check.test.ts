// Seed 000 "Credit Check": the check's total against the room's credit right after the lookup and
// whenever the total changes, before a tip or a signature is asked for. Real edge and central.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { KioskLookup } from '@roompost/sync';
import { api, startTestStack } from '../../support/stack.js';

test('a guest kiosk learns at lookup that the check is more than the room allows, never the amount', async (t) => {
  const stack = await startTestStack(t);
  const edge = stack.edge.httpUrl;
  // Room 310 (Sharma) has 10.00 of credit left in the demo hotel.
  const found = await api<KioskLookup>(edge, '/api/lookup', { roomNumber: '310', lastName: 'Sharma' });
  assert.equal(found.status, 200, JSON.stringify(found.body));
  assert.equal(found.body.availableCreditMinor, null, 'a guest screen never sees the credit left');

  const over = await api<KioskLookup>(edge, '/api/lookup/credit', {
    verificationId: found.body.verificationId,
    totalMinor: 1416,
  });
  assert.equal(over.status, 200);
  assert.equal(over.body.chargesAllowed, false);
  assert.equal(over.body.restriction?.code, 'CREDIT_EXCEEDED');
  assert.equal(over.body.availableCreditMinor, null);

  const fits = await api<KioskLookup>(edge, '/api/lookup/credit', {
    verificationId: found.body.verificationId,
    totalMinor: 1000,
  });
  assert.deepEqual([fits.body.chargesAllowed, fits.body.restriction], [true, null]);

  // The edge refuses the charge too, whatever the screen did.
  const refused = await api(edge, '/api/checks', {
    requestId: randomUUID(),
    verificationId: found.body.verificationId,
    items: [{ sku: 'BEER', quantity: 3 }],
  });
  assert.deepEqual([refused.status, refused.body.code], [409, 'CREDIT_EXCEEDED']);

  const expired = await api(edge, '/api/lookup/credit', { verificationId: randomUUID(), totalMinor: 1 });
  assert.deepEqual([expired.status, expired.body.code], [410, 'VERIFICATION_EXPIRED']);
  const bad = await api(edge, '/api/lookup/credit', {
    verificationId: found.body.verificationId,
    totalMinor: 1.5,
  });
  assert.deepEqual([bad.status, bad.body.code, bad.body.field], [400, 'VALIDATION_FAILED', 'totalMinor']);
});
