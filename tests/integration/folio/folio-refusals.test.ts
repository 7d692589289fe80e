// Bad input and failures of issue #3: each gets a coded error and writes nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { folioError, ledgerCounts, openFolioFixture } from './folio-fixture.js';
import { bookRoom, CLERK, checkedIn, seedFrontOffice } from './front-office-fixture.js';

async function tableCounts(store: Awaited<ReturnType<typeof openFolioFixture>>['store']) {
  const n = async (table: 'reservations' | 'deposits' | 'folios' | 'housekeeping_tasks') =>
    Number(
      (
        await store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    ...(await ledgerCounts(store)),
    reservations: await n('reservations'),
    deposits: await n('deposits'),
    folios: await n('folios'),
    tasks: await n('housekeeping_tasks'),
  };
}

test('a split payment is all or nothing: one bad part writes no part', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { folioId } = await checkedIn(folio, guestId);
  const before = await tableCounts(store);
  await assert.rejects(
    folio.pay({
      folioId,
      payments: [
        { method: 'CASH', amountMinor: 10_000 },
        { method: 'CARD', amountMinor: 5_000 },
      ],
      by: CLERK,
    }),
    folioError('VALIDATION_FAILED', { field: 'payments.1.reference' }),
  );
  await assert.rejects(
    folio.pay({
      folioId,
      payments: [
        { method: 'CASH', amountMinor: 10_000 },
        { method: 'UPI', amountMinor: -5, reference: 'U' },
      ],
      by: CLERK,
    }),
    folioError('VALIDATION_FAILED', { field: 'payments.1.amountMinor' }),
  );
  assert.deepEqual(await tableCounts(store), before);
  const ok = await folio.pay({
    folioId,
    payments: [
      { method: 'CASH', amountMinor: 10_000 },
      { method: 'COMPANY_ACCOUNT', amountMinor: 5_000, reference: 'ACME-001' },
    ],
    by: 'cashier-2',
    paymentId: 'pay-1',
  });
  assert.equal(ok.folio.balanceMinor, -15_000);
  assert.deepEqual(
    ok.postings.map((p) => [p.type, p.payment?.method, p.payment?.reference, p.postedBy]),
    [
      ['PAYMENT', 'CASH', null, 'cashier-2'],
      ['PAYMENT', 'COMPANY_ACCOUNT', 'ACME-001', 'cashier-2'],
    ],
  );
  const replay = await folio.pay({
    folioId,
    payments: [
      { method: 'CASH', amountMinor: 10_000 },
      { method: 'COMPANY_ACCOUNT', amountMinor: 5_000, reference: 'ACME-001' },
    ],
    by: 'cashier-2',
    paymentId: 'pay-1',
  });
  assert.equal(replay.duplicate, true);
  assert.equal(replay.folio.balanceMinor, -15_000);
  await assert.rejects(
    folio.pay({ folioId, payments: [{ method: 'CASH', amountMinor: 1 }], by: CLERK, paymentId: 'pay-1' }),
    folioError('IDEMPOTENCY_CONFLICT'),
  );
});

test('a checkout that does not settle to zero writes nothing: no fee, no corrections, no payments', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { reservation, folioId } = await checkedIn(folio, guestId);
  await folio.postRoomNights({ reservationId: reservation.id, by: 'night-audit' });
  const before = await tableCounts(store);
  await assert.rejects(
    folio.checkOutReservation({
      reservationId: reservation.id,
      mode: 'early',
      payments: [
        { method: 'CASH', amountMinor: 100 },
        { method: 'UPI', amountMinor: 200, reference: 'U-1' },
      ],
      by: CLERK,
    }),
    folioError('BALANCE_NOT_SETTLED'),
  );
  assert.deepEqual(await tableCounts(store), before);
  assert.equal((await folio.getReservation(reservation.id)).status, 'CheckedIn');
  assert.equal((await folio.getFolio(folioId)).closedAt, null);
});

test('a refund beyond what the folio received is REFUND_EXCEEDS_PAID', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { folioId } = await checkedIn(folio, guestId);
  await folio.pay({ folioId, payments: [{ method: 'CASH', amountMinor: 50_000 }], by: CLERK });
  await folio.refund({ folioId, method: 'CASH', amountMinor: 30_000, by: CLERK });
  const before = await tableCounts(store);
  await assert.rejects(
    folio.refund({ folioId, method: 'CASH', amountMinor: 20_001, by: CLERK }),
    folioError('REFUND_EXCEEDS_PAID', { refundableMinor: 20_000 }),
  );
  assert.deepEqual(await tableCounts(store), before);
});

test('posting, paying or correcting on a closed folio is FOLIO_CLOSED', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { reservation, folioId } = await checkedIn(folio, guestId, { depositPolicyCode: undefined });
  const { posting } = await folio.postFolioCharge({
    folioId,
    type: 'POS',
    unitMinor: 1_000,
    quantity: 1,
    description: 'Water',
    by: CLERK,
  });
  await folio.prepareCheckout({ reservationId: reservation.id, mode: 'early', by: CLERK });
  const due = (await folio.getFolio(folioId)).balanceMinor;
  await folio.checkOutReservation({
    reservationId: reservation.id,
    mode: 'early',
    payments: [{ method: 'CASH', amountMinor: due }],
    by: CLERK,
  });
  const before = await tableCounts(store);
  await assert.rejects(
    folio.postFolioCharge({
      folioId,
      type: 'POS',
      unitMinor: 1_000,
      quantity: 1,
      description: 'Late',
      by: CLERK,
    }),
    folioError('FOLIO_CLOSED'),
  );
  await assert.rejects(
    folio.pay({ folioId, payments: [{ method: 'CASH', amountMinor: 1 }], by: CLERK }),
    folioError('FOLIO_CLOSED'),
  );
  await assert.rejects(
    folio.voidPosting({ postingId: posting.id, reason: 'x', by: CLERK }),
    folioError('FOLIO_CLOSED'),
  );
  await assert.rejects(
    folio.refund({ folioId, method: 'CASH', amountMinor: 1, by: CLERK }),
    folioError('FOLIO_CLOSED'),
  );
  assert.deepEqual(await tableCounts(store), before);
});

test('overlapping stays for one room are ROOM_UNAVAILABLE; adjacent and cancelled ones are not', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const first = await bookRoom(folio, guestId);
  const before = await tableCounts(store);
  for (const [arrival, departure] of [
    ['2026-03-13', '2026-03-15'],
    ['2026-03-10', '2026-03-11'],
    ['2026-03-11', '2026-03-12'],
    ['2026-03-10', '2026-03-20'],
  ]) {
    await assert.rejects(
      bookRoom(folio, guestId, { arrival, departure }),
      folioError('ROOM_UNAVAILABLE', { reservationId: first.id }),
    );
  }
  assert.deepEqual(await tableCounts(store), before);
  await bookRoom(folio, guestId, { arrival: '2026-03-14', departure: '2026-03-16' });
  await folio.transitionReservation({ reservationId: first.id, to: 'Cancelled', by: CLERK });
  await bookRoom(folio, guestId, { arrival: '2026-03-12', departure: '2026-03-14' });
  // A guest checked in without a reservation (the existing check-in) also holds the room.
  await folio.checkIn({
    roomNumber: '302',
    guestId,
    confirmation: 'WALKIN-1',
    arrival: '2026-03-10',
    departure: '2026-03-12',
    adults: 1,
    creditLimitMinor: null,
  });
  await assert.rejects(
    bookRoom(folio, guestId, { roomNumber: '302', arrival: '2026-03-11', departure: '2026-03-13' }),
    folioError('ROOM_UNAVAILABLE'),
  );
});

test('dates out of order are VALIDATION_FAILED and write nothing', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const before = await tableCounts(store);
  await assert.rejects(
    bookRoom(folio, guestId, { arrival: '2026-03-12', departure: '2026-03-12' }),
    folioError('VALIDATION_FAILED', { field: 'departure' }),
  );
  await assert.rejects(
    bookRoom(folio, guestId, { arrival: '2026-03-12', departure: '2026-03-11' }),
    folioError('VALIDATION_FAILED', { field: 'departure' }),
  );
  await assert.rejects(
    bookRoom(folio, guestId, { arrival: '2026-03-09', departure: '2026-03-11' }),
    folioError('VALIDATION_FAILED', { field: 'arrival' }),
  );
  await assert.rejects(
    bookRoom(folio, guestId, { arrival: '2026-02-30', departure: '2026-03-11' }),
    folioError('VALIDATION_FAILED', { field: 'arrival' }),
  );
  await assert.rejects(
    folio.setRates({
      ratePlanCode: 'BAR',
      roomTypeCode: 'DLX',
      from: '2026-04-10',
      to: '2026-04-01',
      amountMinor: 1,
    }),
    folioError('VALIDATION_FAILED', { field: 'to' }),
  );
  await assert.rejects(
    bookRoom(folio, guestId, { arrival: '2026-03-30', departure: '2026-04-02' }),
    folioError('VALIDATION_FAILED', { field: 'ratePlanCode' }),
  );
  assert.deepEqual(await tableCounts(store), before);
});

test('negative or zero quantities and negative prices are VALIDATION_FAILED and write nothing', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { folioId } = await checkedIn(folio, guestId);
  const before = await tableCounts(store);
  const charge = {
    folioId,
    type: 'POS' as const,
    unitMinor: 1_000,
    quantity: 1,
    description: 'Tea',
    by: CLERK,
  };
  await assert.rejects(
    folio.postFolioCharge({ ...charge, quantity: -1 }),
    folioError('VALIDATION_FAILED', { field: 'quantity' }),
  );
  await assert.rejects(
    folio.postFolioCharge({ ...charge, quantity: 0 }),
    folioError('VALIDATION_FAILED', { field: 'quantity' }),
  );
  await assert.rejects(
    folio.postFolioCharge({ ...charge, quantity: 1.5 }),
    folioError('VALIDATION_FAILED', { field: 'quantity' }),
  );
  await assert.rejects(
    folio.postFolioCharge({ ...charge, unitMinor: -100 }),
    folioError('VALIDATION_FAILED', { field: 'unitMinor' }),
  );
  await assert.rejects(
    bookRoom(folio, guestId, { roomNumber: '302', adults: 0 }),
    folioError('VALIDATION_FAILED', { field: 'adults' }),
  );
  await assert.rejects(
    bookRoom(folio, guestId, { roomNumber: '302', extraBeds: -1 }),
    folioError('VALIDATION_FAILED', { field: 'extraBeds' }),
  );
  await assert.rejects(
    folio.postFolioCharge({ ...charge, type: 'SURCHARGE' }),
    folioError('VALIDATION_FAILED', { field: 'ruleApplied' }),
  );
  assert.deepEqual(await tableCounts(store), before);
});

test('voids only on the same business date, adjustments only later, never a correction of a correction', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { folioId } = await checkedIn(folio, guestId);
  const { posting } = await folio.postFolioCharge({
    folioId,
    type: 'POS',
    unitMinor: 10_000,
    quantity: 2,
    description: 'Spa',
    by: CLERK,
  });
  await assert.rejects(
    folio.adjustPosting({ postingId: posting.id, amountMinor: -5_000, reason: 'r', by: CLERK }),
    folioError('CORRECTION_NOT_ALLOWED'),
  );
  const voided = await folio.voidPosting({ postingId: posting.id, reason: 'wrong room', by: 'fd-ravi' });
  assert.deepEqual(
    [voided.amountMinor, voided.link, voided.postedBy],
    [-20_000, { kind: 'VOID', postingId: posting.id }, 'fd-ravi'],
  );
  await assert.rejects(
    folio.voidPosting({ postingId: posting.id, reason: 'again', by: CLERK }),
    folioError('CORRECTION_NOT_ALLOWED'),
  );
  await assert.rejects(
    folio.voidPosting({ postingId: voided.id, reason: 'undo', by: CLERK }),
    folioError('CORRECTION_NOT_ALLOWED'),
  );

  const { posting: later } = await folio.postFolioCharge({
    folioId,
    type: 'POS',
    unitMinor: 8_000,
    quantity: 1,
    description: 'Laundry',
    by: CLERK,
  });
  await folio.setBusinessDate('2026-03-11');
  const before = await tableCounts(store);
  await assert.rejects(
    folio.voidPosting({ postingId: later.id, reason: 'late', by: CLERK }),
    folioError('CORRECTION_NOT_ALLOWED'),
  );
  await assert.rejects(
    folio.adjustPosting({ postingId: later.id, amountMinor: -9_000, reason: 'too much', by: CLERK }),
    folioError('VALIDATION_FAILED'),
  );
  await assert.rejects(
    folio.adjustPosting({ postingId: later.id, amountMinor: 1_000, reason: 'wrong sign', by: CLERK }),
    folioError('VALIDATION_FAILED'),
  );
  assert.deepEqual(await tableCounts(store), before);
  const adj = await folio.adjustPosting({
    postingId: later.id,
    amountMinor: -3_000,
    reason: 'stain',
    by: CLERK,
  });
  assert.deepEqual(
    [adj.type, adj.businessDate, adj.serviceDate, adj.taxBaseDate],
    ['ADJUSTMENT', '2026-03-11', '2026-03-10', '2026-03-10'],
  );
  assert.equal((await folio.getFolio(folioId)).balanceMinor, 5_000);
});

test('splitting a folio moves the chosen postings to a new window as linked transfer pairs', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { reservation, folioId } = await checkedIn(folio, guestId);
  await folio.postRoomNights({
    reservationId: reservation.id,
    from: '2026-03-10',
    to: '2026-03-11',
    by: 'night-audit',
  });
  const { posting: bar } = await folio.postFolioCharge({
    folioId,
    type: 'POS',
    unitMinor: 4_000,
    quantity: 1,
    description: 'Bar',
    by: CLERK,
  });
  const room = (await folio.getFolio(folioId)).postings.find((p) => p.type === 'ROOM')!;
  const { from, to } = await folio.splitFolio({
    folioId,
    payerLabel: 'Acme Corp',
    postingIds: [room.id],
    by: CLERK,
  });
  assert.equal(to.windowNumber, 2);
  assert.equal(to.payerLabel, 'Acme Corp');
  assert.equal(from.balanceMinor, bar.amountMinor);
  assert.equal(to.balanceMinor, room.amountMinor);
  const out = from.postings.find((p) => p.link?.kind === 'TRANSFER_OUT')!;
  assert.deepEqual(out.link, { kind: 'TRANSFER_OUT', postingId: room.id });
  assert.deepEqual(to.postings[0]?.link, { kind: 'TRANSFER_IN', postingId: out.id });
  assert.equal((await folio.getReservation(reservation.id)).balanceMinor, room.amountMinor + bar.amountMinor);
  await assert.rejects(
    folio.transferPosting({ postingId: room.id, toFolioId: to.id, by: CLERK }),
    folioError('CORRECTION_NOT_ALLOWED'),
  );
  // Still one night on the books: re-running the night posting adds nothing.
  assert.deepEqual(
    await folio.postRoomNights({
      reservationId: reservation.id,
      from: '2026-03-10',
      to: '2026-03-11',
      by: 'night-audit',
    }),
    [],
  );
});

test('a checked-in reservation is what outlets find and charge; the folio warns near the credit limit', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { reservation, folioId, stayRef } = await checkedIn(folio, guestId, { creditLimitMinor: 100_000 });
  await folio.issueCredential({ uid: '04AABBCC', stayId: stayRef });
  assert.equal((await folio.lookupRoom('301')).stayRef, stayRef);
  assert.equal((await folio.lookupCredential('04AABBCC')).confirmation, reservation.confirmation);
  const charged = await folio.postCharge({
    chargeId: 'c-1',
    stayRef,
    roomNumber: '301',
    outletCode: 'POOL',
    checkNumber: '1',
    description: 'Pool Bar',
    currency: 'INR',
    subtotalMinor: 80_000,
    taxMinor: 4_000,
    tipMinor: 0,
    postedBy: 'EMP-1',
  });
  assert.equal(charged.folioId, folioId);
  const view = await folio.getFolio(folioId);
  assert.deepEqual(view.creditWarning, { level: 'near', creditLimitMinor: 100_000, balanceMinor: 84_000 });
  await folio.postFolioCharge({
    folioId,
    type: 'POS',
    unitMinor: 20_000,
    quantity: 1,
    description: 'Minibar',
    by: CLERK,
  });
  assert.equal((await folio.getFolio(folioId)).creditWarning?.level, 'over');
});

test('a walk-in check-in may not take nights a reservation holds', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const booked = await bookRoom(folio, guestId, { arrival: '2026-03-12', departure: '2026-03-14' });
  const before = await tableCounts(store);
  const walkIn = { roomNumber: '301', guestId, confirmation: 'WALKIN-2', adults: 1, creditLimitMinor: null };
  await assert.rejects(
    folio.checkIn({ ...walkIn, arrival: '2026-03-10', departure: '2026-03-13' }),
    folioError('ROOM_UNAVAILABLE', { reservationId: booked.id }),
  );
  assert.deepEqual(await tableCounts(store), before);
  await folio.checkIn({ ...walkIn, arrival: '2026-03-10', departure: '2026-03-12' });
});
