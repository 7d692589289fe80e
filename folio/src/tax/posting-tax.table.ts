import type { ChargeCategory } from './tax-types.js';

/**
 * Columns the 000300 migration adds to postings, both nullable: what the invoice taxes a line as. Kept out
 * of FolioDatabase['postings'] so writers that predate them need not name them; invoices read them by name.
 */
export interface PostingTaxColumns {
  /** null: derived from the posting type (ROOM, SURCHARGE, DISCOUNT, ADJUSTMENT → ROOM; POS → F&B). */
  category: ChargeCategory | null;
  /** SAC/HSN code when the category's default (tax/gst-periods.ts) does not fit or there is none. */
  sac: string | null;
}
