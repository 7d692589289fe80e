// Invoices over postings written by the folio operations: a voided night, an adjusted night (taxed at its
// original date's rates) and a night transferred to the company window.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openIndianHotel, stayWithFolio } from './invoice-fixture.js';

test('voids, adjustments and transfers are taxed by the net value of their night', async (t) => {
  const hotel = await openIndianHotel(t, '2025-11-13');
  const { stayId, folioId } = await stayWithFolio(hotel);
  const post = (rupees: number, serviceDate: string, description: string) =>
    hotel.folio.postFolioCharge({
      folioId,
      type: 'ROOM',
      unitMinor: rupees * 100,
      quantity: 1,
      description,
      serviceDate,
      by: 'night-audit',
    });
  const night13 = await post(6_000, '2025-11-13', 'Room 13-Nov');
  await hotel.folio.setBusinessDate('2025-11-14');
  const wrong = await post(9_000, '2025-11-14', 'Room 14-Nov (wrong rate)');
  await hotel.folio.voidPosting({ postingId: wrong.posting.id, reason: 'wrong rate', by: 'fd' });
  const night14 = await post(6_000, '2025-11-14', 'Room 14-Nov');
  await hotel.folio.setBusinessDate('2025-11-15');
  await hotel.folio.adjustPosting({
    postingId: night13.posting.id,
    amountMinor: -100_000,
    reason: 'noise',
    by: 'fd',
  });
  const company = await hotel.folio.openFolioWindow({
    stayRef: stayId,
    payerLabel: 'Acme Traders',
    by: 'fd',
  });
  await hotel.folio.transferPosting({ postingId: night14.posting.id, toFolioId: company.id, by: 'fd' });

  // Guest window: night 13 = 6,000 − 1,000 (adjusted on the 15th, taxed as of the 13th) = 5,000 → 5 %:
  // 300 − 50 = 250. Night 14 = 9,000 − 9,000 + 6,000 − 6,000 (transferred out) = 0 → 5 %: nets to 0.
  const guest = await hotel.invoices.previewInvoice({ folioId });
  assert.equal(guest.subtotalMinor, 500_000);
  assert.equal(guest.taxTotalMinor, 25_000);
  // Postings of one millisecond have no order between them; compare as sets.
  assert.deepEqual(guest.lines.map((l) => `${l.type} ${l.section} ${l.amountMinor}`).sort(), [
    'ADJUSTMENT ADJUSTMENTS -100000',
    'ROOM ROOM -600000',
    'ROOM ROOM -900000',
    'ROOM ROOM 600000',
    'ROOM ROOM 600000',
    'ROOM ROOM 900000',
  ]);
  // Company window: the transferred 6,000 night at 5 % = 300.
  const invoice = await hotel.invoices.finalizeInvoice({
    folioId: company.id,
    finalizedBy: 'fd',
    billTo: { name: 'Acme Traders', gstin: '27AAACA1234B1Z9' },
  });
  assert.equal(invoice.document.subtotalMinor, 600_000);
  assert.equal(invoice.document.taxTotalMinor, 30_000);
  assert.equal(await hotel.folio.folioBalance(company.id), 630_000);
});

test('an invoiced posting cannot be voided or transferred until a credit note cancels the invoice', async (t) => {
  const hotel = await openIndianHotel(t, '2025-11-13');
  const { stayId, folioId } = await stayWithFolio(hotel);
  const night = await hotel.folio.postFolioCharge({
    folioId,
    type: 'ROOM',
    unitMinor: 600_000,
    quantity: 1,
    description: 'Room 13-Nov',
    serviceDate: '2025-11-13',
    by: 'night-audit',
  });
  const invoice = await hotel.invoices.finalizeInvoice({
    folioId,
    finalizedBy: 'fd',
    billTo: { name: 'Guest' },
  });
  const refused = (work: Promise<unknown>) =>
    assert.rejects(work, (e: { code?: string; context?: { invoice?: string } }) => {
      assert.equal(e.code, 'CORRECTION_NOT_ALLOWED');
      assert.equal(e.context?.invoice, invoice.number);
      return true;
    });
  await refused(hotel.folio.voidPosting({ postingId: night.posting.id, reason: 'wrong rate', by: 'fd' }));
  const other = await hotel.folio.openFolioWindow({ stayRef: stayId, payerLabel: 'Company', by: 'fd' });
  await refused(hotel.folio.transferPosting({ postingId: night.posting.id, toFolioId: other.id, by: 'fd' }));

  await hotel.invoices.issueCreditNote({
    invoiceNumber: invoice.number,
    issuedBy: 'fd',
    reason: 'wrong rate',
  });
  await hotel.folio.voidPosting({ postingId: night.posting.id, reason: 'wrong rate', by: 'fd' });
});
