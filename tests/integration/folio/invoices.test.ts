import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChargeCategory } from '@roompost/folio';
import { sql } from 'kysely';
import { folioError } from './folio-fixture.js';
import { openIndianHotel, postRaw, postSeedStay, stayWithFolio, tableCounts } from './invoice-fixture.js';

test('finalizing the seed 004 stay numbers the invoice, stores it and posts its GST to the folio', async (t) => {
  const hotel = await openIndianHotel(t);
  const { folioId } = await stayWithFolio(hotel);
  await postSeedStay(hotel.store.db, folioId);
  const preview = await hotel.invoices.previewInvoice({ folioId });
  assert.equal(preview.status, 'DRAFT');
  assert.equal(preview.number, null);

  const invoice = await hotel.invoices.finalizeInvoice({ folioId, finalizedBy: 'Asha (front desk)' });

  // 16,700 + CGST/SGST 2.5 % on 15,500 (387.50 each) + 9 % on 1,200 (108 each) = 17,691.00; paid 15,000.
  assert.equal(invoice.number, 'INV/25-26/00001');
  assert.ok(invoice.number.length <= 16);
  assert.equal(invoice.finalizedBy, 'Asha (front desk)');
  assert.equal(invoice.document.status, 'FINALIZED');
  assert.equal(invoice.document.grandTotalMinor, 1_769_100);
  assert.equal(invoice.document.taxTotalMinor, 99_100);
  assert.equal(invoice.document.balanceDueMinor, 269_100);
  assert.equal(invoice.document.billTo.name, 'Mr. Rajesh Kumar');
  assert.equal(invoice.document.supplier.gstin, '27AABCS1234F1Z5');
  assert.equal(invoice.document.placeOfSupply, '27');
  assert.deepEqual(invoice.document.lines, preview.lines);
  // The folio now owes exactly the invoice's balance due: its GST is on the ledger.
  assert.equal(await hotel.folio.folioBalance(folioId), 269_100);
  const taxes = await hotel.folio.listPostings({ folioId });
  assert.deepEqual(
    taxes.filter((p) => p.type === 'TAX').map((p) => [p.description, p.amountMinor]),
    [
      ['CGST @ 2.5% - INV/25-26/00001', 38_750],
      ['SGST @ 2.5% - INV/25-26/00001', 38_750],
      ['CGST @ 9% - INV/25-26/00001', 10_800],
      ['SGST @ 9% - INV/25-26/00001', 10_800],
    ],
  );
  const stored = await hotel.invoices.getInvoice('INV/25-26/00001');
  assert.deepEqual(stored.document, invoice.document);
  assert.equal(stored.creditedBy, null);
});

test('finalizing the same folio twice is refused and writes nothing', async (t) => {
  const hotel = await openIndianHotel(t);
  const { folioId } = await stayWithFolio(hotel);
  await postSeedStay(hotel.store.db, folioId);
  await hotel.invoices.finalizeInvoice({ folioId, finalizedBy: 'Asha' });
  const before = await tableCounts(hotel.store.db);

  await assert.rejects(
    hotel.invoices.finalizeInvoice({ folioId, finalizedBy: 'Asha' }),
    folioError('INVOICE_ALREADY_FINALIZED', { folioId }),
  );
  assert.deepEqual(await tableCounts(hotel.store.db), before);
  // A charge posted after the invoice goes on a second invoice, numbered next.
  await postRaw(hotel.store.db, folioId, {
    type: 'POS',
    rupees: 300,
    date: '2025-11-15',
    description: 'Minibar',
    category: 'MINIBAR',
  });
  const second = await hotel.invoices.finalizeInvoice({ folioId, finalizedBy: 'Asha' });
  assert.equal(second.number, 'INV/25-26/00002');
  assert.deepEqual(
    second.document.lines.map((l) => l.description),
    ['Minibar'],
  );
});

test('the database refuses UPDATE and DELETE of finalized invoices and their lines', async (t) => {
  const hotel = await openIndianHotel(t);
  const { folioId } = await stayWithFolio(hotel);
  await postSeedStay(hotel.store.db, folioId);
  const invoice = await hotel.invoices.finalizeInvoice({ folioId, finalizedBy: 'Asha' });
  const db = hotel.store.db;
  const refused = { code: 'SQLITE_CONSTRAINT_TRIGGER' };

  await assert.rejects(
    db.updateTable('invoices').set({ total_minor: 1 }).where('id', '=', invoice.id).execute(),
    refused,
  );
  await assert.rejects(db.deleteFrom('invoices').where('id', '=', invoice.id).execute(), refused);
  await assert.rejects(
    db.updateTable('invoice_lines').set({ amount_minor: 1 }).where('invoice_id', '=', invoice.id).execute(),
    refused,
  );
  await assert.rejects(
    db.deleteFrom('invoice_lines').where('invoice_id', '=', invoice.id).execute(),
    refused,
  );
  await assert.rejects(sql`update postings set amount_minor = 0 where type = 'TAX'`.execute(db), refused);
  assert.deepEqual((await hotel.invoices.getInvoice(invoice.number)).document, invoice.document);
});

test('a credit note cancels the invoice in its own series, reverses its GST, and frees the charges', async (t) => {
  const hotel = await openIndianHotel(t);
  const { folioId } = await stayWithFolio(hotel);
  await postSeedStay(hotel.store.db, folioId);
  const balanceBefore = await hotel.folio.folioBalance(folioId);
  const invoice = await hotel.invoices.finalizeInvoice({ folioId, finalizedBy: 'Asha' });

  const note = await hotel.invoices.issueCreditNote({
    invoiceNumber: invoice.number,
    reason: 'Guest GSTIN missing',
    issuedBy: 'Ravi (manager)',
  });

  assert.equal(note.number, 'CN/25-26/00001');
  assert.equal(note.kind, 'CREDIT_NOTE');
  assert.equal(note.document.creditsInvoiceNumber, 'INV/25-26/00001');
  assert.equal(note.document.grandTotalMinor, -1_769_100);
  assert.equal(note.document.amountInWords, 'Seventeen Thousand Six Hundred and Ninety One Rupees Only');
  assert.equal(await hotel.folio.folioBalance(folioId), balanceBefore);
  assert.equal((await hotel.invoices.getInvoice(invoice.number)).creditedBy, 'CN/25-26/00001');
  await assert.rejects(
    hotel.invoices.issueCreditNote({ invoiceNumber: invoice.number, reason: 'again', issuedBy: 'Ravi' }),
    folioError('INVOICE_ALREADY_CREDITED'),
  );
  // Re-issued to the company with its GSTIN: the next number of the invoice series, same figures.
  const reissued = await hotel.invoices.finalizeInvoice({
    folioId,
    finalizedBy: 'Asha',
    billTo: { name: 'Acme Traders', address: 'Pune', gstin: '27AAACA1234B1Z9' },
  });
  assert.equal(reissued.number, 'INV/25-26/00002');
  assert.equal(reissued.document.grandTotalMinor, 1_769_100);
  assert.equal(reissued.document.billTo.stateCode, '27');
  assert.equal(await hotel.folio.folioBalance(folioId), 269_100);
});

test('numbers restart in each Indian financial year (April to March)', async (t) => {
  const hotel = await openIndianHotel(t, '2026-03-31');
  const first = await stayWithFolio(hotel);
  await postRaw(hotel.store.db, first.folioId, {
    type: 'ROOM',
    rupees: 5_000,
    date: '2026-03-30',
    description: 'Night',
  });
  assert.equal(
    (await hotel.invoices.finalizeInvoice({ ...first, finalizedBy: 'A' })).number,
    'INV/25-26/00001',
  );
  await hotel.folio.setBusinessDate('2026-04-01');
  const second = await stayWithFolio(hotel);
  await postRaw(hotel.store.db, second.folioId, {
    type: 'ROOM',
    rupees: 5_000,
    date: '2026-03-31',
    description: 'Night',
  });
  assert.equal(
    (await hotel.invoices.finalizeInvoice({ ...second, finalizedBy: 'A' })).number,
    'INV/26-27/00001',
  );
});

test('bad input gets a coded error and writes nothing', async (t) => {
  const hotel = await openIndianHotel(t);
  const { folioId } = await stayWithFolio(hotel);
  const before = await tableCounts(hotel.store.db);

  await assert.rejects(
    hotel.invoices.previewTax({ serviceDate: '2025-11-13', category: 'ROOM', amount: '6000.005' }),
    folioError('VALIDATION_FAILED', { field: 'amount' }),
  );
  await assert.rejects(
    hotel.invoices.finalizeInvoice({
      folioId,
      finalizedBy: 'A',
      servicePeriod: { from: '2025-11-15', to: '2025-11-13' },
    }),
    folioError('VALIDATION_FAILED', { field: 'servicePeriod.to' }),
  );
  await assert.rejects(
    hotel.invoices.finalizeInvoice({ folioId, finalizedBy: 'A' }),
    folioError('NOTHING_TO_INVOICE', { folioId }),
  );
  await assert.rejects(
    hotel.invoices.finalizeInvoice({ folioId: 'no-such-folio', finalizedBy: 'A' }),
    folioError('NOT_FOUND', { folioId: 'no-such-folio' }),
  );
  await assert.rejects(
    hotel.invoices.finalizeInvoice({
      folioId,
      finalizedBy: 'A',
      billTo: { name: 'X', gstin: '27-not-a-gstin' },
    }),
    folioError('VALIDATION_FAILED', { field: 'billTo.gstin' }),
  );
  await assert.rejects(
    hotel.invoices.issueCreditNote({ invoiceNumber: 'INV/25-26/09999', reason: 'x', issuedBy: 'A' }),
    folioError('NOT_FOUND'),
  );
  assert.deepEqual(await tableCounts(hotel.store.db), before);
});

test('tax preview takes decimal strings and answers with the lines of the date', async (t) => {
  const hotel = await openIndianHotel(t);
  const preview = await hotel.invoices.previewTax({
    serviceDate: '2025-11-13',
    category: 'ROOM',
    amount: '6000.00',
  });
  assert.deepEqual(
    preview.lines.map((l) => [l.code, l.rate, l.amountMinor, l.sac]),
    [
      ['CGST', '0.025', 15_000, '996311'],
      ['SGST', '0.025', 15_000, '996311'],
    ],
  );
  assert.equal(preview.totalMinor, 630_000);
  await assert.rejects(
    hotel.invoices.previewTax({
      regime: 'US_NYC',
      serviceDate: '2025-11-13',
      category: 'ROOM',
      amount: '250.00',
    }),
    folioError('VALIDATION_FAILED', { field: 'currency' }),
  );
});

test('postFolioCharge stores the category and SAC it is given, and a void is taxed as its original', async (t) => {
  const hotel = await openIndianHotel(t);
  const { folioId } = await stayWithFolio(hotel);
  const charge = { folioId, type: 'POS' as const, quantity: 1, serviceDate: '2025-11-15', by: 'FD-1' };
  const before = await tableCounts(hotel.store.db);

  for (const [extra, field] of [
    [{ category: 'CASINO' as ChargeCategory }, 'category'],
    [{ category: 'SPA' as const, sac: '99972x' }, 'sac'],
  ] as const) {
    await assert.rejects(
      hotel.folio.postFolioCharge({ ...charge, unitMinor: 40_000, description: 'Laundry', ...extra }),
      folioError('VALIDATION_FAILED', { field }),
    );
  }
  assert.deepEqual(await tableCounts(hotel.store.db), before);

  const { posting } = await hotel.folio.postFolioCharge({
    ...charge,
    unitMinor: 40_000,
    description: 'Laundry',
    category: 'LAUNDRY',
    sac: '999712',
  });
  assert.deepEqual([posting.category, posting.sac], ['LAUNDRY', '999712']);
  const row = await hotel.store.db
    .selectFrom('postings')
    .select(['category', 'sac'])
    .where('id', '=', posting.id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { category: 'LAUNDRY', sac: '999712' });
  const { posting: spa } = await hotel.folio.postFolioCharge({
    ...charge,
    unitMinor: 100_000,
    description: 'Spa',
    category: 'SPA',
  });
  const voided = await hotel.folio.voidPosting({ postingId: spa.id, reason: 'wrong room', by: 'FD-1' });
  // The void carries its origin's category itself.
  assert.deepEqual([voided.category, voided.sac], ['SPA', null]);

  const draft = await hotel.invoices.previewInvoice({ folioId });
  // Laundry ₹400.00 at 18 %: ₹36.00 + ₹36.00. The spa and its void (taxed as SPA, 18 %) cancel out:
  // +₹90.00 +₹90.00 and −₹90.00 −₹90.00.
  assert.deepEqual(
    draft.lines
      .map((l) => [l.description, l.category, l.sac, l.taxes.map((x) => x.amountMinor)])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    [
      ['Laundry', 'LAUNDRY', '999712', [3_600, 3_600]],
      ['Spa', 'SPA', '999723', [9_000, 9_000]],
      ['VOID Spa (wrong room)', 'SPA', '999723', [-9_000, -9_000]],
    ],
  );
  assert.equal(draft.taxTotalMinor, 7_200);
});
