import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openFolioFixture } from './folio-fixture.js';
import { CLERK, checkedIn, NIGHT, seedFrontOffice } from './front-office-fixture.js';

test('early checkout removes the unused prepaid nights by linked adjustments, adds the 50 % fee and settles with two methods', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { reservation, folioId } = await checkedIn(folio, guestId);
  await folio.captureDeposit({ depositId: reservation.deposits[0]!.id, by: CLERK });
  // All four nights (10–13 March) posted in advance on business date 10 March, as for a prepaid stay.
  assert.equal((await folio.postRoomNights({ reservationId: reservation.id, by: 'night-audit' })).length, 4);
  assert.equal(
    (await folio.postRoomNights({ reservationId: reservation.id, by: 'night-audit' })).length,
    0,
    're-run posts nothing',
  );
  await folio.setBusinessDate('2026-03-11');
  const dinner = await folio.postFolioCharge({
    folioId,
    type: 'POS',
    unitMinor: 150_000,
    quantity: 1,
    description: 'Dinner',
    by: 'rest-01',
  });
  await folio.setBusinessDate('2026-03-12');

  const prepared = await folio.prepareCheckout({ reservationId: reservation.id, mode: 'early', by: CLERK });
  assert.deepEqual(prepared.removedNights, ['2026-03-12', '2026-03-13']);
  // Posted on an earlier business date, so adjustments (not voids), each linked to its night and keeping
  // the night as its tax base.
  assert.deepEqual(
    prepared.corrections.map((c) => [c.type, c.amountMinor, c.link?.kind, c.taxBaseDate, c.businessDate]),
    [
      ['ADJUSTMENT', -NIGHT, 'ADJUSTMENT', '2026-03-12', '2026-03-12'],
      ['ADJUSTMENT', -NIGHT, 'ADJUSTMENT', '2026-03-13', '2026-03-12'],
    ],
  );
  // Fee: 50 % of the two released nights' room rate = 0.5 × (6,000.00 + 6,000.00) = 6,000.00.
  assert.equal(prepared.fee?.type, 'SURCHARGE');
  assert.equal(prepared.fee?.amountMinor, 600_000);
  assert.equal(prepared.fee?.reference?.kind, 'policy');
  assert.equal(prepared.fee?.reference?.id, 'BAR');
  assert.match(prepared.fee?.ruleApplied ?? '', /EARLY_DEPARTURE 50%/);
  assert.deepEqual(prepared.postedNights, [], 'the used nights were already posted');
  const again = await folio.prepareCheckout({ reservationId: reservation.id, mode: 'early', by: CLERK });
  assert.equal(again.fee, null, 'preparing twice adds no second fee');
  assert.deepEqual(again.corrections, []);

  // Rooms 4 × 6,000.00 = 24,000.00, less 2 nights 12,000.00, fee 6,000.00, dinner 1,500.00 → 19,500.00;
  // deposit 30 % of 24,000.00 = 7,200.00 → balance due 12,300.00 = cash 10,000.00 + UPI 2,300.00.
  assert.equal((await folio.getFolio(folioId)).balanceMinor, 1_230_000);
  const done = await folio.checkOutReservation({
    reservationId: reservation.id,
    mode: 'early',
    payments: [
      { method: 'CASH', amountMinor: 1_000_000 },
      { method: 'UPI', amountMinor: 230_000, reference: 'UPI-4471' },
    ],
    by: CLERK,
  });
  assert.equal(done.reservation.status, 'CheckedOut');
  assert.deepEqual(
    done.payments.map((p) => [p.payment?.method, p.amountMinor, p.postedBy]),
    [
      ['CASH', -1_000_000, CLERK],
      ['UPI', -230_000, CLERK],
    ],
  );
  const closed = await folio.getFolio(folioId);
  assert.equal(closed.balanceMinor, 0);
  assert.ok(closed.closedAt);
  assert.ok(closed.postings.some((p) => p.id === dinner.posting.id));
  assert.match(done.reservation.history.at(-1)?.reason ?? '', /early departure on 2026-03-12/);
  const room = await store.db
    .selectFrom('rooms')
    .select('housekeeping_status')
    .where('number', '=', '301')
    .executeTakeFirstOrThrow();
  assert.equal(room.housekeeping_status, 'DIRTY');
  const task = await store.db
    .selectFrom('housekeeping_tasks')
    .selectAll()
    .where('id', '=', done.housekeepingTaskId)
    .executeTakeFirstOrThrow();
  assert.deepEqual([task.kind, task.status, task.created_by], ['CHECKOUT_CLEAN', 'OPEN', CLERK]);
});

test('nights posted on the checkout date are voided, not adjusted', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { reservation, folioId } = await checkedIn(folio, guestId);
  await folio.postRoomNights({ reservationId: reservation.id, by: 'night-audit' });
  // The guest leaves on the arrival date: all four nights released, fee 50 % × 24,000.00 = 12,000.00.
  const prepared = await folio.prepareCheckout({ reservationId: reservation.id, mode: 'early', by: CLERK });
  assert.deepEqual(
    prepared.corrections.map((c) => [c.type, c.amountMinor, c.link?.kind]),
    Array(4).fill(['ROOM', -NIGHT, 'VOID']),
  );
  assert.equal(prepared.fee?.amountMinor, 1_200_000);
  assert.equal((await folio.getFolio(folioId)).balanceMinor, 1_200_000);
});

test('nights posted nightly: the unused ones were never posted, so only the fee and the used nights remain', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { reservation, folioId } = await checkedIn(folio, guestId, { adults: 3 });
  await folio.postRoomNights({
    reservationId: reservation.id,
    from: '2026-03-10',
    to: '2026-03-11',
    by: 'night-audit',
  });
  await folio.setBusinessDate('2026-03-11');
  const prepared = await folio.prepareCheckout({ reservationId: reservation.id, mode: 'early', by: CLERK });
  assert.deepEqual(prepared.corrections, []);
  assert.deepEqual(prepared.removedNights, ['2026-03-11', '2026-03-12', '2026-03-13']);
  // One night: room 6,000.00 + extra adult 1,000.00; fee 50 % of 3 × 6,000.00 = 9,000.00 → 16,000.00.
  const view = await folio.getFolio(folioId);
  assert.deepEqual(
    view.postings.map((p) => [p.type, p.amountMinor, p.code]),
    [
      ['ROOM', NIGHT, 'ROOM'],
      ['SURCHARGE', 100_000, 'EXTRA'],
      ['SURCHARGE', 900_000, 'EARLY_DEP'],
    ],
  );
  assert.equal(view.balanceMinor, 1_600_000);
});

test('a normal checkout posts every booked night not yet posted and refunds a credit balance', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { reservation, folioId } = await checkedIn(folio, guestId);
  await folio.pay({
    folioId,
    payments: [{ method: 'CARD', amountMinor: 2_500_000, reference: 'AUTH-2' }],
    by: CLERK,
  });
  await folio.setBusinessDate('2026-03-14');
  // 4 nights × 6,000.00 = 24,000.00 against 25,000.00 paid: 1,000.00 back to the card.
  const done = await folio.checkOutReservation({
    reservationId: reservation.id,
    mode: 'normal',
    refund: { method: 'CARD', reference: 'AUTH-2' },
    by: CLERK,
  });
  assert.equal(done.postedNights.length, 4);
  assert.deepEqual(
    done.refunds.map((r) => [r.type, r.amountMinor]),
    [['REFUND', 100_000]],
  );
  assert.equal((await folio.getFolio(folioId)).balanceMinor, 0);
});
