import { asMinorUnits, type MinorUnits } from '../money/index.js';
import type { PostingRow } from './posting.repository.js';
import type { PostingType } from './posting-type.js';

/** A folio line as callers see it. */
export interface Posting {
  id: string;
  folioId: string;
  stayRef: string;
  type: PostingType;
  /** Signed: charges positive, credits negative. */
  amountMinor: MinorUnits;
  currency: string;
  description: string;
  businessDate: string;
  serviceDate: string;
  createdAt: string;
  postedBy: string;
  outletCode: string | null;
  checkNumber: string | null;
  chargeRef: string | null;
  lineNo: number;
}

export function toPosting(row: PostingRow): Posting {
  return {
    id: row.id,
    folioId: row.folio_id,
    stayRef: row.stay_id,
    type: row.type,
    amountMinor: asMinorUnits(row.amount_minor),
    currency: row.currency,
    description: row.description,
    businessDate: row.business_date,
    serviceDate: row.service_date,
    createdAt: row.created_at,
    postedBy: row.posted_by,
    outletCode: row.outlet_code,
    checkNumber: row.check_number,
    chargeRef: row.charge_ref,
    lineNo: row.line_no,
  };
}
