/**
 * The idempotency record of a room charge: one row per charge id, written in the same transaction as
 * its postings. A replay reads it back instead of posting again. Immutable, like postings.
 */
export interface ChargeReceiptTable {
  charge_id: string;
  stay_id: string;
  folio_id: string;
  /** sha256 of the charge's identifying content; a replay with another hash is a conflict. */
  content_hash: string;
  total_minor: number;
  currency: string;
  transaction_id: string;
  /** Stay balance right after this charge, so a replay answers exactly what the first call did. */
  balance_minor: number;
  posted_at: string;
  credit_override_by: string | null;
  credit_override_reason: string | null;
  /**
   * Who sent the charge: `roompost` for an outlet's charge posted by central (reconciled against
   * central's ledger); null for anything else, such as the demo's seeded history.
   */
  origin: string | null;
}

/**
 * The tax an outlet charge arrived with, per category and rate (Rule 46: rate, taxable value and SAC on
 * the invoice). The charge's TAX posting is their sum; the invoice splits each into CGST+SGST or IGST.
 */
export interface OutletTaxLineTable {
  charge_id: string;
  group_no: number;
  category: string;
  sac: string | null;
  /** Decimal fraction ("0.05"); null when the outlet sent none and none could be derived. */
  rate: string | null;
  taxable_minor: number;
  tax_minor: number;
  /** `VAT` for a group outside GST (alcohol); `GST` or null (stored before it was kept) for GST. */
  tax_code: string | null;
}
