/** Seed 003 §5: the posting types a folio holds. */
export const POSTING_TYPES = [
  'ROOM',
  'POS',
  'SURCHARGE',
  'DISCOUNT',
  'TAX',
  'DEPOSIT',
  'PAYMENT',
  'REFUND',
  'ADJUSTMENT',
] as const;

export type PostingType = (typeof POSTING_TYPES)[number];
