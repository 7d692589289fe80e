import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  canTransition,
  RESERVATION_STATUSES,
  RESERVATION_TRANSITIONS,
  type ReservationStatus,
} from '@roompost/folio';
import { folioError, openFolioFixture } from './folio-fixture.js';
import { bookRoom, CLERK, seedFrontOffice } from './front-office-fixture.js';

const LEGAL: Array<[ReservationStatus, ReservationStatus]> = [
  ['Draft', 'PendingDeposit'],
  ['Draft', 'Confirmed'],
  ['Draft', 'Cancelled'],
  ['PendingDeposit', 'Confirmed'],
  ['PendingDeposit', 'Cancelled'],
  ['Confirmed', 'CheckedIn'],
  ['Confirmed', 'Cancelled'],
  ['Confirmed', 'NoShow'],
  ['CheckedIn', 'CheckedOut'],
];

test('the transition table allows exactly the seed 003 §3 steps and nothing else', () => {
  let checked = 0;
  for (const from of RESERVATION_STATUSES) {
    for (const to of RESERVATION_STATUSES) {
      const legal = LEGAL.some(([f, t]) => f === from && t === to);
      assert.equal(canTransition(from, to), legal, `${from} → ${to}`);
      checked += 1;
    }
  }
  assert.equal(checked, 49);
  assert.deepEqual(RESERVATION_TRANSITIONS.CheckedOut, []);
});

/** Drives a fresh reservation (no deposit policy) to `status` through the service. */
async function reservationIn(
  folio: Awaited<ReturnType<typeof openFolioFixture>>['folio'],
  guestId: string,
  status: ReservationStatus,
  room: string,
) {
  const r = await bookRoom(folio, guestId, { roomNumber: room, depositPolicyCode: undefined });
  const path: Record<ReservationStatus, ReservationStatus[]> = {
    Draft: [],
    PendingDeposit: ['PendingDeposit'],
    Confirmed: ['Confirmed'],
    CheckedIn: ['Confirmed', 'CheckedIn'],
    CheckedOut: ['Confirmed', 'CheckedIn', 'CheckedOut'],
    Cancelled: ['Cancelled'],
    NoShow: ['Confirmed', 'NoShow'],
  };
  for (const step of path[status]) await step_(folio, r.id, step);
  return r.id;
}

async function step_(
  folio: Awaited<ReturnType<typeof openFolioFixture>>['folio'],
  id: string,
  to: ReservationStatus,
) {
  if (to === 'CheckedIn') return folio.checkInReservation({ reservationId: id, by: CLERK });
  if (to === 'CheckedOut') return settleAndCheckOut(folio, id);
  return folio.transitionReservation({ reservationId: id, to, by: CLERK });
}

test('every legal transition succeeds and every illegal one is ILLEGAL_TRANSITION, leaving the status as it was', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  // Each case books its own room-night range so they never overlap: one far-apart week per case.
  let n = 0;
  for (const from of RESERVATION_STATUSES) {
    for (const to of RESERVATION_STATUSES) {
      if (to === 'Draft') continue; // nothing returns to Draft; not a step any operation takes
      n += 1;
      const room = ['301', '302', '303'][n % 3]!;
      const id = await reservationIn(folio, guestId, from, room);
      const attempt = step_(folio, id, to);
      if (LEGAL.some(([f, tt]) => f === from && tt === to)) {
        await attempt;
        assert.equal((await folio.getReservation(id)).status, to, `${from} → ${to}`);
      } else {
        await assert.rejects(attempt, (e: unknown) => {
          const code = (e as { code?: string }).code;
          assert.ok(code === 'ILLEGAL_TRANSITION', `${from} → ${to}: ${String(code)}`);
          return true;
        });
        assert.equal((await folio.getReservation(id)).status, from, `${from} → ${to} left the status`);
      }
      // Free the room for the next case.
      const now = (await folio.getReservation(id)).status;
      if (now === 'Draft' || now === 'PendingDeposit' || now === 'Confirmed') {
        await folio.transitionReservation({ reservationId: id, to: 'Cancelled', by: CLERK });
      } else if (now === 'CheckedIn') {
        await settleAndCheckOut(folio, id);
      }
    }
  }
  assert.equal(n, 42);
});

test('every status change is logged with who made it', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const r = await bookRoom(folio, guestId);
  await folio.transitionReservation({ reservationId: r.id, to: 'PendingDeposit', by: 'fd-ravi' });
  await folio.holdDeposit({ reservationId: r.id, method: 'UPI', reference: 'UPI-77', by: 'fd-meena' });
  const view = await folio.getReservation(r.id);
  assert.deepEqual(
    view.history.map((h) => [h.from, h.to, h.by]),
    [
      [null, 'Draft', CLERK],
      ['Draft', 'PendingDeposit', 'fd-ravi'],
      ['PendingDeposit', 'Confirmed', 'fd-meena'],
    ],
  );
});

test('a reservation with a deposit policy is not confirmed without a deposit', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const r = await bookRoom(folio, guestId);
  await assert.rejects(
    folio.transitionReservation({ reservationId: r.id, to: 'Confirmed', by: CLERK }),
    folioError('ILLEGAL_TRANSITION', { reason: 'DEPOSIT_REQUIRED' }),
  );
  assert.equal((await folio.getReservation(r.id)).status, 'Draft');
});

test('booking prices every night from the rate plan with extras above base occupancy', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  // 3 adults in a base-2 room plus one extra bed: 6,000 + 1,000 + 500 = 7,500.00 a night, 4 nights.
  const r = await bookRoom(folio, guestId, { adults: 3, extraBeds: 1 });
  assert.equal(r.status, 'Draft');
  assert.equal(r.nights.length, 4);
  assert.deepEqual(r.nights[0], { stayDate: '2026-03-10', roomMinor: 600_000, extraMinor: 150_000 });
  assert.equal(r.stayTotalMinor, 3_000_000);
});

/** Early checkout on the arrival day (all nights released, the 50 % fee due), paid in cash. */
async function settleAndCheckOut(folio: Awaited<ReturnType<typeof openFolioFixture>>['folio'], id: string) {
  const r = await folio.getReservation(id);
  if (r.status === 'CheckedIn') await folio.prepareCheckout({ reservationId: id, mode: 'early', by: CLERK });
  const due = r.status === 'CheckedIn' ? (await folio.getReservation(id)).balanceMinor : 0;
  return folio.checkOutReservation({
    reservationId: id,
    mode: 'early',
    by: CLERK,
    ...(due > 0 ? { payments: [{ method: 'CASH' as const, amountMinor: due }] } : {}),
  });
}
