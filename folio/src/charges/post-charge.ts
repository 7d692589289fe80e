// The room charge an outlet posts (seed 000 "Charge Posting"), and what the folio answers.
import { isCurrencyCode, type MinorUnits } from '../money/index.js';
import { invalid, requireInteger, requireIsoDate, requireText } from '../validation.js';

export interface CreditOverride {
  /** Who authorised it (seed 000: front desk, manager or admin). */
  by: string;
  reason: string;
}

export interface PostChargeInput {
  /** Idempotency key, minted at the outlet (UUIDv7). The same id always means the same charge. */
  chargeId: string;
  stayRef: string;
  roomNumber: string;
  outletCode: string;
  checkNumber: string;
  /** The outlet's posting description, e.g. "Pool Bar"; the check number is appended. */
  description: string;
  currency: string;
  subtotalMinor: number;
  taxMinor: number;
  tipMinor: number;
  postedBy: string;
  /** YYYY-MM-DD; defaults to the business date. */
  serviceDate?: string;
  /** Seed 000 `tip_as_separate_line`, default true; false folds the tip into the POS line. */
  tipAsSeparateLine?: boolean;
  /** Post even if the credit limit would be exceeded; recorded on the charge receipt. */
  overrideCreditLimit?: CreditOverride;
}

export interface PostChargeResult {
  chargeId: string;
  /** Our transaction id, the seed's `pms_transaction_id`. */
  transactionId: string;
  stayRef: string;
  folioId: string;
  /** In line order. */
  postingIds: string[];
  totalMinor: MinorUnits;
  /** Stay balance right after this charge (over all folio windows). */
  balanceMinor: MinorUnits;
  postedAt: string;
  /** True when this call replayed an earlier identical charge and wrote nothing. */
  duplicate: boolean;
  /** Set when the charge went over the credit limit on someone's authority. */
  creditOverride: CreditOverride | null;
}

export interface ValidChargeInput extends PostChargeInput {
  totalMinor: number;
  tipAsSeparateLine: boolean;
}

/** Shape and arithmetic checks that need no database. Throws VALIDATION_FAILED naming the field. */
export function validateChargeInput(input: PostChargeInput): ValidChargeInput {
  requireText(input.chargeId, 'chargeId', 100);
  requireText(input.stayRef, 'stayRef', 100);
  requireText(input.roomNumber, 'roomNumber', 20);
  requireText(input.outletCode, 'outletCode', 16);
  requireText(input.checkNumber, 'checkNumber', 32);
  requireText(input.description, 'description', 120);
  requireText(input.postedBy, 'postedBy', 64);
  if (!isCurrencyCode(input.currency)) throw invalid('currency', 'must be an ISO 4217 code');
  const subtotal = requireInteger(input.subtotalMinor, 'subtotalMinor');
  const tax = requireInteger(input.taxMinor, 'taxMinor');
  const tip = requireInteger(input.tipMinor, 'tipMinor');
  const totalMinor = requireInteger(subtotal + tax + tip, 'totalMinor');
  if (input.serviceDate !== undefined) requireIsoDate(input.serviceDate, 'serviceDate');
  if (input.tipAsSeparateLine !== undefined && typeof input.tipAsSeparateLine !== 'boolean') {
    throw invalid('tipAsSeparateLine', 'must be a boolean');
  }
  if (input.overrideCreditLimit !== undefined) {
    requireText(input.overrideCreditLimit.by, 'overrideCreditLimit.by', 64);
    requireText(input.overrideCreditLimit.reason, 'overrideCreditLimit.reason', 200);
  }
  return { ...input, totalMinor, tipAsSeparateLine: input.tipAsSeparateLine ?? true };
}
