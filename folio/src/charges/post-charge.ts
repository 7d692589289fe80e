// The room charge an outlet posts (seed 000 "Charge Posting"), and what the folio answers.
import { chargeTotalMinor, isCurrencyCode, type MinorUnits } from '../money/index.js';
import type { OutletItemTax } from '../tax/outlet-tax.js';
import { CHARGE_CATEGORIES } from '../tax/tax-types.js';
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
  /**
   * The charge's items with their tax (sync contract `items`): kept per category and rate so the invoice
   * shows the outlet's tax lines (Rule 46). Their amounts and taxes must add up to subtotal and tax.
   * Omitted: one line of the outlet's default category at the rate its totals reproduce.
   */
  items?: OutletItemTax[];
  /**
   * Who sends the charge, kept on its receipt: `roompost` when central posts an outlet's charge, so
   * daily reconciliation can report postings central never saw. Omitted (the demo's seeded history,
   * charges keyed in at the folio) the receipt carries none and reconciliation leaves it alone.
   */
  origin?: ChargeOrigin;
}

export const CHARGE_ORIGINS = ['roompost'] as const;
export type ChargeOrigin = (typeof CHARGE_ORIGINS)[number];

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
  const totalMinor = requireInteger(
    chargeTotalMinor({ subtotalMinor: subtotal, taxMinor: tax, tipMinor: tip }),
    'totalMinor',
  );
  if (input.serviceDate !== undefined) requireIsoDate(input.serviceDate, 'serviceDate');
  if (input.tipAsSeparateLine !== undefined && typeof input.tipAsSeparateLine !== 'boolean') {
    throw invalid('tipAsSeparateLine', 'must be a boolean');
  }
  if (input.overrideCreditLimit !== undefined) {
    requireText(input.overrideCreditLimit.by, 'overrideCreditLimit.by', 64);
    requireText(input.overrideCreditLimit.reason, 'overrideCreditLimit.reason', 200);
  }
  if (input.items !== undefined) validateItems(input.items, subtotal, tax);
  if (input.origin !== undefined && !CHARGE_ORIGINS.includes(input.origin)) {
    throw invalid('origin', `must be one of ${CHARGE_ORIGINS.join(', ')}`);
  }
  // A literal naming every field: `{ ...input }` copied the input through V8's slow path per charge.
  return {
    chargeId: input.chargeId,
    stayRef: input.stayRef,
    roomNumber: input.roomNumber,
    outletCode: input.outletCode,
    checkNumber: input.checkNumber,
    description: input.description,
    currency: input.currency,
    subtotalMinor: input.subtotalMinor,
    taxMinor: input.taxMinor,
    tipMinor: input.tipMinor,
    postedBy: input.postedBy,
    serviceDate: input.serviceDate,
    tipAsSeparateLine: input.tipAsSeparateLine ?? true,
    overrideCreditLimit: input.overrideCreditLimit,
    items: input.items,
    origin: input.origin,
    totalMinor,
  } satisfies Record<keyof ValidChargeInput, unknown>; // every field named, so none is dropped
}

const RATE = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;
const SAC = /^\d{4,8}$/;
const TAX_CLASS = /^[A-Za-z0-9_-]{1,32}$/;

function validateItems(items: OutletItemTax[], subtotal: number, tax: number): void {
  if (!Array.isArray(items) || items.length === 0) throw invalid('items', 'must be a non-empty array');
  items.forEach((item, i) => {
    requireInteger(item.amountMinor, `items.${i}.amountMinor`);
    requireInteger(item.taxMinor, `items.${i}.taxMinor`);
    if (item.taxRate !== undefined && (typeof item.taxRate !== 'string' || !RATE.test(item.taxRate))) {
      throw invalid(`items.${i}.taxRate`, 'must be a decimal fraction from 0 to 1 such as "0.05"');
    }
    if (item.category !== undefined && !CHARGE_CATEGORIES.includes(item.category)) {
      throw invalid(`items.${i}.category`, `must be one of ${CHARGE_CATEGORIES.join(', ')}`);
    }
    if (
      item.taxClass !== undefined &&
      (typeof item.taxClass !== 'string' || !TAX_CLASS.test(item.taxClass))
    ) {
      throw invalid(
        `items.${i}.taxClass`,
        'must be a tax class of letters, digits, "-" and "_" such as VAT_LIQUOR',
      );
    }
    if (item.sac !== undefined && (typeof item.sac !== 'string' || !SAC.test(item.sac))) {
      throw invalid(`items.${i}.sac`, 'must be a SAC or HSN code of 4 to 8 digits');
    }
  });
  if (items.reduce((sum, item) => sum + item.amountMinor, 0) !== subtotal) {
    throw invalid('items', 'item amounts must add up to subtotalMinor', { subtotalMinor: subtotal });
  }
  if (items.reduce((sum, item) => sum + item.taxMinor, 0) !== tax) {
    throw invalid('items', 'item taxes must add up to taxMinor', { taxMinor: tax });
  }
}
