// The printable invoice page (folio/src/invoices/invoice-html.ts): rendered from the stored document
// alone, every text escaped, the title and number format following the regime and currency.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildInvoice, type InvoicePosting, invoiceHtml } from '@roompost/folio';

const META = { finalizedAt: '2026-11-23T06:00:00.000Z', finalizedBy: 'fd-priya', creditedBy: null };

function posting(
  id: string,
  type: InvoicePosting['type'],
  amountMinor: number,
  description: string,
): InvoicePosting {
  return {
    id,
    type,
    amountMinor,
    description,
    serviceDate: '2026-11-22',
    taxDate: '2026-11-22',
    nightDate: '2026-11-22',
    category: null,
    sac: null,
    outletTaxed: false,
    generatedTax: false,
  };
}

const party = (name: string, gstin: string | null, stateCode: string | null) => ({
  name,
  address: 'Somewhere <b>bold</b>',
  gstin,
  stateCode,
});

test('a GST invoice page is a Tax Invoice in Indian grouping with the place of supply by name', () => {
  const doc = {
    ...buildInvoice({
      folioId: 'f1',
      currency: 'INR',
      regime: 'IN_GST',
      issueDate: '2026-11-23',
      supplier: party('Amber Haveli Hospitality Pvt Ltd', '08AAKCA4521M1ZH', '08'),
      billTo: party('<script>alert(1)</script> & Co', null, null),
      placeOfSupply: '08',
      specifiedPremises: true,
      stayArrival: '2026-11-22',
      postings: [posting('n1', 'ROOM', 750_000, 'Night'), posting('d1', 'DEPOSIT', -100_000, 'Advance')],
    }),
    status: 'FINALIZED' as const,
    number: 'AH/26-27/00007',
  };
  const html = invoiceHtml(doc, META);
  // ₹7,500 is the top of the 5 % slab: CGST 2.5 % = 187.50, twice; total 7,875.00.
  for (const expected of [
    'Tax Invoice',
    'AH/26-27/00007',
    'Rajasthan (08)',
    'Unregistered (no GSTIN)',
    'CGST 2.5%: ₹187.50',
    '₹7,875.00',
    '₹6,875.00',
    'Seven Thousand Eight Hundred and Seventy Five Rupees Only',
    // Rule 46: signature of the supplier or its authorised representative.
    'For <b>Amber Haveli Hospitality Pvt Ltd</b>',
    'Authorised Signatory',
  ]) {
    assert.ok(html.includes(expected), expected);
  }
  assert.ok(!html.includes('<script>alert'), 'recipient name escaped');
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co'));
  assert.ok(!html.includes('<b>bold</b>'), 'address escaped');
});

test('a US invoice is an Invoice in dollars; a credit note names the invoice it cancels', () => {
  const invoice = {
    ...buildInvoice({
      folioId: 'f2',
      currency: 'USD',
      regime: 'US_NYC',
      issueDate: '2026-11-23',
      supplier: party('Harbour View Hotel LLC', null, null),
      billTo: party('Mr. James Wilson', null, null),
      placeOfSupply: null,
      specifiedPremises: false,
      stayArrival: '2026-11-22',
      postings: [posting('n1', 'ROOM', 25_000, 'Night')],
    }),
    status: 'FINALIZED' as const,
    number: 'HV/2026/00001',
  };
  const html = invoiceHtml(invoice, { ...META, creditedBy: 'HVCN/2026/00001' });
  assert.ok(html.includes('<h1>Invoice</h1>'));
  // docs/taxes-and-invoices.md: a $250 night pays 22.19 + 14.69 + 2.00 + 1.50 = $40.38.
  assert.ok(html.includes('$290.38'), 'total in dollars');
  assert.ok(html.includes('Cancelled</b> by credit note HVCN/2026/00001'));
  assert.ok(!html.includes('Place of supply'));

  const note = {
    ...invoice,
    kind: 'CREDIT_NOTE' as const,
    number: 'HVCN/2026/00001',
    grandTotalMinor: -invoice.grandTotalMinor as typeof invoice.grandTotalMinor,
    creditsInvoiceNumber: 'HV/2026/00001',
    reason: 'wrong guest',
  };
  const noteHtml = invoiceHtml(note, META);
  assert.ok(noteHtml.includes('<h1>Credit Note</h1>'));
  assert.ok(noteHtml.includes('against invoice <b>HV/2026/00001</b>: wrong guest'));
  assert.ok(noteHtml.includes('-$290.38'));
});
