import type { TaxRegime } from '../tax/tax-types.js';

export type InvoiceKind = 'INVOICE' | 'CREDIT_NOTE';

/** Who issues invoices and how: one row (id 1), editable; each invoice keeps its own snapshot. */
export interface InvoiceSettingsTable {
  id: number;
  legal_name: string;
  address: string;
  /** India: 15-character GSTIN; its first two digits are the supplier's state code. */
  gstin: string | null;
  state_code: string | null;
  regime: TaxRegime;
  /** India: "specified premises" for the current FY (restaurant at 18 % with ITC). 0/1. */
  specified_premises: number;
  invoice_prefix: string;
  credit_note_prefix: string;
  updated_at: string;
  updated_by: string;
}

/** A finalized invoice or credit note. Triggers refuse UPDATE and DELETE once status is finalized. */
export interface InvoiceTable {
  id: string;
  kind: InvoiceKind;
  number: string;
  series: string;
  fiscal_year: string;
  seq: number;
  folio_id: string;
  /** Credit notes: the invoice they cancel (unique: one credit note per invoice). */
  credits_invoice_id: string | null;
  issue_date: string;
  currency: string;
  subtotal_minor: number;
  tax_minor: number;
  total_minor: number;
  paid_minor: number;
  balance_minor: number;
  /** The whole document as issued (JSON): what is printed is what was finalized. */
  document: string;
  status: 'finalized';
  reason: string | null;
  finalized_at: string;
  finalized_by: string;
}

export type InvoiceLineKind = 'CHARGE' | 'TAX' | 'PAYMENT';

/** The postings an invoice covers, one row each, so a posting is on at most one live invoice. */
export interface InvoiceLineTable {
  invoice_id: string;
  line_no: number;
  kind: InvoiceLineKind;
  posting_id: string | null;
  description: string;
  sac: string | null;
  service_date: string | null;
  amount_minor: number;
  tax_code: string | null;
  rate: string | null;
}

/** Next number per series and financial year; bumped inside the finalizing transaction. */
export interface InvoiceCounterTable {
  series: string;
  fiscal_year: string;
  last_seq: number;
}
