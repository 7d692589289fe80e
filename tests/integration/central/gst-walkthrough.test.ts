// Issue #3's "done when", on the Indian demo property (`ROOMPOST_DEMO=in npm start`): exactly the calls of
// docs/walkthrough-gst-invoice.md — book, deposit, check in, room night + restaurant, split, early
// checkout, two payment methods, finalized GST invoices — and the figures the doc computes by hand.
//
// Hand computation (paise; every tax is base × rate, rounded half-up per line and per component):
//   Maharaja Suite (401), BAR ₹45,000/night, booked T → T+3 = 3 nights = ₹1,35,000.00
//   DEP25: 25 % of ₹1,35,000.00 = ₹33,750.00 held by UPI, captured, credited at check-in
//   Window 1 (billed to Deccan Textiles, GSTIN 27AADCD7788K1ZY; place of supply 08 Rajasthan → CGST+SGST):
//     room, night of T            45,000.00   > ₹7,500 → 18 %: CGST 9 % 4,050.00 + SGST 9 % 4,050.00
//     business dinner (F&B)        4,567.50   specified premises → 18 %: 9 % = 411.075 → 411.08, twice
//     early departure             45,000.00   night audit rolls to T+1; T+1, T+2 released, rule NIGHTS 1:
//                                              a ₹45,000 "night" of T+1 → 18 %: 4,050.00 + 4,050.00
//     family dinner 1,850.00 and its transfer-out −1,850.00 to window 2 (the split): net 0
//     subtotal                    94,567.50
//     CGST 9 %  8,511.08 (4,050.00 + 411.08 + 4,050.00), SGST 9 % 8,511.08 → tax 17,022.16
//       (18 % of the dinner would be 822.15; two halves rounded on their own make 822.16)
//     grand total               1,11,589.66   "One Lakh Eleven Thousand Five Hundred and Eighty Nine Rupees
//                                              and Sixty Six Paise Only"
//     deposit                   − 33,750.00   balance due 77,839.66 = UPI 50,000.00 + card 27,839.66
//   Window 2 (the guest's family dinner, split off; billed to the guest, no GSTIN):
//     dinner 1,850.00 + CGST 9 % 166.50 + SGST 9 % 166.50 = 2,183.00 cash
//     "Two Thousand One Hundred and Eighty Three Rupees Only"
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { IN_DEMO_COMPANY, seedIndianDemoHotel } from '@roompost/central';
import { centralAs, signInAs } from '../../support/central-api.js';
import { startTestCentral } from '../../support/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

// A date in the GST period from 22 Sep 2025 (≤ ₹7,500 5 % without ITC, above 18 %); FY 2026-27.
const T = '2026-11-22';
const day = (n: number) => new Date(Date.parse(`${T}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

test('the Indian demo books, checks out early and finalizes GST invoices whose figures add up by hand', async (t) => {
  const central = await startTestCentral(t);
  await seedIndianDemoHotel(central.folio, T);
  const fd = centralAs(central.httpUrl, 'fd-priya', 'front_desk');
  const ok = async (res: Promise<{ status: number; body: unknown }>, status = 200): Promise<Json> => {
    const { status: got, body } = await res;
    assert.equal(got, status, JSON.stringify(body));
    return body as Json;
  };

  // 0. The property and its tax identity.
  const property = await ok(fd.get('/api/folio/property'));
  assert.deepEqual(
    [
      property.name,
      property.currency,
      property.timeZone,
      property.businessDate,
      property.gstin,
      property.stateCode,
      property.regime,
      property.specifiedPremises,
    ],
    ['Amber Haveli Jaipur', 'INR', 'Asia/Kolkata', T, '08AAKCA4521M1ZH', '08', 'IN_GST', true],
  );

  // The slabs the demo's room types straddle: ₹7,500.00 a night is 5 % (no ITC), ₹7,500.01 is 18 %.
  for (const [amount, lines, taxMinor] of [
    ['7500.00', ['CGST 0.025 18750 false', 'SGST 0.025 18750 false'], 37_500],
    ['7500.01', ['CGST 0.09 67500 true', 'SGST 0.09 67500 true'], 135_000],
  ] as const) {
    const preview = await ok(
      fd.post('/api/folio/taxes/preview', { serviceDate: T, category: 'ROOM', amount }),
    );
    assert.deepEqual(
      preview.lines.map((x: Json) => `${x.code} ${x.rate} ${x.amountMinor} ${x.itcAllowed}`),
      lines,
    );
    assert.equal(preview.taxMinor, taxMinor);
  }

  // 1. Book the Maharaja Suite for three nights: 3 × 45,000.00.
  const guest = await ok(
    fd.post('/api/folio/guests', { title: 'Mr.', firstName: 'Vikram', lastName: 'Desai' }),
    201,
  );
  const booked = await ok(
    fd.post('/api/folio/reservations', {
      guestId: guest.id,
      roomNumber: '401',
      ratePlanCode: 'BAR',
      arrival: T,
      departure: day(3),
      adults: 2,
      depositPolicyCode: 'DEP25',
    }),
    201,
  );
  const R = booked.id as string;
  await ok(fd.post(`/api/folio/reservations/${R}/transitions`, { to: 'PendingDeposit' }));

  // 2. Deposit: 25 % of 1,35,000.00 = 33,750.00, held (→ Confirmed) and captured.
  const held = await ok(
    fd.post(`/api/folio/reservations/${R}/deposits`, { method: 'UPI', reference: 'UPI-418822' }),
    201,
  );
  assert.deepEqual([held.amountMinor, held.state], [3_375_000, 'HELD']);
  assert.equal((await ok(fd.post(`/api/folio/deposits/${held.id}/capture`, {}))).state, 'CAPTURED');

  // 3. Check in: window 1 opens with the deposit credit.
  const inHouse = await ok(fd.post(`/api/folio/reservations/${R}/check-in`, {}));
  const F = inHouse.folios[0].id as string;
  assert.equal(inHouse.folios[0].balanceMinor, -3_375_000);

  // 4. Tonight's room with its GST (posted with the night, issue #4 item 2: 45,000.00 > 7,500.00 → 18 %,
  //    CGST 9 % 4,050.00 + SGST 9 % 4,050.00) and two dinners at Chandni Mahal.
  const night = await ok(fd.post(`/api/folio/reservations/${R}/room-nights`, { from: T, to: day(1) }));
  assert.deepEqual(
    night.postings.map((p: Json) => [p.type, p.amountMinor]),
    [
      ['ROOM', 4_500_000],
      ['TAX', 405_000],
      ['TAX', 405_000],
    ],
  );
  const business = await ok(
    fd.post(`/api/folio/folios/${F}/postings`, {
      type: 'POS',
      unit: '4567.50',
      description: 'Chandni Mahal - business dinner',
      category: 'FOOD_BEVERAGE',
    }),
    201,
  );
  assert.equal(business.posting.amountMinor, 456_750);
  const family = await ok(
    fd.post(`/api/folio/folios/${F}/postings`, {
      type: 'POS',
      unit: '1850.00',
      description: 'Chandni Mahal - family dinner',
      category: 'FOOD_BEVERAGE',
    }),
    201,
  );

  // 5. Split: the family dinner goes to the guest's own window 2.
  const split = await ok(
    fd.post(`/api/folio/folios/${F}/split`, {
      payerLabel: 'Mr. Vikram Desai (personal)',
      postingIds: [family.posting.id],
    }),
    201,
  );
  const W = split.to.id as string;
  assert.equal(split.to.balanceMinor, 185_000);

  // 6. The night passes: night audit (issue #4) closes day 0 and rolls the business date to day 1.
  const manager = centralAs(central.httpUrl, 'mgr-anil', 'manager');
  // The demo has two rate plans (BAR, CORP): its walk-ins are priced with BAR (central config
  // nightAudit.walkInRatePlan, or named for the run); without one the audit refuses, naming them.
  // The status's pre-check names them before the run, and names none once BAR is picked.
  const precheck = await ok(manager.get('/api/night-audit'));
  assert.ok(precheck.unpricedStays.length > 0);
  assert.ok(precheck.unpricedStays.every((u: Json) => u.reason === 'NO_RATE_PLAN'));
  assert.deepEqual(precheck.walkInRatePlanCode, null);
  assert.deepEqual(precheck.ratePlans.map((p: Json) => p.code).sort(), ['BAR', 'CORP']);
  assert.deepEqual((await ok(manager.get('/api/night-audit?walkInRatePlanCode=BAR'))).unpricedStays, []);
  const refused = await manager.post('/api/night-audit', { businessDate: T });
  // The run refuses exactly the stays the pre-check named.
  assert.deepEqual(
    (refused.body as Json).context.stays.map((u: Json) => u.stayRef),
    precheck.unpricedStays.map((u: Json) => u.stayRef),
  );
  assert.deepEqual([refused.status, (refused.body as Json).code], [409, 'AUDIT_UNPRICED_STAYS']);
  const audit = await ok(
    manager.post('/api/night-audit', { businessDate: T, walkInRatePlanCode: 'BAR' }),
    201,
  );
  assert.deepEqual([audit.businessDate, audit.nextBusinessDate], [T, day(1)]);
  assert.equal((await ok(fd.get('/api/folio/property'))).businessDate, day(1));

  // 7. Early checkout: nights T+1 and T+2 released, one night's fee.
  const prepared = await ok(fd.post(`/api/folio/reservations/${R}/checkout/prepare`, { mode: 'early' }));
  assert.deepEqual(prepared.removedNights, [day(1), day(2)]);
  assert.deepEqual([prepared.fee.type, prepared.fee.amountMinor], ['SURCHARGE', 4_500_000]);
  // 45,000.00 + its GST 8,100.00 + 4,567.50 + 45,000.00 − 33,750.00 (the balance before invoicing now
  // includes the night's tax, posted with it; it was 60,817.50)
  assert.equal((await ok(fd.get(`/api/folio/folios/${F}`))).balanceMinor, 6_891_750);

  // 8. The B2B GST invoice of window 1, to the company's GSTIN.
  const invoice = await ok(fd.post(`/api/folio/folios/${F}/invoices`, { billTo: IN_DEMO_COMPANY }), 201);
  assert.equal(invoice.number, 'AH/26-27/00001');
  const doc = invoice.document as Json;
  assert.deepEqual(
    [doc.currency, doc.regime, doc.placeOfSupply, doc.supplier.gstin, doc.billTo.gstin],
    ['INR', 'IN_GST', '08', '08AAKCA4521M1ZH', '27AADCD7788K1ZY'],
  );
  assert.deepEqual(
    doc.lines.map((l: Json) => [
      l.section,
      l.sac,
      l.amountMinor,
      l.taxes.map((x: Json) => `${x.code} ${x.rate} ${x.amountMinor}`),
    ]),
    [
      ['ROOM', '996311', 4_500_000, ['CGST 0.09 405000', 'SGST 0.09 405000']],
      ['FOOD_BEVERAGE', '996332', 456_750, ['CGST 0.09 41108', 'SGST 0.09 41108']],
      // The split: the family dinner and its transfer-out to window 2 net to nothing here.
      ['FOOD_BEVERAGE', '996332', 185_000, ['CGST 0.09 16650', 'SGST 0.09 16650']],
      ['FOOD_BEVERAGE', '996332', -185_000, ['CGST 0.09 -16650', 'SGST 0.09 -16650']],
      ['SURCHARGES', '996311', 4_500_000, ['CGST 0.09 405000', 'SGST 0.09 405000']],
    ],
  );
  assert.deepEqual(
    doc.taxBreakup.map((r: Json) => [r.code, r.rate, r.taxableMinor, r.amountMinor]),
    [
      ['CGST', '0.09', 9_456_750, 851_108],
      ['SGST', '0.09', 9_456_750, 851_108],
    ],
  );
  assert.deepEqual(
    [doc.subtotalMinor, doc.taxTotalMinor, doc.grandTotalMinor, doc.paymentsTotalMinor, doc.balanceDueMinor],
    [9_456_750, 1_702_216, 11_158_966, 3_375_000, 7_783_966],
  );
  assert.equal(
    doc.amountInWords,
    'One Lakh Eleven Thousand Five Hundred and Eighty Nine Rupees and Sixty Six Paise Only',
  );
  // The invoice posted its tax less the night's already on the folio: the folio owes what the invoice
  // says is due (the document's figures are the same as before).
  assert.equal((await ok(fd.get(`/api/folio/folios/${F}`))).balanceMinor, 7_783_966);

  // 9. The B2C invoice of window 2, to the guest.
  const personal = await ok(fd.post(`/api/folio/folios/${W}/invoices`, {}), 201);
  assert.equal(personal.number, 'AH/26-27/00002');
  assert.deepEqual(
    [
      personal.document.billTo.name,
      personal.document.billTo.gstin,
      personal.document.taxTotalMinor,
      personal.document.grandTotalMinor,
      personal.document.amountInWords,
    ],
    ['Mr. Vikram Desai', null, 33_300, 218_300, 'Two Thousand One Hundred and Eighty Three Rupees Only'],
  );

  // 10. Checkout: window 1 by UPI and card, window 2 in cash; every window ends at zero.
  const out = await ok(
    fd.post(`/api/folio/reservations/${R}/checkout`, {
      mode: 'early',
      payments: [
        { method: 'UPI', amount: '50000.00', reference: 'UPI-419031' },
        { method: 'CARD', amount: '27839.66', reference: 'AUTH-7731' },
        { folioId: W, method: 'CASH', amount: '2183.00' },
      ],
    }),
  );
  assert.ok(out);
  const closed = await ok(fd.get(`/api/folio/reservations/${R}`));
  assert.equal(closed.status, 'CheckedOut');
  for (const id of [F, W]) assert.equal((await ok(fd.get(`/api/folio/folios/${id}`))).balanceMinor, 0);

  // The finalized invoice reads back unchanged, and cannot be finalized twice.
  const stored = await ok(fd.get(`/api/folio/invoices/${encodeURIComponent('AH/26-27/00001')}`));
  assert.equal(stored.document.grandTotalMinor, 11_158_966);
  assert.equal(stored.finalizedBy, 'fd-priya');

  // The printable page shows what issue #3 §7 lists, in Indian grouping.
  const page = await fd.get(`/api/folio/invoices/${encodeURIComponent('AH/26-27/00001')}.html`);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  for (const expected of [
    'Tax Invoice',
    'AH/26-27/00001',
    'GSTIN <b>08AAKCA4521M1ZH</b>',
    'GSTIN <b>27AADCD7788K1ZY</b>',
    'Rajasthan (08)',
    '996311',
    '996332',
    'CGST 9%: ₹411.08',
    'CGST @ 9%',
    '₹94,567.50',
    '₹17,022.16',
    '₹1,11,589.66',
    '₹33,750.00',
    '₹77,839.66',
    'One Lakh Eleven Thousand Five Hundred and Eighty Nine Rupees and Sixty Six Paise Only',
    '@page { size: A4',
  ]) {
    assert.ok(page.text.includes(expected), `the invoice page shows ${expected}`);
  }

  // The PDF of the same invoice: the same figures, as text a PDF reader extracts (poppler's pdftotext),
  // A4, and byte-identical on reprint.
  const token = await signInAs(central.httpUrl, 'fd-priya', 'front_desk');
  const getPdf = async () => {
    const res = await fetch(
      `${central.httpUrl}/api/folio/invoices/${encodeURIComponent('AH/26-27/00001')}.pdf`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    return Buffer.from(await res.arrayBuffer());
  };
  const pdf = await getPdf();
  assert.ok((await getPdf()).equals(pdf), 'a reprint is byte-identical');
  const dir = mkdtempSync(join(tmpdir(), 'roompost-pdf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'invoice.pdf'), pdf);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'invoice.pdf'), '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [join(dir, 'invoice.pdf')], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  assert.match(info, /Title:\s+Tax Invoice AH\/26-27\/00001/);
  for (const expected of [
    'Tax Invoice',
    'AH/26-27/00001',
    'GSTIN 08AAKCA4521M1ZH',
    'GSTIN 27AADCD7788K1ZY',
    'Rajasthan (08)',
    '996311',
    '996332',
    'CGST 9%: ₹411.08',
    'CGST @ 9%',
    '₹94,567.50',
    '₹17,022.16',
    '₹1,11,589.66',
    '₹33,750.00',
    '₹77,839.66',
    'Authorised Signatory',
  ]) {
    assert.ok(text.includes(expected), `the PDF shows ${expected}`);
  }
  assert.ok(
    text
      .replace(/\s+/g, ' ')
      .includes('One Lakh Eleven Thousand Five Hundred and Eighty Nine Rupees and Sixty Six Paise Only'),
    'the PDF shows the amount in words',
  );

  const missing = await fd.get(`/api/folio/invoices/${encodeURIComponent('AH/26-27/09999')}.html`);
  assert.deepEqual([missing.status, (missing.body as Json).code], [404, 'NOT_FOUND']);
});

test('PUT /api/folio/property validates every field before writing any', async (t) => {
  const central = await startTestCentral(t);
  await seedIndianDemoHotel(central.folio, T);
  const admin = centralAs(central.httpUrl, 'admin-kiran', 'admin');
  const before = (await admin.get('/api/folio/property')).body as Json;
  const refusals: Array<[Json, string]> = [
    [{ name: 'Amber Haveli Palace', currency: 'USD' }, 'currency'],
    // Night audit owns the business date (POST /api/night-audit); it is read-only here.
    [{ name: 'Amber Haveli Palace', businessDate: day(1) }, 'businessDate'],
    [{ name: 'Amber Haveli Palace', gstin: '08AAKCA4521M1Z' }, 'gstin'],
    [{ name: 'Amber Haveli Palace', gstin: '08AAKCA4521M1ZH', stateCode: '27' }, 'stateCode'],
    [{ name: 'Amber Haveli Palace', regime: 'US_NYC' }, 'currency'],
    [{ name: 'Amber Haveli Palace', timeZone: 'Asia/Jaipur' }, 'timeZone'],
    [{}, 'body'],
  ];
  for (const [body, field] of refusals) {
    const res = await admin.put('/api/folio/property', body);
    assert.deepEqual([res.status, (res.body as Json).code], [400, 'VALIDATION_FAILED'], JSON.stringify(body));
    assert.equal((res.body as Json).field, field, JSON.stringify(res.body));
  }
  const frontDesk = centralAs(central.httpUrl, 'fd-priya', 'front_desk');
  const forbidden = await frontDesk.put('/api/folio/property', { name: 'Amber Haveli Palace' });
  assert.deepEqual([forbidden.status, (forbidden.body as Json).code], [403, 'FORBIDDEN']);
  assert.deepEqual((await admin.get('/api/folio/property')).body, before);

  // What GET answers can be sent back as it is (read-only fields unchanged).
  const roundTrip = await admin.put('/api/folio/property', before);
  assert.equal(roundTrip.status, 200, JSON.stringify(roundTrip.body));
  assert.deepEqual(
    { ...(roundTrip.body as Json), updatedAt: null },
    { ...before, updatedAt: null, updatedBy: 'admin-kiran' },
  );

  // A new GSTIN of another state brings its state code; the name and flag change with it, attributed.
  const changed = await admin.put('/api/folio/property', {
    name: 'Amber Haveli Palace',
    gstin: '09AAACH7409R1ZZ',
    specifiedPremises: false,
  });
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual(
    [
      (changed.body as Json).name,
      (changed.body as Json).stateCode,
      (changed.body as Json).specifiedPremises,
      (changed.body as Json).updatedBy,
    ],
    ['Amber Haveli Palace', '09', false, 'admin-kiran'],
  );
  const settings = (await admin.get('/api/folio/invoice-settings')).body as Json;
  assert.deepEqual([settings.gstin, settings.invoicePrefix], ['09AAACH7409R1ZZ', 'AH']);
});
