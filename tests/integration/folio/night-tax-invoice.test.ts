// Room tax posted with the night (night audit, the room-nights route) and the invoice that must not charge it
// twice: it posts only the difference per code and rate, while its document shows the full tax as before.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import {
  createBackOffice,
  createInvoiceService,
  type FolioDatabase,
  type SqliteStore,
} from '@roompost/folio';
import { openFolioFixture } from './folio-fixture.js';
import { CLERK, checkedIn, seedFrontOffice } from './front-office-fixture.js';

const AUDITOR = 'mgr-priya';

/**
 * Lake Palace (IN_GST, Rajasthan) on 10 March 2026; room 301 in house 10–12 March at ₹8,000.00 a night,
 * which is above ₹7,500.00: 18 % GST, CGST 9 % + SGST 9 % = 720.00 + 720.00 a night.
 */
async function hotel(t: TestContext) {
  const fx = await openFolioFixture(t);
  const { folio, clock, store } = fx;
  const { guestId } = await seedFrontOffice(folio);
  await folio.configureInvoicing(
    {
      legalName: 'Lake Palace Hotels Pvt Ltd',
      address: 'Lake Road, Udaipur',
      gstin: '08AABCS1234F1Z5',
      regime: 'IN_GST',
    },
    CLERK,
  );
  await folio.setRates({
    ratePlanCode: 'BAR',
    roomTypeCode: 'DLX',
    from: '2026-03-10',
    to: '2026-03-12',
    amountMinor: 800_000,
  });
  const office = createBackOffice(store.db, { clock }, { pendingPosCharges: async () => 0 });
  const invoices = createInvoiceService(store.db, { clock });
  clock.set('2026-03-10T10:00:00.000Z');
  const stay = await checkedIn(folio, guestId, { departure: '2026-03-12' });
  return { ...fx, office, invoices, ...stay };
}

type Hotel = Awaited<ReturnType<typeof hotel>>;

async function audit(h: Hotel, date: string) {
  h.clock.set(`${date}T23:30:00.000Z`);
  return h.office.runNightAudit({ businessDate: date, by: AUDITOR });
}

/** TAX postings of the folio: [charge_ref kind, code, amount, description]. */
async function taxPostings(store: SqliteStore<FolioDatabase>, folioId: string) {
  const rows = await store.db
    .selectFrom('postings')
    .select(['charge_ref', 'code', 'amount_minor', 'description'])
    .where('folio_id', '=', folioId)
    .where('type', '=', 'TAX')
    .orderBy('created_at')
    .orderBy('line_no')
    .orderBy('code')
    .execute();
  return rows.map((r) => [r.charge_ref?.split(':')[0] ?? null, r.code, r.amount_minor, r.description]);
}

const balanceOf = async (h: Hotel) => (await h.folio.getFolio(h.folioId)).balanceMinor;

test('an invoice after the audit posts no more tax, shows the full tax, and a credit note leaves the night tax', async (t) => {
  const h = await hotel(t);
  const before = await balanceOf(h);
  const first = await audit(h, '2026-03-10');
  const second = await audit(h, '2026-03-11');
  // Each night: ROOM 8,000.00 with CGST 9 % 720.00 and SGST 9 % 720.00 posted with it.
  assert.deepEqual(
    [first.postings, first.roomTaxMinor, second.postings, second.roomTaxMinor],
    [3, 144_000, 3, 144_000],
  );
  assert.equal((await balanceOf(h)) - before, 2 * (800_000 + 144_000), 'the folio balance includes the tax');
  assert.deepEqual(await taxPostings(h.store, h.folioId), [
    ['night-tax', 'TAX:CGST', 72_000, 'CGST @ 9% - night of 2026-03-10'],
    ['night-tax', 'TAX:SGST', 72_000, 'SGST @ 9% - night of 2026-03-10'],
    ['night-tax', 'TAX:CGST', 72_000, 'CGST @ 9% - night of 2026-03-11'],
    ['night-tax', 'TAX:SGST', 72_000, 'SGST @ 9% - night of 2026-03-11'],
  ]);
  // The revenue report's "tax posted" is what the audit posted.
  assert.equal((await h.office.revenueReport({ from: '2026-03-10', to: '2026-03-11' })).taxMinor, 288_000);

  // The document is what it was without the night tax: 16,000.00 taxed at 18 %, 1,440.00 + 1,440.00.
  const preview = await h.invoices.previewInvoice({ folioId: h.folioId });
  assert.deepEqual(
    preview.taxBreakup.map((r) => [r.code, r.rate, r.taxableMinor, r.amountMinor]),
    [
      ['CGST', '0.09', 1_600_000, 144_000],
      ['SGST', '0.09', 1_600_000, 144_000],
    ],
  );
  assert.deepEqual(preview.postedTaxes, []);
  assert.deepEqual(
    [preview.subtotalMinor, preview.taxTotalMinor, preview.grandTotalMinor],
    [1_600_000, 288_000, 1_888_000],
  );
  assert.ok(preview.lines.every((l) => l.type !== 'TAX'));

  const invoice = await h.invoices.finalizeInvoice({ folioId: h.folioId, finalizedBy: CLERK });
  assert.deepEqual(invoice.document.taxBreakup, preview.taxBreakup);
  assert.equal(invoice.document.grandTotalMinor, preview.grandTotalMinor);
  assert.equal((await taxPostings(h.store, h.folioId)).length, 4, 'the invoice posted no tax of its own');
  assert.equal(await balanceOf(h), invoice.document.balanceDueMinor);
  // The night-tax postings are on the invoice: a second invoice has nothing to invoice.
  const lines = await h.store.db
    .selectFrom('invoice_lines')
    .select(['kind', 'amount_minor'])
    .where('invoice_id', '=', invoice.id)
    .where('kind', '=', 'TAX')
    .execute();
  assert.deepEqual(
    lines.map((l) => l.amount_minor),
    [72_000, 72_000, 72_000, 72_000],
  );

  // A credit note reverses what the invoice posted (nothing): the folio keeps the night tax.
  await h.invoices.issueCreditNote({
    invoiceNumber: invoice.number,
    reason: 'wrong company',
    issuedBy: CLERK,
  });
  assert.equal((await taxPostings(h.store, h.folioId)).length, 4);
  assert.equal((await balanceOf(h)) - before, 2 * (800_000 + 144_000));
  const again = await h.invoices.finalizeInvoice({ folioId: h.folioId, finalizedBy: CLERK });
  assert.equal(again.document.taxTotalMinor, 288_000);
  assert.equal((await taxPostings(h.store, h.folioId)).length, 4);
  assert.equal(await balanceOf(h), again.document.balanceDueMinor);
});

test('a discount after the audit makes the invoice post exactly the difference, slab change included', async (t) => {
  const h = await hotel(t);
  await audit(h, '2026-03-10');
  await audit(h, '2026-03-11');
  h.clock.set('2026-03-12T08:00:00.000Z');
  const discount = (date: string, rupees: number) =>
    h.folio.postFolioCharge({
      folioId: h.folioId,
      type: 'DISCOUNT',
      unitMinor: rupees * 100,
      quantity: 1,
      description: `Goodwill - night of ${date}`,
      serviceDate: date,
      ruleApplied: 'MANUAL goodwill',
      referenceKind: 'manual',
      category: 'ROOM',
      by: CLERK,
    });
  // 10th: 8,000 − 100 = 7,900.00, still 18 %: per line CGST 720.00 − 9.00 = 711.00 (SGST the same)
  // 11th: 8,000 − 1,000 = 7,000.00, now 5 %: per line CGST 2.5 % 200.00 − 25.00 = 175.00 (SGST the same),
  //       where the audit had posted CGST 9 % 720.00 and SGST 9 % 720.00
  await discount('2026-03-10', 100);
  await discount('2026-03-11', 1_000);
  const invoice = await h.invoices.finalizeInvoice({ folioId: h.folioId, finalizedBy: CLERK });
  // The document: 5 % rows first (taxable 7,000.00), then 18 % (taxable 7,900.00)
  assert.deepEqual(
    invoice.document.taxBreakup.map((r) => [r.code, r.rate, r.taxableMinor, r.amountMinor]),
    [
      ['CGST', '0.025', 700_000, 17_500],
      ['SGST', '0.025', 700_000, 17_500],
      ['CGST', '0.09', 790_000, 71_100],
      ['SGST', '0.09', 790_000, 71_100],
    ],
  );
  assert.equal(invoice.document.taxTotalMinor, 2 * 17_500 + 2 * 71_100);
  // Posted by the invoice, per code and rate: 5 %: 175.00 − 0 each; 18 %: 711.00 − 1,440.00 = −729.00 each
  const posted = (await taxPostings(h.store, h.folioId)).filter(([kind]) => kind === 'invoice');
  assert.deepEqual(
    posted.map(([, , amount, description]) => [amount, description]),
    [
      [17_500, `CGST @ 2.5% - ${invoice.number}`],
      [17_500, `SGST @ 2.5% - ${invoice.number}`],
      [-72_900, `CGST @ 9% - ${invoice.number}`],
      [-72_900, `SGST @ 9% - ${invoice.number}`],
    ],
  );
  assert.equal(await balanceOf(h), invoice.document.balanceDueMinor);
  const allTax = (await taxPostings(h.store, h.folioId)).reduce((s, [, , amount]) => s + Number(amount), 0);
  assert.equal(allTax, invoice.document.taxTotalMinor, 'night tax + invoice difference = the document tax');

  // The credit note reverses exactly the difference the invoice posted.
  await h.invoices.issueCreditNote({ invoiceNumber: invoice.number, reason: 'rebill', issuedBy: CLERK });
  const afterNote = (await taxPostings(h.store, h.folioId)).reduce(
    (s, [, , amount]) => s + Number(amount),
    0,
  );
  assert.equal(afterNote, 288_000, 'back to the night tax the audit posted');
});

test('nights posted by the room-nights route carry their tax; a voided night nets to zero tax on the invoice', async (t) => {
  const h = await hotel(t);
  const posted = await h.folio.postRoomNights({ reservationId: h.reservation.id, by: CLERK });
  assert.deepEqual(
    posted.map((p) => [p.type, p.amountMinor]),
    [
      ['ROOM', 800_000],
      ['TAX', 72_000],
      ['TAX', 72_000],
      ['ROOM', 800_000],
      ['TAX', 72_000],
      ['TAX', 72_000],
    ],
  );
  // Again, or the audit of the 10th: nothing new, tax included.
  assert.deepEqual(await h.folio.postRoomNights({ reservationId: h.reservation.id, by: CLERK }), []);
  const audited = await audit(h, '2026-03-10');
  assert.deepEqual([audited.postings, audited.roomTaxMinor], [0, 0]);

  // A night posted in advance and voided on the same business date (the 10th): its tax is voided with it.
  const fresh = await hotel(t);
  const nights = await fresh.folio.postRoomNights({ reservationId: fresh.reservation.id, by: CLERK });
  const night11 = nights.find((p) => p.type === 'ROOM' && p.serviceDate === '2026-03-11')!;
  await fresh.folio.voidPosting({ postingId: night11.id, reason: 'booked in error', by: CLERK });
  const invoice = await fresh.invoices.finalizeInvoice({ folioId: fresh.folioId, finalizedBy: CLERK });
  // Document: only the 10th is taxed (8,000.00 at 18 %); the 11th nets to 0 and so does its tax.
  assert.equal(invoice.document.taxTotalMinor, 144_000);
  // Posted: the 11th's night tax 720.00 + 720.00 and its voids −720.00 − 720.00 (with the night), so the
  // invoice has nothing left to post.
  const tax = await taxPostings(fresh.store, fresh.folioId);
  assert.deepEqual(
    tax.filter(([kind]) => kind === 'invoice').map(([, , amount]) => amount),
    [],
  );
  assert.equal(
    tax.reduce((s, [, , amount]) => s + Number(amount), 0),
    144_000,
    'net tax of the voided night is zero',
  );
  assert.equal(await balanceOf(fresh), invoice.document.balanceDueMinor);
});
