import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChargeView } from '@roompost/sync/contract';
import {
  initialStaffFlow,
  outcomeUnknown,
  postingTrouble,
  type StaffFlow,
  staffFlowReducer,
  statusKey,
} from '../../../kiosk-ui/src/kiosk/staff/staff-flow.js';
import { lookup as lookupFixture } from './fixtures.js';

const room: StaffFlow = { screen: 'room', notice: null };
const err = (code: 'ROOM_NOT_FOUND' | 'CREDIT_EXCEEDED' | 'GUEST_CHECKED_OUT' | 'VERIFICATION_EXPIRED') => ({
  code,
  message: code,
  action: '',
});

test('a found guest who may be charged goes to Room Found; a restricted one to Not Available', () => {
  const lookup = lookupFixture();
  assert.deepEqual(staffFlowReducer(room, { type: 'looked-up', lookup }), { screen: 'found', lookup });
  const blocked = {
    ...lookup,
    chargesAllowed: false,
    restriction: { code: 'CHARGES_BLOCKED' as const, reason: 'No post' },
  };
  const next = staffFlowReducer(room, { type: 'looked-up', lookup: blocked });
  assert.equal(next.screen, 'unavailable');
  assert.equal(next.screen === 'unavailable' && next.error.code, 'CHARGES_BLOCKED');
});

test('a mistyped room stays on the keypad; a checked-out guest is Not Available', () => {
  assert.deepEqual(staffFlowReducer(room, { type: 'lookup-failed', error: err('ROOM_NOT_FOUND') }), {
    screen: 'room',
    notice: err('ROOM_NOT_FOUND'),
  });
  assert.equal(
    staffFlowReducer(room, { type: 'lookup-failed', error: err('GUEST_CHECKED_OUT') }).screen,
    'unavailable',
  );
});

test('a credit refusal on Post keeps the guest for the override; an expired lookup asks for the room again', () => {
  const found: StaffFlow = { screen: 'found', lookup: lookupFixture() };
  const refused = staffFlowReducer(found, { type: 'charge-refused', error: err('CREDIT_EXCEEDED') });
  assert.deepEqual(refused, { screen: 'unavailable', lookup: found.lookup, error: err('CREDIT_EXCEEDED') });
  assert.equal(
    staffFlowReducer(found, { type: 'charge-refused', error: err('VERIFICATION_EXPIRED') }).screen,
    'room',
  );
  assert.equal(
    staffFlowReducer(initialStaffFlow, { type: 'looked-up', lookup: lookupFixture() }),
    initialStaffFlow,
  );
});

test('Posting Failed shows for queued, failed and rejected charges, and for pending ones while offline', () => {
  const charge = (status: ChargeView['status']) => ({ status }) as ChargeView;
  assert.equal(postingTrouble(charge('posted'), 'online'), false);
  assert.equal(postingTrouble(charge('pending'), 'online'), false);
  assert.equal(postingTrouble(charge('pending'), 'offline'), true);
  for (const s of ['queued', 'failed', 'rejected'] as const)
    assert.equal(postingTrouble(charge(s), 'online'), true);
});

test('the credit check runs at lookup against the check total: over the credit left is Not Available before Room Found', () => {
  const lookup = { ...lookupFixture(), availableCreditMinor: 1000 };
  const over = staffFlowReducer(room, { type: 'looked-up', lookup, totalMinor: 1416 });
  assert.equal(over.screen, 'unavailable');
  assert.equal(over.screen === 'unavailable' && over.error.code, 'CREDIT_EXCEEDED');
  assert.deepEqual(staffFlowReducer(room, { type: 'looked-up', lookup, totalMinor: 1000 }), {
    screen: 'found',
    lookup,
  });
  const unlimited = { ...lookup, availableCreditMinor: null };
  assert.equal(
    staffFlowReducer(room, { type: 'looked-up', lookup: unlimited, totalMinor: 10 ** 9 }).screen,
    'found',
  );
});

test('a tip that takes the total past the credit left sends Room Found to Not Available; an override signs on', () => {
  const lookup = { ...lookupFixture(), availableCreditMinor: 1000 };
  const found: StaffFlow = { screen: 'found', lookup };
  assert.deepEqual(staffFlowReducer(found, { type: 'total-changed', totalMinor: 990 }), found);
  const after = staffFlowReducer(found, { type: 'total-changed', totalMinor: 1090 });
  assert.equal(after.screen === 'unavailable' && after.error.code, 'CREDIT_EXCEEDED');
  const signing: StaffFlow = { screen: 'sign', lookup, overrideReason: 'Approved by manager', back: found };
  assert.deepEqual(staffFlowReducer(signing, { type: 'total-changed', totalMinor: 5000 }), signing);
});

test('an unknown outcome is "checking with the PMS": not Posting Failed (no Pay with card), not posted', () => {
  const charge = (status: ChargeView['status'], code: string | null) =>
    ({ status, error: code ? { code, message: code } : null }) as ChargeView;
  for (const status of ['queued', 'failed'] as const) {
    const unknown = charge(status, 'POSTING_UNKNOWN');
    assert.equal(outcomeUnknown(unknown), true);
    assert.equal(
      postingTrouble(unknown, 'online'),
      false,
      'no Posting Failed options: the guest could pay twice',
    );
    assert.equal(statusKey(unknown), `unknown.status.${status}`);
  }
  assert.equal(outcomeUnknown(charge('queued', 'CONNECTION_FAILED')), false);
  assert.equal(postingTrouble(charge('queued', 'CONNECTION_FAILED'), 'online'), true);
  assert.equal(statusKey(charge('posted', null)), 'posted.status.posted');
  // Settled by a manager (posted, or withdrawn after checking the folio): no longer unknown.
  assert.equal(outcomeUnknown(charge('posted', 'POSTING_UNKNOWN')), false);
  assert.equal(outcomeUnknown(charge('withdrawn', 'POSTING_UNKNOWN')), false);
});
