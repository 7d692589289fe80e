import type { PostingType } from './posting-type.js';

/** One immutable ledger line. Triggers refuse UPDATE and DELETE; corrections are new postings. */
export interface PostingTable {
  id: string;
  folio_id: string;
  type: PostingType;
  /** Signed: charges positive, credits (payments, discounts, deposits applied) negative. */
  amount_minor: number;
  currency: string;
  description: string;
  business_date: string;
  service_date: string;
  created_at: string;
  posted_by: string;
  outlet_code: string | null;
  check_number: string | null;
  /** The external reference that produced this line (a room charge's charge id), with line_no unique. */
  charge_ref: string | null;
  line_no: number;
}
