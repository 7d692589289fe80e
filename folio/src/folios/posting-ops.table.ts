// Columns the 000200 migration adds to postings: rule and reference of surcharges and discounts, the
// link of a correction to what it corrects, the night-audit key, and payment details. All nullable.

export type ReferenceKind = 'policy' | 'campaign' | 'manual';
export type LinkKind = 'VOID' | 'ADJUSTMENT' | 'TRANSFER_OUT' | 'TRANSFER_IN';

export interface PostingOpsColumns {
  /** SURCHARGE/DISCOUNT: the rule, e.g. "WEEKEND 10%" or "EARLY_DEPARTURE NIGHTS 1". */
  rule_applied: string | null;
  reference_kind: ReferenceKind | null;
  /** Policy code, campaign or coupon code, or the manual reason's ticket. */
  reference_id: string | null;
  /** VOID/ADJUSTMENT/TRANSFER_OUT point to the corrected posting; TRANSFER_IN to its TRANSFER_OUT. */
  linked_posting_id: string | null;
  link_kind: LinkKind | null;
  /** An adjustment's tax base: the service date of the original, whose tax rates apply. */
  tax_base_date: string | null;
  /** With code, the night-audit replay key (folio, stay date, code). */
  stay_date: string | null;
  code: string | null;
  payment_method: string | null;
  payment_reference: string | null;
}

export interface FolioOpsColumns {
  closed_at: string | null;
  closed_by: string | null;
  /** Checkout closed the window without its invoice, for this reason (e.g. a company invoiced monthly). */
  invoice_later_reason: string | null;
}
