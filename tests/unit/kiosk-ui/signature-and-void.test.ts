// The kiosk's signature threshold, the staff flow through the signature screen, and the void
// rules and calls (POST /api/charges/{id}/void with { reason }).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createEdgeClient,
  EdgeRequestError,
  type FetchLike,
} from '../../../kiosk-ui/src/kiosk/api/edge-client.js';
import { exportSize, signatureNeed } from '../../../kiosk-ui/src/kiosk/signature/signature-rule.js';
import { type StaffFlow, staffFlowReducer } from '../../../kiosk-ui/src/kiosk/staff/staff-flow.js';
import {
  typeReason,
  VOID_REASON_MAX,
  voidable,
  voidReasonOk,
} from '../../../kiosk-ui/src/kiosk/staff/void-rules.js';
import { voidChargeRequest } from '../../../sync/src/contract/index.js';
import { charge, lookup as lookupFixture } from './fixtures.js';

test('the signature pad shows at or above the threshold: required or optional as the outlet says', () => {
  assert.equal(signatureNeed({ signature: null }, 1_000_000), null);
  const box = { maxWidth: 384, maxHeight: 240 };
  const staff = { signature: { thresholdMinor: 5000, required: true, ...box } };
  assert.equal(signatureNeed(staff, 4999), null);
  assert.equal(signatureNeed(staff, 5000), 'required');
  assert.equal(
    signatureNeed({ signature: { thresholdMinor: 5000, required: false, ...box } }, 6000),
    'optional',
  );
});

test('the saved signature keeps the pad aspect and fits the printable box', () => {
  const box = { maxWidth: 480, maxHeight: 200 };
  assert.deepEqual(exportSize(760, 250, box), { width: 480, height: 158 });
  assert.deepEqual(exportSize(1000, 900, box), { width: 222, height: 200 });
  assert.deepEqual(exportSize(300, 100, box), { width: 300, height: 100 }, 'never scaled up');
  assert.deepEqual(exportSize(772, 280), { width: 384, height: 139 }, 'default: 58 mm paper');
});

test('Room Found → signature → charged; Back returns to where it came from; a refusal shows Not Available', () => {
  const lookup = lookupFixture();
  const found: StaffFlow = { screen: 'found', lookup };
  const sign = staffFlowReducer(found, { type: 'sign', overrideReason: null });
  assert.deepEqual(sign, { screen: 'sign', lookup, overrideReason: null, back: found });
  assert.deepEqual(staffFlowReducer(sign, { type: 'sign-back' }), found);
  const c = charge({ signed: true });
  assert.deepEqual(staffFlowReducer(sign, { type: 'charged', charge: c }), { screen: 'charged', charge: c });
  const refused = staffFlowReducer(sign, {
    type: 'charge-refused',
    error: { code: 'CREDIT_EXCEEDED', message: 'over', action: '' },
  });
  assert.equal(refused.screen, 'unavailable');

  const unavailable: StaffFlow = {
    screen: 'unavailable',
    lookup,
    error: { code: 'CREDIT_EXCEEDED', message: 'over', action: '' },
  };
  const overridden = staffFlowReducer(unavailable, { type: 'sign', overrideReason: 'Deposit taken' });
  assert.equal(overridden.screen === 'sign' && overridden.overrideReason, 'Deposit taken');
  assert.deepEqual(staffFlowReducer(overridden, { type: 'sign-back' }), unavailable);
  // No guest, nothing to sign for.
  const noGuest: StaffFlow = { ...unavailable, lookup: null };
  assert.equal(staffFlowReducer(noGuest, { type: 'sign', overrideReason: null }), noGuest);
  assert.deepEqual(staffFlowReducer(found, { type: 'show-today' }), { screen: 'today' });
});

test('void: which rows offer it, what a reason must be, typing on the letter keyboard', () => {
  assert.equal(voidable({ status: 'posted' }), true);
  assert.equal(voidable({ status: 'queued' }), false, 'not on a folio: withdrawn in the console instead');
  assert.equal(voidable({ status: 'voided' }), false);
  assert.equal(voidable({ status: 'rejected' }), false);
  assert.equal(voidReasonOk('  ab '), false);
  assert.equal(voidReasonOk('Wrong room'), true);
  // The kiosk's limit is the contract's: the longest reason it lets through, the edge takes.
  assert.equal(voidReasonOk('x'.repeat(VOID_REASON_MAX)), true);
  assert.equal(voidChargeRequest.safeParse({ reason: 'x'.repeat(VOID_REASON_MAX) }).success, true);
  assert.equal(voidReasonOk('x'.repeat(VOID_REASON_MAX + 1)), false);
  assert.equal(voidChargeRequest.safeParse({ reason: 'x'.repeat(VOID_REASON_MAX + 1) }).success, false);
  let reason = '';
  for (const k of ['W', 'R', 'O', 'N', 'G', ' ', 'R', 'O', 'O', 'M']) reason = typeReason(reason, k);
  assert.equal(reason, 'Wrong room');
  assert.equal(typeReason('x'.repeat(VOID_REASON_MAX), 'A').length, VOID_REASON_MAX);
});

test('the client voids with { reason }, lists today, and builds the signature URL with the token', async () => {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  let answer: () => Response = () =>
    Response.json({ token: 'tok', staff: {}, permissions: [] }, { status: 201 });
  const fetchFn: FetchLike = async (url, init) => {
    calls.push({ url, init });
    return answer();
  };
  const client = createEdgeClient(fetchFn, 'http://edge');
  await client.signIn('3333');
  assert.equal(client.signatureUrl('c/1'), 'http://edge/api/charges/c%2F1/signature.png?token=tok');

  answer = () => Response.json(charge({ status: 'voided' }));
  const voided = await client.voidCharge('c1', 'Wrong room');
  assert.equal(voided.status, 'voided');
  assert.equal(calls[1]?.url, 'http://edge/api/charges/c1/void');
  assert.equal(calls[1]?.init?.method, 'POST');
  assert.deepEqual(JSON.parse(String(calls[1]?.init?.body)), { reason: 'Wrong room' });
  assert.equal((calls[1]?.init?.headers as Record<string, string> | undefined)?.authorization, 'Bearer tok');

  answer = () => Response.json({ charges: [] });
  await client.today();
  assert.equal(calls[2]?.url, 'http://edge/api/charges?date=today');

  // A refusal reaches the screen with the edge's code.
  answer = () =>
    Response.json(
      { code: 'FORBIDDEN', message: 'your role may not void', action: 'Ask a manager' },
      { status: 403 },
    );
  const error = await client.voidCharge('c1', 'Wrong room').catch((e: unknown) => e);
  assert.ok(error instanceof EdgeRequestError);
  assert.deepEqual([error.status, error.body?.code], [403, 'FORBIDDEN']);
});
