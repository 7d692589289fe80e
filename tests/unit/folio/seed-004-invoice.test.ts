// Seed 004 §8's invoice, recomputed with the GST rates of each period. The seed prints CGST 6 % + SGST 6 %
// on everything (₹16,700 → ₹18,704); that is not the law on any date for this mix of rooms and services.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildInvoice, type InvoiceDocument, type InvoicePosting } from '@roompost/folio';

const RS = 100;

/** The seed's stay, moved to `year` (13–15 Nov): two nights at ₹6,000, F&B ₹3,500, other services ₹1,200. */
function seedStay(year: number): InvoicePosting[] {
  const d = (day: number) => `${year}-11-${String(day).padStart(2, '0')}`;
  let n = 0;
  const line = (
    type: InvoicePosting['type'],
    rupees: number,
    description: string,
    day: number,
    category: InvoicePosting['category'] = null,
  ): InvoicePosting => ({
    id: `p${++n}`,
    type,
    amountMinor: rupees * RS,
    description,
    serviceDate: d(day),
    taxDate: d(day),
    nightDate: d(day),
    category,
    sac: null,
    outletTaxed: false,
    generatedTax: false,
  });
  return [
    line('DEPOSIT', -5_000, 'Advance', 11),
    line('ROOM', 6_000, '13-Nov (Night 1)', 13),
    line('ROOM', 6_000, '14-Nov (Night 2)', 14),
    line('POS', 800, 'Breakfast (14-Nov)', 14, 'FOOD_BEVERAGE'),
    line('POS', 1_200, 'Lunch (14-Nov)', 14, 'FOOD_BEVERAGE'),
    line('POS', 1_500, 'Room Service', 14, 'FOOD_BEVERAGE'),
    line('POS', 400, 'Laundry', 14, 'LAUNDRY'),
    line('POS', 800, 'Airport Transfer', 15, 'TRANSPORT'),
    line('PAYMENT', -10_000, 'Cash (15-Nov)', 15),
    line('PAYMENT', -3_704, 'UPI (15-Nov)', 15),
  ];
}

function invoiceFor(year: number): InvoiceDocument {
  const party = { address: null, gstin: null, stateCode: null };
  return buildInvoice({
    folioId: 'F1',
    currency: 'INR',
    regime: 'IN_GST',
    issueDate: `${year}-11-15`,
    supplier: { name: 'Hotel', address: 'Mumbai', gstin: '27AAAAA0000A1Z5', stateCode: '27' },
    billTo: { ...party, name: 'Mr. Rajesh Kumar', address: 'Mumbai, Maharashtra' },
    placeOfSupply: '27',
    specifiedPremises: false,
    stayArrival: `${year}-11-13`,
    postings: seedStay(year),
  });
}

const breakup = (doc: InvoiceDocument) =>
  doc.taxBreakup.map((r) => [r.label, r.taxableMinor / RS, r.amountMinor / RS]);

test('Nov 2025 (5 % slab since 22 Sep 2025): the seed 004 invoice totals ₹17,691, not ₹18,704', () => {
  // Rooms ₹6,000 a night ≤ ₹7,500 → 5 % = CGST 2.5 % + SGST 2.5 %: 150 + 150 a night, 600 for two.
  // F&B (not specified premises) 5 %: CGST 2.5 % of 800, 1,200, 1,500 = 20 + 30 + 37.50 = 87.50, SGST same.
  // Laundry ₹400 and airport transfer ₹800 at 18 % (seed §6 "other services"): CGST 9 % = 36 + 72 = 108.
  // CGST 2.5 % on 15,500 = 387.50; SGST 387.50; CGST 9 % on 1,200 = 108; SGST 108. Tax 991.00.
  // Grand total 16,700 + 991 = 17,691.00; the seed's payments (5,000 + 10,000 + 3,704 = 18,704) leave
  // ₹1,013 to refund.
  const doc = invoiceFor(2025);
  assert.equal(doc.subtotalMinor, 16_700 * RS);
  assert.deepEqual(breakup(doc), [
    ['CGST @ 2.5%', 15_500, 387.5],
    ['SGST @ 2.5%', 15_500, 387.5],
    ['CGST @ 9%', 1_200, 108],
    ['SGST @ 9%', 1_200, 108],
  ]);
  assert.equal(doc.taxTotalMinor, 991 * RS);
  assert.equal(doc.grandTotalMinor, 17_691 * RS);
  assert.equal(doc.paymentsTotalMinor, 18_704 * RS);
  assert.equal(doc.balanceDueMinor, -1_013 * RS);
  assert.equal(doc.amountInWords, 'Seventeen Thousand Six Hundred and Ninety One Rupees Only');
  assert.deepEqual(
    doc.sections.map((s) => [s.section, s.totalMinor / RS]),
    [
      ['ROOM', 12_000],
      ['FOOD_BEVERAGE', 3_500],
      ['OTHER_SERVICES', 1_200],
    ],
  );
  assert.deepEqual(
    doc.lines.map((l) => l.sac),
    // Laundry and airport transfer carry their category's default SAC (Rule 46 (g)).
    ['996311', '996311', '996332', '996332', '996332', '999719', '996601'],
  );
  assert.equal(doc.placeOfSupply, '27');
});

test('the same stay under each earlier slab period', () => {
  // Nov 2017 and Nov 2018: ₹6,000 is in the ₹2,500–7,499 slab → 18 %: CGST 9 % on 12,000 + 1,200 = 1,188.
  //   Tax = 2 × (1,188 + 87.50) = 2,551 → grand total 19,251.
  // Nov 2019 and Nov 2022: ₹6,000 ≤ ₹7,500 → 12 %: CGST 6 % on 12,000 = 720; 2.5 % F&B 87.50; 9 % 108.
  //   Tax = 2 × (720 + 87.50 + 108) = 1,831 → grand total 18,531.
  const expected: Array<[number, number, number]> = [
    [2017, 2_551, 19_251],
    [2018, 2_551, 19_251],
    [2019, 1_831, 18_531],
    [2022, 1_831, 18_531],
    [2025, 991, 17_691],
  ];
  for (const [year, tax, total] of expected) {
    const doc = invoiceFor(year);
    assert.equal(doc.taxTotalMinor, tax * RS, `tax in ${year}`);
    assert.equal(doc.grandTotalMinor, total * RS, `total in ${year}`);
  }
  assert.deepEqual(breakup(invoiceFor(2019)), [
    ['CGST @ 2.5%', 3_500, 87.5],
    ['SGST @ 2.5%', 3_500, 87.5],
    ['CGST @ 6%', 12_000, 720],
    ['SGST @ 6%', 12_000, 720],
    ['CGST @ 9%', 1_200, 108],
    ['SGST @ 9%', 1_200, 108],
  ]);
});

test('a discount on a night lowers its value into the 5 % slab; voided nights net to no tax', () => {
  // Night of 13 Nov 2025: ₹8,000 room − ₹1,000 promotional discount = ₹7,000 ≤ 7,500 → 5 % on both
  // lines: 400 − 50 = 350 (= 5 % of 7,000). Night of 14 Nov: ₹9,000 posted and voided → nothing.
  const base = (id: string, type: InvoicePosting['type'], rupees: number, date: string): InvoicePosting => ({
    id,
    type,
    amountMinor: rupees * RS,
    description: id,
    serviceDate: date,
    taxDate: date,
    nightDate: date,
    // Lines the night audit posted for a night: a room discount there is ROOM.
    nightLine: true,
    category: null,
    sac: null,
    outletTaxed: false,
    generatedTax: false,
  });
  const doc = buildInvoice({
    folioId: 'F1',
    currency: 'INR',
    regime: 'IN_GST',
    issueDate: '2025-11-15',
    supplier: { name: 'Hotel', address: 'Goa', gstin: '30AAAAA0000A1Z5', stateCode: '30' },
    billTo: { name: 'Guest', address: null, gstin: null, stateCode: null },
    placeOfSupply: '30',
    specifiedPremises: false,
    stayArrival: '2025-11-13',
    postings: [
      base('room-13', 'ROOM', 8_000, '2025-11-13'),
      base('promo-13', 'DISCOUNT', -1_000, '2025-11-13'),
      base('room-14', 'ROOM', 9_000, '2025-11-14'),
      base('void-14', 'ROOM', -9_000, '2025-11-14'),
    ],
  });
  assert.equal(doc.subtotalMinor, 7_000 * RS);
  assert.equal(doc.taxTotalMinor, 350 * RS);
  assert.deepEqual(
    doc.sections.map((s) => [s.section, s.totalMinor / RS]),
    [
      ['ROOM', 8_000],
      ['DISCOUNTS', -1_000],
    ],
  );
});

test('charges that came from an outlet keep the tax the outlet charged; it is not recomputed', () => {
  const posted = (id: string, type: InvoicePosting['type'], rupees: number): InvoicePosting => ({
    id,
    type,
    amountMinor: rupees * RS,
    description: id,
    serviceDate: '2025-11-14',
    taxDate: '2025-11-14',
    nightDate: '2025-11-14',
    category: null,
    sac: null,
    outletTaxed: true,
    generatedTax: false,
  });
  const doc = buildInvoice({
    folioId: 'F1',
    currency: 'INR',
    regime: 'IN_GST',
    issueDate: '2025-11-15',
    supplier: { name: 'Hotel', address: 'Goa', gstin: '30AAAAA0000A1Z5', stateCode: '30' },
    billTo: { name: 'Guest', address: null, gstin: null, stateCode: null },
    placeOfSupply: '30',
    specifiedPremises: false,
    stayArrival: null,
    postings: [posted('bar', 'POS', 1_000), posted('bar-tax', 'TAX', 50), posted('bar-tip', 'POS', 100)],
  });
  assert.deepEqual(
    doc.taxBreakup.map((r) => [r.code, r.amountMinor]),
    [['POSTED_TAX', 5_000]],
  );
  assert.equal(doc.grandTotalMinor, 1_150 * RS);
});
