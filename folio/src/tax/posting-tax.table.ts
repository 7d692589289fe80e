import type { ChargeCategory } from './tax-types.js';

/**
 * Columns the 000300 migration adds to postings, both nullable: what the invoice taxes a line as. Part of
 * FolioDatabase['postings'], so a writer that leaves them out leaves them null (the type's default).
 */
export interface PostingTaxColumns {
  /** null: derived from the posting type (ROOM, SURCHARGE, DISCOUNT, ADJUSTMENT → ROOM; POS → F&B). */
  category: ChargeCategory | null;
  /** SAC/HSN code when the category's default (tax/gst-periods.ts) does not fit or there is none. */
  sac: string | null;
  /**
   * The value of one unit for one day that picks this line's slab when it is not the sum of its night
   * (an early-departure fee: the released nights' value, CBIC Circular 178/10/2022). null: its night's sum.
   */
  slab_value_minor: number | null;
}
