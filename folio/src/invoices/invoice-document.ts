// An invoice as data: what preview returns, what finalize stores (as JSON) and what a printer renders.

import type { PostingType } from '../folios/posting-type.js';
import type { MinorUnits } from '../money/index.js';
import type { ChargeCategory, TaxLine, TaxRegime } from '../tax/tax-types.js';

export interface Party {
  name: string;
  address: string | null;
  /** India: the recipient's GSTIN when registered. */
  gstin: string | null;
  /** India: two-digit state code. */
  stateCode: string | null;
}

/** Sections in print order (seed 003 §7, seed 004 §8). */
export const INVOICE_SECTIONS = [
  'ROOM',
  'FOOD_BEVERAGE',
  'OTHER_SERVICES',
  'SURCHARGES',
  'DISCOUNTS',
  'ADJUSTMENTS',
  'GRATUITIES',
] as const;
export type InvoiceSection = (typeof INVOICE_SECTIONS)[number];

export interface InvoiceChargeLine {
  postingId: string;
  section: InvoiceSection;
  category: ChargeCategory;
  type: PostingType;
  description: string;
  serviceDate: string;
  sac: string | null;
  amountMinor: MinorUnits;
  /** Taxes the invoice computed for this line; empty when the outlet already charged them. */
  taxes: TaxLine[];
}

export interface InvoiceSectionTotal {
  section: InvoiceSection;
  /** SURCHARGES only: the category surcharged (ROOM, SPA…); null otherwise. */
  category: ChargeCategory | null;
  totalMinor: MinorUnits;
}

/** One row of the tax breakup: every line's tax of one code and rate, added up. */
export interface TaxBreakupRow {
  code: string;
  label: string;
  rate: string | null;
  taxableMinor: MinorUnits;
  amountMinor: MinorUnits;
}

export interface InvoicePaymentLine {
  postingId: string;
  type: PostingType;
  description: string;
  date: string;
  /** Received: positive; a refund paid out: negative. */
  amountMinor: MinorUnits;
}

/** A TAX posting already on the folio (an outlet's tax, or one posted by hand), carried as it is. */
export interface InvoicePostedTax {
  postingId: string;
  description: string;
  amountMinor: MinorUnits;
}

export interface InvoiceDocument {
  kind: 'INVOICE' | 'CREDIT_NOTE';
  status: 'DRAFT' | 'FINALIZED';
  /** null while a draft. */
  number: string | null;
  issueDate: string;
  folioId: string;
  currency: string;
  regime: TaxRegime;
  supplier: Party;
  billTo: Party;
  /** India: state code of the place of supply (lodging: where the property is). */
  placeOfSupply: string | null;
  lines: InvoiceChargeLine[];
  sections: InvoiceSectionTotal[];
  subtotalMinor: MinorUnits;
  postedTaxes: InvoicePostedTax[];
  taxBreakup: TaxBreakupRow[];
  taxTotalMinor: MinorUnits;
  grandTotalMinor: MinorUnits;
  payments: InvoicePaymentLine[];
  paymentsTotalMinor: MinorUnits;
  balanceDueMinor: MinorUnits;
  amountInWords: string;
  /** Credit notes: the invoice they cancel. */
  creditsInvoiceNumber: string | null;
  reason: string | null;
}
