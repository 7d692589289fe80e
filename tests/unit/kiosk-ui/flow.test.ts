import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Flow,
  type FlowAction,
  flowReducer,
  initialFlow,
  isFinalStatus,
} from '../../../kiosk-ui/src/kiosk/flow/flow.js';
import { chargeNotConfirmed, problemFromApiError } from '../../../kiosk-ui/src/kiosk/flow/problem.js';
import { charge, lookup } from './fixtures.js';

const run = (flow: Flow, ...actions: FlowAction[]) => actions.reduce(flowReducer, flow);
const identifying = run(initialFlow, { type: 'charge-to-room' });
const blocked = {
  code: 'CHARGES_BLOCKED',
  message: 'Room charges are blocked',
  action: 'Contact front desk for authorization',
} as const;

test('the happy path goes order → identify → guest → charged → start', () => {
  assert.equal(identifying.screen, 'identify');
  const guest = flowReducer(identifying, { type: 'tapped', result: { ok: true, lookup: lookup() } });
  assert.equal(guest.screen, 'guest');
  const charged = flowReducer(guest, { type: 'charged', charge: charge() });
  assert.equal(charged.screen, 'charged');
  assert.equal(flowReducer(charged, { type: 'start-over' }), initialFlow);
});

test('a card tap only counts while the kiosk asks for one', () => {
  const tap: FlowAction = { type: 'tapped', result: { ok: true, lookup: lookup() } };
  assert.equal(flowReducer(initialFlow, tap), initialFlow);
  const guest = flowReducer(identifying, tap);
  assert.equal(
    flowReducer(guest, { type: 'tapped', result: { ok: true, lookup: lookup({ roomNumber: '999' }) } }),
    guest,
  );
  const entry = run(identifying, { type: 'enter-room' });
  assert.equal(flowReducer(entry, tap).screen, 'guest');
});

test('a guest whose charges are not allowed goes to "not available" with the restriction', () => {
  const next = flowReducer(identifying, {
    type: 'looked-up',
    lookup: lookup({
      chargesAllowed: false,
      restriction: { code: 'CHARGES_BLOCKED', reason: 'Room charges are blocked' },
    }),
  });
  assert.equal(next.screen, 'unavailable');
  assert.ok(
    next.screen === 'unavailable' &&
      next.problem.code === 'CHARGES_BLOCKED' &&
      next.lookup?.roomNumber === '412',
  );
});

test('a mistyped room or unknown card stays on the same screen with a notice', () => {
  const entry = run(identifying, { type: 'enter-room' });
  const notFound = problemFromApiError({
    code: 'ROOM_NOT_FOUND',
    message: 'Room number not found in PMS',
    action: 'Verify room number with guest',
  });
  const next = flowReducer(entry, { type: 'lookup-failed', problem: notFound });
  assert.deepEqual(next, { screen: 'room-entry', notice: notFound });
  const card = flowReducer(identifying, {
    type: 'tapped',
    result: { ok: false, error: { code: 'CREDENTIAL_NOT_FOUND', message: 'm', action: 'a' } },
  });
  assert.ok(card.screen === 'identify' && card.notice?.code === 'CREDENTIAL_NOT_FOUND');
});

test('a blocking lookup error goes to "not available"; its options lead to an instruction', () => {
  const next = flowReducer(identifying, { type: 'lookup-failed', problem: problemFromApiError(blocked) });
  assert.ok(next.screen === 'unavailable' && next.problem.action === blocked.action && next.lookup === null);
  assert.deepEqual(flowReducer(next, { type: 'chose', choice: 'pay-by-card' }), {
    screen: 'instruction',
    choice: 'pay-by-card',
    nothingCharged: true,
  });
});

test('CONNECTION_FAILED at confirm shows "not available" and says nothing was charged', () => {
  const guest = flowReducer(identifying, { type: 'looked-up', lookup: lookup() });
  const failed = flowReducer(guest, {
    type: 'charge-failed',
    problem: problemFromApiError({
      code: 'CONNECTION_FAILED',
      message: 'not connected to central',
      action: 'Add to queue or collect payment',
    }),
  });
  assert.ok(failed.screen === 'unavailable');
  assert.deepEqual(failed.problem, {
    code: 'CONNECTION_FAILED',
    message: 'Unable to connect to PMS',
    detail: 'not connected to central',
    action: 'Add to queue or collect payment',
    nothingCharged: true,
  });
});

test('a lost answer at confirm never claims that nothing was charged', () => {
  const guest = flowReducer(identifying, { type: 'looked-up', lookup: lookup() });
  const lost = flowReducer(guest, { type: 'charge-failed', problem: chargeNotConfirmed });
  assert.ok(lost.screen === 'unavailable' && !lost.problem.nothingCharged);
  const chosen = flowReducer(lost, { type: 'chose', choice: 'call-front-desk' });
  assert.ok(chosen.screen === 'instruction' && !chosen.nothingCharged);
  // The charge may be stored: paying by card as well is not offered (it could be a second payment).
  assert.equal(flowReducer(lost, { type: 'chose', choice: 'pay-by-card' }), lost);
});

test('an expired verification at confirm asks to identify again', () => {
  const guest = flowReducer(identifying, { type: 'looked-up', lookup: lookup() });
  const next = flowReducer(guest, {
    type: 'charge-failed',
    problem: problemFromApiError({ code: 'VERIFICATION_EXPIRED', message: 'expired', action: 'tap again' }),
  });
  assert.ok(next.screen === 'identify' && next.notice?.code === 'VERIFICATION_EXPIRED');
});

test('charge updates apply to the shown charge only, and never step back in time', () => {
  const guest = flowReducer(identifying, { type: 'looked-up', lookup: lookup() });
  const charged = flowReducer(guest, { type: 'charged', charge: charge() });
  const posted = flowReducer(charged, {
    type: 'charge-updated',
    charge: charge({ status: 'posted', updatedAt: '2026-01-27T19:45:02.000Z' }),
  });
  assert.ok(posted.screen === 'charged' && posted.charge.status === 'posted');
  const stale = flowReducer(posted, {
    type: 'charge-updated',
    charge: charge({ status: 'accepted', updatedAt: '2026-01-27T19:45:01.000Z' }),
  });
  assert.equal(stale, posted);
  const other = flowReducer(posted, {
    type: 'charge-updated',
    charge: charge({ id: 'other', updatedAt: '2030-01-01T00:00:00Z' }),
  });
  assert.equal(other, posted);
});

test('posted and rejected are final; pending, queued and failed keep being watched', () => {
  assert.deepEqual(
    (['pending', 'accepted', 'queued', 'posted', 'rejected', 'failed'] as const).map(isFinalStatus),
    [false, false, false, true, true, false],
  );
});

test('actions that do not belong to the current screen change nothing', () => {
  assert.equal(flowReducer(initialFlow, { type: 'charged', charge: charge() }), initialFlow);
  assert.equal(flowReducer(initialFlow, { type: 'chose', choice: 'pay-by-card' }), initialFlow);
  assert.equal(flowReducer(identifying, { type: 'charge-to-room' }), identifying);
  assert.equal(flowReducer(initialFlow, { type: 'start-over' }), initialFlow);
});
