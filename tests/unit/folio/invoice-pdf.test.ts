// The invoice PDF (folio/src/invoices/invoice-pdf.ts) read back as a PDF reader does (poppler's pdfinfo
// and pdftotext): A4, a 230-line invoice breaks across pages with the table header repeated on each, the
// last page carries the totals and signature, Devanagari and ₹ come out as text, and a reprint is identical.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildInvoice, type InvoicePosting, invoicePdf } from '@roompost/folio';

const LINES = 230;
const postings: InvoicePosting[] = Array.from({ length: LINES }, (_, i) => ({
  id: `p${i}`,
  type: 'POS',
  amountMinor: 10_000,
  description: `Chai ${i + 1}`,
  serviceDate: '2026-11-22',
  taxDate: '2026-11-22',
  nightDate: '2026-11-22',
  category: 'FOOD_BEVERAGE',
  sac: null,
  outletTaxed: false,
  generatedTax: false,
}));
const doc = {
  ...buildInvoice({
    folioId: 'f1',
    currency: 'INR',
    regime: 'IN_GST',
    issueDate: '2026-11-23',
    supplier: {
      name: 'Amber Haveli Hospitality Pvt Ltd',
      address: 'Amer Road',
      gstin: '08AAKCA4521M1ZH',
      stateCode: '08',
    },
    billTo: { name: 'राजेश कुमार', address: 'जयपुर', gstin: null, stateCode: null },
    placeOfSupply: '08',
    specifiedPremises: false,
    stayArrival: '2026-11-22',
    postings,
  }),
  status: 'FINALIZED' as const,
  number: 'AH/26-27/00009',
};
const meta = { finalizedAt: '2026-11-23T06:00:00.000Z', finalizedBy: 'fd-priya', creditedBy: null };

test('a 230-line invoice PDF pages with repeated headers, and reprints byte for byte', async (t) => {
  const pdf = await invoicePdf(doc, meta);
  assert.ok(pdf.equals(await invoicePdf(doc, meta)), 'identical on reprint');
  const dir = mkdtempSync(join(tmpdir(), 'roompost-pdf-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'invoice.pdf');
  writeFileSync(file, pdf);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  assert.ok(pages >= 4, `230 lines take several pages (got ${pages})`);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const perPage = text.split('\f').filter((p) => p.trim() !== '');
  assert.equal(perPage.length, pages);
  for (const [i, page] of perPage.entries()) {
    assert.ok(page.includes('TAXABLE VALUE'), `page ${i + 1} repeats the table header`);
    if (i > 0) assert.ok(page.includes(`(continued) - page ${i + 1}`), `page ${i + 1} names the invoice`);
  }
  for (let i = 1; i <= LINES; i++)
    assert.ok(text.includes(`Chai ${i}\n`) || text.includes(`Chai ${i} `), `line ${i}`);
  // 230 × ₹100 = ₹23,000; F&B at 5 %: CGST 2.5 % ₹2.50 per line, ₹575 + ₹575; total ₹24,150.
  const last = perPage[perPage.length - 1]!;
  for (const expected of ['₹23,000.00', '₹1,150.00', '₹24,150.00', 'Authorised Signatory']) {
    assert.ok(last.includes(expected), `the last page shows ${expected}`);
  }
  assert.ok(text.includes('राजेश कुमार'), 'Devanagari is embedded and extractable');
});
