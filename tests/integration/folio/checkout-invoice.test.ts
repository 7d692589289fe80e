// Checkout that ends with the final invoice, a reissue after a credit note on the closed folio, the
// early-departure fee at the released nights' slab, and a night audit that never rolls a date with an
// unpriced walk-in (and audits a missed night late). Lake Palace, Udaipur (Rajasthan, GSTIN 08…), on a real
// SQLite file; expected figures worked by hand.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { createBackOffice, createInvoiceService } from '@roompost/folio';
import { folioError, openFolioFixture } from './folio-fixture.js';
import { CLERK, checkedIn, seedFrontOffice } from './front-office-fixture.js';

async function lakePalace(t: TestContext) {
  const fx = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(fx.folio);
  await fx.folio.configureInvoicing(
    {
      legalName: 'Lake Palace Hotels Pvt Ltd',
      address: 'Lake Road, Udaipur',
      gstin: '08AABCS1234F1Z5',
      regime: 'IN_GST',
    },
    CLERK,
  );
  const invoices = createInvoiceService(fx.store.db, { clock: fx.clock });
  return { ...fx, guestId, invoices };
}

/** One night (10–11 March, ₹6,000) and a ₹400 laundry charge at the desk, no deposit. */
async function oneNightWithLaundry(t: TestContext) {
  const hotel = await lakePalace(t);
  const { reservation, folioId } = await checkedIn(hotel.folio, hotel.guestId, {
    departure: '2026-03-11',
    depositPolicyCode: undefined,
  });
  await hotel.folio.postFolioCharge({
    folioId,
    type: 'POS',
    unitMinor: 40_000,
    quantity: 1,
    description: 'Laundry',
    category: 'LAUNDRY',
    by: CLERK,
  });
  return { ...hotel, reservation, folioId };
}

test('checkout posts the GST of desk charges and ends with the final invoice', async (t) => {
  const h = await oneNightWithLaundry(t);
  // Night ₹6,000 + its night tax 5 % ₹300 + laundry ₹400 + laundry GST 18 % ₹72 (due at checkout) = ₹6,772.
  const done = await h.folio.checkOutReservation({
    reservationId: h.reservation.id,
    mode: 'normal',
    payments: [{ method: 'CASH', amountMinor: 677_200 }],
    by: CLERK,
  });
  assert.equal(done.taxPostedMinor, 7_200);
  assert.equal(done.invoices.length, 1);
  assert.equal(done.invoices[0]?.grandTotalMinor, 677_200);
  const invoice = await h.invoices.getInvoice(done.invoices[0]!.number);
  assert.equal(invoice.document.taxTotalMinor, 37_200);
  assert.equal(invoice.document.balanceDueMinor, 0);
  assert.equal(await h.folio.folioBalance(h.folioId), 0);

  // A credit note and a reissue to the company's GSTIN, on the closed folio: the folio stays at ₹0.
  await h.invoices.issueCreditNote({
    invoiceNumber: invoice.number,
    reason: 'bill the company',
    issuedBy: CLERK,
  });
  assert.equal(await h.folio.folioBalance(h.folioId), 0);
  const reissued = await h.invoices.finalizeInvoice({
    folioId: h.folioId,
    finalizedBy: CLERK,
    billTo: { name: 'Deccan Textiles Pvt Ltd', gstin: '29AABCD1234E1Z5' },
  });
  assert.equal(reissued.document.grandTotalMinor, 677_200);
  assert.equal(reissued.document.billTo.gstin, '29AABCD1234E1Z5');
  assert.equal(await h.folio.folioBalance(h.folioId), 0);
});

test('checkout that does not collect the tax due is refused and writes nothing', async (t) => {
  const h = await oneNightWithLaundry(t);
  // Paying ₹6,700 (without the laundry's ₹72 GST) leaves ₹72 owed.
  await assert.rejects(
    h.folio.checkOutReservation({
      reservationId: h.reservation.id,
      mode: 'normal',
      payments: [{ method: 'CASH', amountMinor: 670_000 }],
      by: CLERK,
    }),
    folioError('BALANCE_NOT_SETTLED'),
  );
  const taxes = await h.store.db
    .selectFrom('postings')
    .select('id')
    .where('charge_ref', 'like', 'checkout-tax:%')
    .execute();
  assert.deepEqual(taxes, []);
});

test('a window invoiced later is closed with its reason and its tax posted, then invoiced on the closed folio', async (t) => {
  const h = await oneNightWithLaundry(t);
  const done = await h.folio.checkOutReservation({
    reservationId: h.reservation.id,
    mode: 'normal',
    payments: [{ method: 'CASH', amountMinor: 677_200 }],
    invoiceLater: [{ folioId: h.folioId, reason: 'company invoiced monthly' }],
    by: CLERK,
  });
  assert.deepEqual(done.invoices, []);
  assert.deepEqual(done.invoiceLater, [{ folioId: h.folioId, reason: 'company invoiced monthly' }]);
  const folio = await h.store.db
    .selectFrom('folios')
    .select('invoice_later_reason')
    .where('id', '=', h.folioId)
    .executeTakeFirstOrThrow();
  assert.equal(folio.invoice_later_reason, 'company invoiced monthly');
  const invoice = await h.invoices.finalizeInvoice({ folioId: h.folioId, finalizedBy: CLERK });
  assert.equal(invoice.document.grandTotalMinor, 677_200);
  assert.equal(await h.folio.folioBalance(h.folioId), 0);
});

test('the early-departure fee is taxed at the slab of the released nights, not of the fee', async (t) => {
  const h = await lakePalace(t);
  await h.folio.setRates({
    ratePlanCode: 'BAR',
    roomTypeCode: 'DLX',
    from: '2026-03-01',
    to: '2026-04-01',
    amountMinor: 900_000,
  });
  const { reservation, folioId } = await checkedIn(h.folio, h.guestId, { depositPolicyCode: undefined });
  await h.folio.postRoomNights({ reservationId: reservation.id, by: 'night-audit' });
  await h.folio.setBusinessDate('2026-03-13');
  const prepared = await h.folio.prepareCheckout({ reservationId: reservation.id, mode: 'early', by: CLERK });
  // Night of 13 March released; fee 50 % of ₹9,000 = ₹4,500. The released night (₹9,000 > ₹7,500) is 18 %,
  // so the fee is too: CGST 9 % ₹405 + SGST 9 % ₹405 (not 5 % of ₹4,500 = ₹112.50 + ₹112.50).
  assert.equal(prepared.fee?.amountMinor, 450_000);
  const draft = await h.invoices.previewInvoice({ folioId });
  const fee = draft.lines.find((l) => l.postingId === prepared.fee?.id);
  assert.deepEqual(
    fee?.taxes.map((x) => [x.code, x.rate, x.amountMinor]),
    [
      ['CGST', '0.09', 40_500],
      ['SGST', '0.09', 40_500],
    ],
  );
});

test('night audit refuses to roll the date with an unpriced walk-in, and a missed night is audited late', async (t) => {
  const h = await lakePalace(t);
  const office = createBackOffice(h.store.db, { clock: h.clock }, { pendingPosCharges: async () => 0 });
  // Two rate plans, so a walk-in has no obvious rate.
  await h.folio.createRatePlan({ code: 'CORP', name: 'Corporate' });
  const walkIn = await h.folio.checkIn({
    roomNumber: '303',
    guestId: h.guestId,
    confirmation: 'WALK-303',
    arrival: '2026-03-10',
    departure: '2026-03-13',
    adults: 1,
    creditLimitMinor: null,
  });
  await assert.rejects(
    office.runNightAudit({ businessDate: '2026-03-10', by: CLERK }),
    folioError('AUDIT_UNPRICED_STAYS', {
      businessDate: '2026-03-10',
      stays: [{ stayRef: walkIn, roomNumber: '303', reason: 'NO_RATE_PLAN' }],
    }),
  );
  assert.equal((await h.folio.getProperty())?.businessDate, '2026-03-10');
  assert.equal((await h.folio.listPostings({ stayRef: walkIn })).length, 0);

  // Priced by the property's walk-in rate plan: BAR ₹6,000 + 5 % ₹300.
  const run = await office.runNightAudit({
    businessDate: '2026-03-10',
    by: CLERK,
    walkInRatePlanCode: 'BAR',
  });
  assert.equal(run.roomsPosted, 1);
  assert.equal(run.nextBusinessDate, '2026-03-11');

  // A date moved on without its audit (as older versions did): the night of 11 March is posted late,
  // dated with today's business date and keyed by its stay date, once.
  await h.folio.setBusinessDate('2026-03-12');
  await assert.rejects(
    office.auditLateNight({ stayDate: '2026-03-11', by: CLERK }),
    folioError('AUDIT_UNPRICED_STAYS'),
  );
  const late = await office.auditLateNight({ stayDate: '2026-03-11', by: CLERK, walkInRatePlanCode: 'BAR' });
  assert.deepEqual([late.roomsPosted, late.roomTaxMinor], [1, 30_000]);
  const night = (await h.folio.listPostings({ stayRef: walkIn })).filter(
    (p) => p.type === 'ROOM' && p.serviceDate === '2026-03-11',
  );
  assert.deepEqual(
    night.map((p) => [p.amountMinor, p.businessDate]),
    [[600_000, '2026-03-12']],
  );
  const again = await office.auditLateNight({ stayDate: '2026-03-11', by: CLERK, walkInRatePlanCode: 'BAR' });
  assert.equal(again.postings, 0);
  await assert.rejects(
    office.auditLateNight({ stayDate: '2026-03-12', by: CLERK }),
    folioError('AUDIT_DATE_MISMATCH'),
  );
});

test('voiding a room night takes its night GST off the folio', async (t) => {
  const h = await lakePalace(t);
  const { reservation, folioId } = await checkedIn(h.folio, h.guestId, { depositPolicyCode: undefined });
  const nights = await h.folio.postRoomNights({ reservationId: reservation.id, by: 'night-audit' });
  // Four nights of ₹6,000 with 5 % night tax: 4 × ₹6,300 = ₹25,200.
  assert.equal(await h.folio.folioBalance(folioId), 2_520_000);
  const first = nights.find((n) => n.type === 'ROOM' && n.serviceDate === '2026-03-10');
  await h.folio.voidPosting({ postingId: first!.id, reason: 'wrong dates', by: CLERK });
  // The night of 10 March and its ₹150 + ₹150 are gone: 3 × ₹6,300 = ₹18,900 (not ₹19,200).
  assert.equal(await h.folio.folioBalance(folioId), 1_890_000);
  const report = await h.store.db
    .selectFrom('postings')
    .select((eb) => eb.fn.sum<number>('amount_minor').as('tax'))
    .where('folio_id', '=', folioId)
    .where('type', '=', 'TAX')
    .executeTakeFirstOrThrow();
  assert.equal(Number(report.tax), 90_000);
  // The voided night is not sold: the occupancy report counts the void with its night (voids carry no
  // stay date of their own). 10 March: 0 of 3 rooms; 11 March: 1 of 3 at ₹6,000.
  const office = createBackOffice(h.store.db, { clock: h.clock }, { pendingPosCharges: async () => 0 });
  await h.folio.setBusinessDate('2026-03-12');
  const occupancy = await office.occupancyReport({ from: '2026-03-10', to: '2026-03-11' });
  assert.deepEqual(
    occupancy.days.map((d) => [d.date, d.roomsSold, d.roomRevenueMinor]),
    [
      ['2026-03-10', 0, 0],
      ['2026-03-11', 1, 600_000],
    ],
  );
});

test('a Confirmed reservation whose only deposit is released no longer holds its room', async (t) => {
  const h = await lakePalace(t);
  h.clock.set('2026-03-08T10:00:00.000Z');
  const booked = await h.folio.book({
    guestId: h.guestId,
    roomNumber: '302',
    ratePlanCode: 'BAR',
    arrival: '2026-03-10',
    departure: '2026-03-12',
    adults: 2,
    depositPolicyCode: 'DEP30',
    creditLimitMinor: null,
    by: CLERK,
  });
  await h.folio.transitionReservation({ reservationId: booked.id, to: 'PendingDeposit', by: CLERK });
  const deposit = await h.folio.holdDeposit({
    reservationId: booked.id,
    method: 'CARD',
    reference: 'A-1',
    by: CLERK,
  });
  assert.equal((await h.folio.getReservation(booked.id)).status, 'Confirmed');
  await h.folio.releaseDeposit({ depositId: deposit.id, by: CLERK });
  // Not guaranteed any more: Cancelled ("deposit released"), and room 302 can be booked for those nights.
  assert.equal((await h.folio.getReservation(booked.id)).status, 'Cancelled');
  const again = await h.folio.book({
    guestId: h.guestId,
    roomNumber: '302',
    ratePlanCode: 'BAR',
    arrival: '2026-03-10',
    departure: '2026-03-12',
    adults: 2,
    creditLimitMinor: null,
    by: CLERK,
  });
  await h.folio.transitionReservation({ reservationId: again.id, to: 'Confirmed', by: CLERK });
});
