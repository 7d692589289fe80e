// A finalized invoice or credit note as one printable HTML page (A4), from its stored document alone:
// supplier and recipient with GSTIN and address, number and date, place of supply, every line with its
// SAC and taxes, section totals, tax breakup per rate, totals, amount in words, payments and balance due
// (seed 004 §8, CGST Rule 46). Pure: no I/O, every text escaped.
import type { CurrencyCode } from '../money/currency.js';
import { formatMinor } from '../money/format.js';
import type { InvoiceDocument, InvoiceSection, Party } from './invoice-document.js';

/** GST state codes (the first two digits of a GSTIN) and their names, for the place of supply. */
const GST_STATES: Readonly<Record<string, string>> = {
  '01': 'Jammu and Kashmir',
  '02': 'Himachal Pradesh',
  '03': 'Punjab',
  '04': 'Chandigarh',
  '05': 'Uttarakhand',
  '06': 'Haryana',
  '07': 'Delhi',
  '08': 'Rajasthan',
  '09': 'Uttar Pradesh',
  '10': 'Bihar',
  '11': 'Sikkim',
  '12': 'Arunachal Pradesh',
  '13': 'Nagaland',
  '14': 'Manipur',
  '15': 'Mizoram',
  '16': 'Tripura',
  '17': 'Meghalaya',
  '18': 'Assam',
  '19': 'West Bengal',
  '20': 'Jharkhand',
  '21': 'Odisha',
  '22': 'Chhattisgarh',
  '23': 'Madhya Pradesh',
  '24': 'Gujarat',
  '26': 'Dadra and Nagar Haveli and Daman and Diu',
  '27': 'Maharashtra',
  '29': 'Karnataka',
  '30': 'Goa',
  '31': 'Lakshadweep',
  '32': 'Kerala',
  '33': 'Tamil Nadu',
  '34': 'Puducherry',
  '35': 'Andaman and Nicobar Islands',
  '36': 'Telangana',
  '37': 'Andhra Pradesh',
  '38': 'Ladakh',
  '97': 'Other Territory',
};

export const SECTION_TITLES: Record<InvoiceSection, string> = {
  ROOM: 'Room',
  FOOD_BEVERAGE: 'Food and beverage',
  OTHER_SERVICES: 'Other services',
  SURCHARGES: 'Surcharges',
  DISCOUNTS: 'Discounts',
  ADJUSTMENTS: 'Adjustments',
  GRATUITIES: 'Gratuities',
};

export interface InvoiceHtmlMeta {
  finalizedAt: string;
  finalizedBy: string;
  /** Invoices: the credit note that cancelled it. */
  creditedBy: string | null;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (text: string | null | undefined) => (text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

export function stateName(code: string | null): string | null {
  return code === null ? null : (GST_STATES[code] ?? null);
}

/** The page a guest or auditor prints; the invoice's own currency, Indian grouping for INR. */
export function invoiceHtml(doc: InvoiceDocument, meta: InvoiceHtmlMeta): string {
  const locale = doc.currency === 'INR' ? 'en-IN' : 'en-US';
  const money = (minor: number) => esc(formatMinor(minor, doc.currency as CurrencyCode, locale));
  const percent = (rate: string | null) => (rate === null ? '' : `${+(Number(rate) * 100).toFixed(4)}%`);
  const gst = doc.regime === 'IN_GST';
  const credit = doc.kind === 'CREDIT_NOTE';
  const title = credit ? 'Credit Note' : gst ? 'Tax Invoice' : 'Invoice';
  const pos = doc.placeOfSupply;

  const party = (label: string, p: Party) => `
    <section class="party"><h2>${label}</h2>
      <p class="name">${esc(p.name)}</p>
      ${p.address ? `<p>${esc(p.address)}</p>` : ''}
      ${p.gstin ? `<p>GSTIN <b>${esc(p.gstin)}</b></p>` : gst ? '<p>Unregistered (no GSTIN)</p>' : ''}
      ${p.stateCode ? `<p>State ${esc(stateName(p.stateCode) ?? '')} (code ${esc(p.stateCode)})</p>` : ''}
    </section>`;

  const lines = doc.lines
    .map((line, i) => {
      const taxes = line.taxes
        .map((t) => `${esc(t.code)} ${esc(percent(t.rate))}: ${money(t.amountMinor)}`)
        .join('<br>');
      const lineTotal = line.amountMinor + line.taxes.reduce((sum, t) => sum + t.amountMinor, 0);
      return `<tr>
        <td>${i + 1}</td><td class="date">${esc(line.serviceDate)}</td>
        <td>${esc(line.description)}<div class="muted">${esc(SECTION_TITLES[line.section])}</div></td>
        <td>${esc(line.sac ?? '')}</td>
        <td class="num">${money(line.amountMinor)}</td>
        <td class="num">${taxes || (line.category === 'TIP' ? 'not taxed' : '')}</td>
        <td class="num">${money(lineTotal)}</td>
      </tr>`;
    })
    .join('');

  const sections = doc.sections
    .map(
      (s) =>
        `<tr><td>${esc(SECTION_TITLES[s.section])}${s.category && s.section === 'SURCHARGES' ? ` (${esc(s.category.toLowerCase().replace('_', ' '))})` : ''}</td><td class="num">${money(s.totalMinor)}</td></tr>`,
    )
    .join('');

  const breakup = doc.taxBreakup
    .map(
      (r) =>
        `<tr><td>${esc(r.label)}</td><td class="num">${money(r.taxableMinor)}</td><td class="num">${money(r.amountMinor)}</td></tr>`,
    )
    .join('');

  const payments = doc.payments
    .map(
      (p) =>
        `<tr><td class="date">${esc(p.date)}</td><td>${esc(p.description)}</td><td class="num">${money(p.amountMinor)}</td></tr>`,
    )
    .join('');

  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${esc(title)} ${esc(doc.number ?? '')}</title>
<style>
  @page { size: A4; margin: 14mm 12mm; }
  * { box-sizing: border-box; }
  body { font: 10pt/1.35 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: #111; margin: 0 auto; max-width: 186mm; }
  header { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #111; padding-bottom: 4mm; }
  h1 { font-size: 16pt; margin: 0; letter-spacing: .04em; text-transform: uppercase; }
  h2 { font-size: 9pt; text-transform: uppercase; color: #555; margin: 0 0 1mm; }
  p { margin: 0; }
  .parties { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; margin: 5mm 0; }
  .party .name { font-weight: 600; }
  table.meta { width: auto; }
  .meta td { padding: 0 0 0 4mm; white-space: nowrap; }
  .date { white-space: nowrap; }
  table { width: 100%; border-collapse: collapse; }
  .lines th, .lines td { border-bottom: 1px solid #ccc; padding: 1.5mm 1mm; vertical-align: top; text-align: left; }
  .lines th { border-bottom: 1.5px solid #111; font-size: 8.5pt; text-transform: uppercase; }
  .num { text-align: right !important; white-space: nowrap; font-variant-numeric: tabular-nums; }
  .muted { color: #666; font-size: 8pt; }
  .totals { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm; margin-top: 5mm; }
  .totals table td { padding: .8mm 1mm; }
  .grand td { border-top: 1.5px solid #111; font-weight: 700; font-size: 11pt; }
  .words { margin-top: 4mm; padding: 2mm 3mm; border: 1px solid #ccc; }
  footer { margin-top: 8mm; font-size: 8pt; color: #555; }
  .signature { margin-top: 10mm; margin-left: auto; width: 70mm; text-align: center; }
  .sign-line { margin-top: 14mm; border-top: 1px solid #111; padding-top: 1mm; }
  tr { page-break-inside: avoid; }
  @media print { body { max-width: none; } a { color: inherit; text-decoration: none; } }
</style>
</head>
<body>
<header>
  <div>
    <h1>${esc(title)}</h1>
    ${credit && doc.creditsInvoiceNumber ? `<p>against invoice <b>${esc(doc.creditsInvoiceNumber)}</b>${doc.reason ? `: ${esc(doc.reason)}` : ''}</p>` : ''}
    ${meta.creditedBy ? `<p><b>Cancelled</b> by credit note ${esc(meta.creditedBy)}</p>` : ''}
  </div>
  <table class="meta">
    <tr><td>No.</td><td><b>${esc(doc.number ?? 'DRAFT')}</b></td></tr>
    <tr><td>Date</td><td>${esc(doc.issueDate)}</td></tr>
    ${pos ? `<tr><td>Place of supply</td><td>${esc(stateName(pos) ?? '')} (${esc(pos)})</td></tr>` : ''}
    <tr><td>Currency</td><td>${esc(doc.currency)}</td></tr>
  </table>
</header>
<div class="parties">
  ${party('Supplier', doc.supplier)}
  ${party(credit ? 'Credited to' : 'Billed to', doc.billTo)}
</div>
<table class="lines">
  <thead><tr><th>#</th><th>Date</th><th>Description</th><th>SAC</th><th class="num">Taxable value</th><th class="num">Tax</th><th class="num">Amount</th></tr></thead>
  <tbody>${lines}</tbody>
</table>
<div class="totals">
  <div>
    <h2>By category</h2>
    <table>${sections}</table>
    <h2 style="margin-top:4mm">Tax breakup</h2>
    <table><tr class="muted"><td>Tax</td><td class="num">Taxable</td><td class="num">Tax</td></tr>${breakup}</table>
  </div>
  <div>
    <table>
      <tr><td>Subtotal before tax</td><td class="num">${money(doc.subtotalMinor)}</td></tr>
      <tr><td>Tax</td><td class="num">${money(doc.taxTotalMinor)}</td></tr>
      <tr class="grand"><td>Total</td><td class="num">${money(doc.grandTotalMinor)}</td></tr>
    </table>
    ${
      payments
        ? `<h2 style="margin-top:4mm">Deposits and payments</h2><table>${payments}
      <tr><td></td><td>Received</td><td class="num">${money(doc.paymentsTotalMinor)}</td></tr></table>`
        : ''
    }
    <table style="margin-top:2mm"><tr class="grand"><td>Balance due</td><td class="num">${money(doc.balanceDueMinor)}</td></tr></table>
  </div>
</div>
<p class="words"><b>Amount in words:</b> ${esc(doc.amountInWords)}</p>
<div class="signature">
  <p>For <b>${esc(doc.supplier.name)}</b></p>
  <p class="sign-line">Authorised Signatory</p>
</div>
<footer>
  ${gst ? '<p>Tax on each line is computed per line and per component and rounded half-up to the paisa. Tax is not payable on reverse charge.</p>' : ''}
  <p>Finalized ${esc(meta.finalizedAt)} by ${esc(meta.finalizedBy)}. This document is immutable; corrections are made by credit note.</p>
</footer>
</body>
</html>
`;
}
