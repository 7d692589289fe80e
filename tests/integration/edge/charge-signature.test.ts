// Seed 000 "GUEST SIGNATURE" on the edge: at or above the outlet's threshold a staff charge needs
// the guest's signature (a PNG, size-limited); it is stored with the charge in the edge's SQLite and
// served to staff as /api/charges/{id}/signature.png. Real edge and central on loopback.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import { SIGNATURE_MAX_HEIGHT, SIGNATURE_MAX_WIDTH } from '@roompost/drivers';
import type { EdgeConfig } from '@roompost/edge';
import { hashPin } from '@roompost/edge';
import {
  type ChargeView,
  type KioskLookup,
  type OutletView,
  SIGNATURE_MAX_BYTES,
  type StaffSessionView,
} from '@roompost/sync';
import { api, eventually, startTestStack, type TestStack } from '../../support/stack.js';
import { tinyPng } from '../../support/tiny-png.js';

const SIGNATURE = { thresholdMinor: 1500, required: false };
let staff: EdgeConfig['staff'];

before(async () => {
  staff = [{ id: 'maria', name: 'Maria', role: 'manager', pinHash: await hashPin('3333') }];
});

async function signIn(stack: TestStack): Promise<string> {
  const res = await api<StaffSessionView>(stack.edge.httpUrl, '/api/staff/session', { pin: '3333' });
  assert.equal(res.status, 201);
  return res.body.token;
}

async function lookUp(stack: TestStack, token?: string): Promise<string> {
  const res = await api<KioskLookup>(stack.edge.httpUrl, '/api/lookup', { uid: '04A1B2C3' }, token);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.verificationId;
}

function check(verificationId: string, beers: number, signaturePng?: string | null) {
  return {
    requestId: randomUUID(),
    verificationId,
    items: [{ sku: 'BEER', quantity: beers }],
    ...(signaturePng === undefined ? {} : { signaturePng }),
  };
}

test('staff outlet: no signature at the threshold, a non-PNG or an oversize one are refused, naming the field, writing nothing', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff, outlet: { signature: SIGNATURE } });
  const edge = stack.edge.httpUrl;
  const outlet = await api<OutletView>(edge, '/api/outlet');
  assert.deepEqual(
    outlet.body.signature,
    { thresholdMinor: 1500, required: true, maxWidth: SIGNATURE_MAX_WIDTH, maxHeight: SIGNATURE_MAX_HEIGHT },
    'staff outlets always require it',
  );
  const token = await signIn(stack);
  const verificationId = await lookUp(stack, token);

  const refusals: Array<[string, unknown]> = [
    ['missing', undefined],
    ['null', null],
    ['not a PNG', Buffer.from('GIF89a not a png at all, but long enough to look at').toString('base64')],
    ['not base64', 'data:image/png;base64,iVBORw0KGgo='],
    ['oversize', Buffer.alloc(SIGNATURE_MAX_BYTES + 1, 1).toString('base64')],
    ['too wide to print', tinyPng(2000, 40).toString('base64')],
  ];
  for (const [what, signaturePng] of refusals) {
    const res = await api(edge, '/api/checks', check(verificationId, 2, signaturePng as string), token);
    assert.deepEqual(
      [res.status, res.body.code, res.body.field],
      [400, 'VALIDATION_FAILED', 'signaturePng'],
      `${what}: ${JSON.stringify(res.body)}`,
    );
  }
  const charges = await api<{ charges: ChargeView[] }>(edge, '/api/charges', undefined, token);
  assert.deepEqual(charges.body.charges, [], 'nothing was written');

  // Below the threshold no signature is needed.
  const small = await api<ChargeView>(edge, '/api/checks', check(verificationId, 1), token);
  assert.equal(small.status, 201, JSON.stringify(small.body));
  assert.equal(small.body.signed, false);
});

test('a signed charge keeps its PNG with the charge; staff read it back, the receipt gets it, today lists it', async (t) => {
  const stack = await startTestStack(t, { mode: 'staff', staff, outlet: { signature: SIGNATURE } });
  const edge = stack.edge.httpUrl;
  const token = await signIn(stack);
  const png = tinyPng();
  const body = check(await lookUp(stack, token), 2, png.toString('base64'));
  const created = await api<ChargeView>(edge, '/api/checks', body, token);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.equal(created.body.signed, true);
  assert.ok(created.body.totalMinor >= SIGNATURE.thresholdMinor);

  // The same request again (answer lost) is the same charge; the same id with another signature is not.
  const again = await api<ChargeView>(edge, '/api/checks', body, token);
  assert.deepEqual([again.status, again.body.id], [200, created.body.id]);
  const other = await api(
    edge,
    '/api/checks',
    { ...body, signaturePng: tinyPng(100, 30).toString('base64') },
    token,
  );
  assert.deepEqual([other.status, other.body.code], [409, 'IDEMPOTENCY_CONFLICT']);

  const res = await fetch(`${edge}/api/charges/${created.body.id}/signature.png`, {
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/png');
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), png);
  const viaQuery = await fetch(`${edge}/api/charges/${created.body.id}/signature.png?token=${token}`);
  assert.equal(viaQuery.status, 200, 'an <img> can pass the token in the query');
  const anonymous = await fetch(`${edge}/api/charges/${created.body.id}/signature.png`);
  assert.equal(anonymous.status, 401);

  const unsigned = await api<ChargeView>(edge, '/api/checks', check(await lookUp(stack, token), 1), token);
  const none = await api(edge, `/api/charges/${unsigned.body.id}/signature.png`, undefined, token);
  assert.deepEqual([none.status, none.body.code], [404, 'NOT_FOUND']);

  // The receipt path hands the signature to the printer (the simulated one writes receipts.txt).
  const receipts = await eventually(async () => {
    const text = await readFile(join(stack.dir, 'receipts.txt'), 'utf8').catch(() => '');
    return text.split(/^=+$/m).length >= 3 ? text : undefined;
  }, 'both receipts printed');
  assert.equal(receipts.match(/Guest signature/g)?.length, 1, 'only the signed receipt has the signature');

  const today = await api<{ charges: ChargeView[] }>(edge, '/api/charges?date=today', undefined, token);
  assert.deepEqual(
    today.body.charges.map((c) => [c.id, c.signed]),
    [
      [unsigned.body.id, false],
      [created.body.id, true],
    ],
  );
  const badDate = await api(edge, '/api/charges?date=yesterday', undefined, token);
  assert.deepEqual(
    [badDate.status, badDate.body.code, badDate.body.field],
    [400, 'VALIDATION_FAILED', 'date'],
  );

  // Posted: the pending list now says when the PMS last took a charge of this outlet.
  const pending = await eventually(async () => {
    const p = await api<{ charges: ChargeView[]; lastPostedAt: string | null }>(
      edge,
      '/api/staff/pending',
      undefined,
      token,
    );
    return p.body.charges.length === 0 && p.body.lastPostedAt ? p.body : undefined;
  }, 'both charges posted');
  assert.ok(Date.parse(pending.lastPostedAt ?? '') > 0);
});

test('self-service outlet: the signature is optional unless configured, and its image is for staff only', async (t) => {
  const stack = await startTestStack(t, { outlet: { signature: SIGNATURE } });
  const edge = stack.edge.httpUrl;
  const outlet = await api<OutletView>(edge, '/api/outlet');
  assert.deepEqual([outlet.body.signature?.thresholdMinor, outlet.body.signature?.required], [1500, false]);
  const skipped = await api<ChargeView>(edge, '/api/checks', check(await lookUp(stack), 2));
  assert.deepEqual([skipped.status, skipped.body.signed], [201, false], JSON.stringify(skipped.body));
  const signed = await api<ChargeView>(
    edge,
    '/api/checks',
    check(await lookUp(stack), 2, tinyPng().toString('base64')),
  );
  assert.deepEqual([signed.status, signed.body.signed], [201, true]);
  const image = await api(edge, `/api/charges/${signed.body.id}/signature.png`);
  assert.deepEqual([image.status, image.body.code], [403, 'FORBIDDEN']);
});

test('self-service outlet with `required`: the guest must sign at the threshold', async (t) => {
  const stack = await startTestStack(t, { outlet: { signature: { thresholdMinor: 1500, required: true } } });
  const res = await api(stack.edge.httpUrl, '/api/checks', check(await lookUp(stack), 2));
  assert.deepEqual([res.status, res.body.code, res.body.field], [400, 'VALIDATION_FAILED', 'signaturePng']);
});
