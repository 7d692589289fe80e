// Billing at the edges, on a real SQLite file: group windows taxed per room per night, categories that
// survive any number of hops, outlet tax lines on the invoice (Rule 46), desk surcharges that name their
// category, default SACs, and billing identities as bill-to. Expected figures are worked by hand.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { folioError } from './folio-fixture.js';
import { openIndianHotel, stayWithFolio } from './invoice-fixture.js';

type Hotel = Awaited<ReturnType<typeof openIndianHotel>>;

const roomNight = (hotel: Hotel, folioId: string, rupees: number, date: string) =>
  hotel.folio.postFolioCharge({
    folioId,
    type: 'ROOM',
    unitMinor: rupees * 100,
    quantity: 1,
    description: `Room ${date}`,
    serviceDate: date,
    by: 'night-audit',
  });

async function roomNumberOf(hotel: Hotel, stayId: string): Promise<string> {
  const row = await hotel.store.db
    .selectFrom('stays')
    .innerJoin('rooms', 'rooms.id', 'stays.room_id')
    .select('rooms.number')
    .where('stays.id', '=', stayId)
    .executeTakeFirstOrThrow();
  return row.number;
}

test('a company window holding two rooms taxes each room night on its own slab', async (t) => {
  const hotel = await openIndianHotel(t, '2025-11-13');
  const a = await stayWithFolio(hotel);
  const b = await stayWithFolio(hotel);
  const company = await hotel.folio.openFolioWindow({ stayRef: a.stayId, payerLabel: 'Acme', by: 'fd' });
  for (const stay of [a, b]) {
    const night = await roomNight(hotel, stay.folioId, 6_000, '2025-11-13');
    await hotel.folio.transferPosting({ postingId: night.posting.id, toFolioId: company.id, by: 'fd' });
  }
  // Each room is ₹6,000 a night ≤ ₹7,500 → 5 % (2.5 % + 2.5 %) per room: 2 × ₹300 = ₹600, not 18 % of the
  // ₹12,000 sum (₹2,160).
  const draft = await hotel.invoices.previewInvoice({ folioId: company.id });
  assert.equal(draft.subtotalMinor, 1_200_000);
  assert.equal(draft.taxTotalMinor, 60_000);
  assert.deepEqual(
    draft.taxBreakup.map((r) => [r.code, r.rate, r.amountMinor]),
    [
      ['CGST', '0.025', 30_000],
      ['SGST', '0.025', 30_000],
    ],
  );
});

test('a laundry charge keeps category, SAC and tax after two transfers, and its void nets to nothing', async (t) => {
  const hotel = await openIndianHotel(t, '2025-11-14');
  const { stayId, folioId } = await stayWithFolio(hotel);
  const w2 = await hotel.folio.openFolioWindow({ stayRef: stayId, payerLabel: 'Two', by: 'fd' });
  const w3 = await hotel.folio.openFolioWindow({ stayRef: stayId, payerLabel: 'Three', by: 'fd' });
  const laundry = await hotel.folio.postFolioCharge({
    folioId,
    type: 'POS',
    unitMinor: 40_000,
    quantity: 1,
    description: 'Laundry',
    category: 'LAUNDRY',
    by: 'fd',
  });
  const [, into2] = await hotel.folio.transferPosting({
    postingId: laundry.posting.id,
    toFolioId: w2.id,
    by: 'fd',
  });
  const [, into3] = await hotel.folio.transferPosting({ postingId: into2!.id, toFolioId: w3.id, by: 'fd' });
  // Laundry ₹400 at 18 %: CGST 9 % ₹36 + SGST 9 % ₹36 = ₹72, SAC 999719, on window 3 as on window 1.
  const three = await hotel.invoices.previewInvoice({ folioId: w3.id });
  assert.deepEqual(
    three.lines.map((l) => [l.category, l.sac, l.amountMinor, l.taxes.map((x) => x.amountMinor)]),
    [['LAUNDRY', '999719', 40_000, [3_600, 3_600]]],
  );
  // Voiding the line transferred in: +₹400 −₹400 and +₹72 −₹72, so ₹0 of charges and ₹0 of tax (not ₹52).
  await hotel.folio.voidPosting({ postingId: into3!.id, reason: 'wrong guest', by: 'fd' });
  const afterVoid = await hotel.invoices.previewInvoice({ folioId: w3.id });
  assert.equal(afterVoid.subtotalMinor, 0);
  assert.equal(afterVoid.taxTotalMinor, 0);
  assert.deepEqual(
    afterVoid.lines.map((l) => l.category),
    ['LAUNDRY', 'LAUNDRY'],
  );
});

test('a desk surcharge or discount must name its category; a dinner discount leaves the room slab alone', async (t) => {
  const hotel = await openIndianHotel(t, '2025-11-13');
  const { folioId } = await stayWithFolio(hotel);
  const surcharge = {
    folioId,
    type: 'SURCHARGE' as const,
    unitMinor: 100_000,
    quantity: 1,
    description: 'Pet fee',
    ruleApplied: 'MANUAL pet',
    referenceKind: 'manual' as const,
    by: 'fd',
  };
  await assert.rejects(
    hotel.folio.postFolioCharge(surcharge),
    folioError('VALIDATION_FAILED', { field: 'category' }),
  );
  await roomNight(hotel, folioId, 7_600, '2025-11-13');
  await hotel.folio.postFolioCharge({
    ...surcharge,
    type: 'DISCOUNT',
    unitMinor: 20_000,
    description: 'Dinner discount',
    ruleApplied: 'MANUAL goodwill',
    category: 'FOOD_BEVERAGE',
  });
  await hotel.folio.postFolioCharge({ ...surcharge, category: 'MISC' });
  // Room ₹7,600 > ₹7,500 → 18 %: ₹1,368. Dinner discount −₹200 at 5 % (restaurant, not specified premises):
  // −₹10. Pet fee ₹1,000 as a service (MISC, 18 %): ₹180. Total ₹1,538.
  const draft = await hotel.invoices.previewInvoice({ folioId });
  assert.equal(draft.taxTotalMinor, 153_800);
  assert.deepEqual(draft.lines.map((l) => [l.category, l.sac]).sort(), [
    ['FOOD_BEVERAGE', '996332'],
    ['MISC', '999799'],
    ['ROOM', '996311'],
  ]);
});

test('an outlet charge reaches the invoice with its tax lines per rate, SAC, and the gratuity untaxed', async (t) => {
  const hotel = await openIndianHotel(t, '2025-11-14');
  const { stayId, folioId } = await stayWithFolio(hotel);
  await hotel.folio.postCharge({
    chargeId: '0193a000-0000-7000-8000-000000000001',
    stayRef: stayId,
    roomNumber: await roomNumberOf(hotel, stayId),
    outletCode: 'REST',
    checkNumber: '1001',
    description: 'Restaurant',
    currency: 'INR',
    subtotalMinor: 150_000,
    taxMinor: 14_000,
    tipMinor: 10_000,
    postedBy: 'W-1',
    // Food ₹1,000 at 5 % = ₹50 (the rate is derived from the item's own tax); a cocktail ₹500 at 18 % = ₹90.
    items: [
      { amountMinor: 100_000, taxMinor: 5_000 },
      { amountMinor: 50_000, taxMinor: 9_000, taxRate: '0.18', category: 'ALCOHOL' },
    ],
  });
  const draft = await hotel.invoices.previewInvoice({ folioId });
  // POS line ₹1,500 (F&B, its largest part, SAC 996332): CGST 2.5 % ₹25 + SGST 2.5 % ₹25 on ₹1,000, CGST 9 %
  // ₹45 + SGST 9 % ₹45 on ₹500. Gratuity ₹100 its own line, no tax. Tax ₹140; total ₹1,500 + ₹100 + ₹140.
  const pos = draft.lines.find((l) => l.section === 'FOOD_BEVERAGE');
  assert.deepEqual(
    pos?.taxes.map((x) => [x.code, x.rate, x.baseMinor, x.amountMinor, x.sac]),
    [
      ['CGST', '0.025', 100_000, 2_500, '996332'],
      ['SGST', '0.025', 100_000, 2_500, '996332'],
      ['CGST', '0.09', 50_000, 4_500, '996332'],
      ['SGST', '0.09', 50_000, 4_500, '996332'],
    ],
  );
  const tip = draft.lines.find((l) => l.section === 'GRATUITIES');
  assert.deepEqual([tip?.category, tip?.amountMinor, tip?.taxes.length], ['TIP', 10_000, 0]);
  assert.equal(
    draft.taxBreakup.some((r) => r.code === 'POSTED_TAX'),
    false,
  );
  assert.equal(draft.taxTotalMinor, 14_000);
  assert.equal(draft.grandTotalMinor, 174_000);
  // The outlet's tax is already on the folio: finalize posts nothing more.
  const invoice = await hotel.invoices.finalizeInvoice({ folioId, finalizedBy: 'fd' });
  assert.equal(invoice.document.grandTotalMinor, 174_000);
  assert.equal(await hotel.folio.folioBalance(folioId), 174_000);
});

test('outlet items that do not add up to the charge are refused, naming items', async (t) => {
  const hotel = await openIndianHotel(t, '2025-11-14');
  const { stayId } = await stayWithFolio(hotel);
  await assert.rejects(
    hotel.folio.postCharge({
      chargeId: '0193a000-0000-7000-8000-000000000002',
      stayRef: stayId,
      roomNumber: await roomNumberOf(hotel, stayId),
      outletCode: 'REST',
      checkNumber: '1002',
      description: 'Restaurant',
      currency: 'INR',
      subtotalMinor: 150_000,
      taxMinor: 7_500,
      tipMinor: 0,
      postedBy: 'W-1',
      items: [{ amountMinor: 100_000, taxMinor: 5_000 }],
    }),
    folioError('VALIDATION_FAILED', { field: 'items' }),
  );
});

test("the guest profile's billing identity is the invoice's bill-to", async (t) => {
  const hotel = await openIndianHotel(t, '2025-11-13');
  const { stayId, folioId } = await stayWithFolio(hotel);
  const guest = await hotel.store.db
    .selectFrom('stays')
    .select('guest_id')
    .where('id', '=', stayId)
    .executeTakeFirstOrThrow();
  await assert.rejects(
    hotel.folio.setBillingIdentity(guest.guest_id, { name: 'Deccan Textiles', gstin: 'not-a-gstin' }),
    folioError('VALIDATION_FAILED', { field: 'billing.gstin' }),
  );
  await hotel.folio.setBillingIdentity(guest.guest_id, {
    name: 'Deccan Textiles Pvt Ltd',
    gstin: '29AABCD1234E1Z5',
    address: 'MG Road, Bengaluru',
  });
  await roomNight(hotel, folioId, 6_000, '2025-11-13');
  const draft = await hotel.invoices.previewInvoice({ folioId });
  assert.deepEqual(draft.billTo, {
    name: 'Deccan Textiles Pvt Ltd',
    address: 'MG Road, Bengaluru',
    gstin: '29AABCD1234E1Z5',
    stateCode: '29',
  });
});

test("a beer under the state's VAT shows on the invoice as VAT at its rate, next to the food's CGST + SGST", async (t) => {
  const hotel = await openIndianHotel(t, '2025-11-14');
  const { stayId, folioId } = await stayWithFolio(hotel);
  await hotel.folio.postCharge({
    chargeId: '0193a000-0000-7000-8000-000000000003',
    stayRef: stayId,
    roomNumber: await roomNumberOf(hotel, stayId),
    outletCode: 'REST',
    checkNumber: '1003',
    description: 'Restaurant',
    currency: 'INR',
    subtotalMinor: 81_000,
    taxMinor: 15_480,
    tipMinor: 0,
    postedBy: 'W-1',
    // The demo's catalog: chai ₹360 GST_FOOD 18 % = ₹64.80; Kingfisher ₹450 VAT_LIQUOR 20 % = ₹90.
    items: [
      { amountMinor: 36_000, taxMinor: 6_480, taxRate: '0.18', taxClass: 'GST_FOOD' },
      { amountMinor: 45_000, taxMinor: 9_000, taxRate: '0.20', taxClass: 'VAT_LIQUOR' },
    ],
  });
  const draft = await hotel.invoices.previewInvoice({ folioId });
  const pos = draft.lines.find((l) => l.section === 'FOOD_BEVERAGE');
  assert.deepEqual(
    pos?.taxes.map((x) => [x.code, x.rate, x.label, x.baseMinor, x.amountMinor]),
    [
      ['CGST', '0.09', 'CGST @ 9%', 36_000, 3_240],
      ['SGST', '0.09', 'SGST @ 9%', 36_000, 3_240],
      ['VAT', '0.2', 'VAT @ 20%', 45_000, 9_000],
    ],
  );
  assert.equal(
    pos?.taxes.some((x) => x.label.includes('(outlet)')),
    false,
    'no tax shown as "GST (outlet)"',
  );
  assert.deepEqual(
    draft.taxBreakup.filter((r) => r.code === 'VAT').map((r) => [r.rate, r.taxableMinor, r.amountMinor]),
    [['0.2', 45_000, 9_000]],
  );
  assert.equal(draft.taxTotalMinor, 15_480);
  const invoice = await hotel.invoices.finalizeInvoice({ folioId, finalizedBy: 'fd' });
  assert.equal(invoice.document.grandTotalMinor, 96_480);
});

test('an outlet item whose tax class is not a class code is refused, naming it', async (t) => {
  const hotel = await openIndianHotel(t, '2025-11-14');
  const { stayId } = await stayWithFolio(hotel);
  await assert.rejects(
    hotel.folio.postCharge({
      chargeId: '0193a000-0000-7000-8000-000000000004',
      stayRef: stayId,
      roomNumber: await roomNumberOf(hotel, stayId),
      outletCode: 'REST',
      checkNumber: '1004',
      description: 'Restaurant',
      currency: 'INR',
      subtotalMinor: 45_000,
      taxMinor: 9_000,
      tipMinor: 0,
      postedBy: 'W-1',
      items: [{ amountMinor: 45_000, taxMinor: 9_000, taxClass: 'VAT LIQUOR; drop' }],
    }),
    folioError('VALIDATION_FAILED', { field: 'items.0.taxClass' }),
  );
});
