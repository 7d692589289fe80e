import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChargeView, CreateCheckRequest } from '@roompost/sync/contract';
import { EdgeRequestError } from '../../../kiosk-ui/src/kiosk/api/edge-client.js';
import { createCheckOnce, newRequestId } from '../../../kiosk-ui/src/kiosk/confirm/create-check.js';

const request = { verificationId: 'v', items: [{ sku: 'BEER', quantity: 1 }], tipMinor: 0, employeeId: null };
const charge = { id: 'c1' } as ChargeView;

test('a lost answer is retried with the same request id; an answer ends it', async () => {
  const seen: CreateCheckRequest[] = [];
  let calls = 0;
  const result = await createCheckOnce(
    async (r) => {
      seen.push(r);
      calls++;
      if (calls < 3) throw new EdgeRequestError('network', null, null);
      return charge;
    },
    request,
    { waitMs: 1 },
  );
  assert.equal(result, charge);
  assert.equal(seen.length, 3);
  assert.equal(new Set(seen.map((r) => r.requestId)).size, 1, 'every retry carries the same request id');
});

test('a refusal from the edge is not retried; a lost answer gives up after the attempts', async () => {
  let calls = 0;
  const refused = new EdgeRequestError('api', 409, {
    code: 'CREDIT_EXCEEDED',
    message: 'm',
    action: 'a',
  });
  await assert.rejects(
    createCheckOnce(
      async () => {
        calls++;
        throw refused;
      },
      request,
      { waitMs: 1 },
    ),
    (e) => e === refused,
  );
  assert.equal(calls, 1);

  calls = 0;
  await assert.rejects(
    createCheckOnce(
      async () => {
        calls++;
        throw new EdgeRequestError('network', null, null);
      },
      request,
      { waitMs: 1, attempts: 2 },
    ),
    (e) => e instanceof EdgeRequestError && e.kind === 'network',
  );
  assert.equal(calls, 2);
});

test('request ids are v4 UUIDs', () => {
  const id = newRequestId();
  assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(newRequestId(), id);
});
