// What an invoice stores besides its JSON document: one row per posting it covers, and the credit note
// that mirrors an invoice with every amount negated.
import type { Insertable } from 'kysely';
import { asMinorUnits, type MinorUnits } from '../money/index.js';
import { amountInWords } from './amount-in-words.js';
import type { InvoiceLineTable } from './invoice.table.js';
import type { InvoiceDocument } from './invoice-document.js';

interface WrittenTax {
  id: string;
  amount_minor: number;
  description: string;
}

/** Charge, tax and payment rows; a posting on a live invoice's row is not invoiced again. */
export function invoiceLineRows(
  invoiceId: string,
  document: InvoiceDocument,
  writtenTaxes: WrittenTax[],
): Insertable<InvoiceLineTable>[] {
  const rows: Omit<Insertable<InvoiceLineTable>, 'invoice_id' | 'line_no'>[] = [
    ...document.lines.map((line) => ({
      kind: 'CHARGE' as const,
      posting_id: line.postingId,
      description: line.description,
      sac: line.sac,
      service_date: line.serviceDate,
      amount_minor: line.amountMinor,
    })),
    ...document.postedTaxes.map((tax) => ({
      kind: 'TAX' as const,
      posting_id: tax.postingId,
      description: tax.description,
      amount_minor: tax.amountMinor,
    })),
    ...writtenTaxes.map((tax) => ({
      kind: 'TAX' as const,
      posting_id: tax.id,
      description: tax.description,
      amount_minor: tax.amount_minor,
    })),
    ...document.payments.map((payment) => ({
      kind: 'PAYMENT' as const,
      posting_id: payment.postingId,
      description: payment.description,
      service_date: payment.date,
      amount_minor: payment.amountMinor,
    })),
  ];
  return rows.map((row, index) => ({ ...row, invoice_id: invoiceId, line_no: index + 1 }));
}

const neg = (value: number): MinorUnits => asMinorUnits(-value);

/** A full credit note: the invoice's charges and taxes negated, no payments (money is refunded apart). */
export function creditNoteOf(
  invoice: InvoiceDocument,
  note: { number: string; issueDate: string; reason: string },
): InvoiceDocument {
  const grandTotalMinor = neg(invoice.grandTotalMinor);
  return {
    ...invoice,
    kind: 'CREDIT_NOTE',
    status: 'FINALIZED',
    number: note.number,
    issueDate: note.issueDate,
    lines: invoice.lines.map((line) => ({
      ...line,
      amountMinor: neg(line.amountMinor),
      taxes: line.taxes.map((tax) => ({
        ...tax,
        baseMinor: neg(tax.baseMinor),
        amountMinor: neg(tax.amountMinor),
      })),
    })),
    sections: invoice.sections.map((s) => ({ ...s, totalMinor: neg(s.totalMinor) })),
    subtotalMinor: neg(invoice.subtotalMinor),
    postedTaxes: invoice.postedTaxes.map((t) => ({ ...t, amountMinor: neg(t.amountMinor) })),
    taxBreakup: invoice.taxBreakup.map((r) => ({
      ...r,
      taxableMinor: neg(r.taxableMinor),
      amountMinor: neg(r.amountMinor),
    })),
    taxTotalMinor: neg(invoice.taxTotalMinor),
    grandTotalMinor,
    payments: [],
    paymentsTotalMinor: asMinorUnits(0),
    balanceDueMinor: grandTotalMinor,
    amountInWords: amountInWords(Math.abs(grandTotalMinor), invoice.currency),
    creditsInvoiceNumber: invoice.number,
    reason: note.reason,
  };
}
