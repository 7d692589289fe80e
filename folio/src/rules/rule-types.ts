// The vocabulary of surcharge and discount rules (seed 003 §5.1): rule kinds, their stored shape and the
// promo codes of campaigns. Amounts are integer minor units; percents are decimal strings ("10", "12.5").

/** Every kind of rule. NIGHTLY kinds are priced each night by priceNight; the others are posted on request. */
export const RULE_KINDS = [
  'SEASONAL',
  'WEEKEND',
  'EXTRA_PERSON',
  'EXTRA_BED',
  'SERVICE',
  'ROOM_DISCOUNT',
  'PROMO',
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** Posted on request at the desk, not by night audit. */
export const SERVICE_KINDS = ['LATE_CHECKOUT', 'EARLY_CHECKIN', 'SPA', 'AMENITY'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];

export const PROMO_SCOPES = ['NIGHT', 'FOLIO'] as const;
export type PromoScope = (typeof PROMO_SCOPES)[number];

/** Fri, Sat and Sun nights (0 = Sunday … 6 = Saturday, JavaScript's getUTCDay of the stay date). */
export const DEFAULT_WEEKEND_NIGHTS: readonly number[] = [5, 6, 0];

export interface PricingRule {
  id: string;
  code: string;
  kind: RuleKind;
  name: string;
  /** Exactly one of percent and amountMinor. EXTRA_PERSON/EXTRA_BED: amountMinor per person/bed. */
  percent: string | null;
  amountMinor: number | null;
  /** SEASONAL: inclusive stay-date range, or a holiday calendar (list of dates); PROMO: validity of the stay dates. */
  dateFrom: string | null;
  dateTo: string | null;
  holidays: string[] | null;
  /** WEEKEND: nights of the week (0 = Sunday). */
  weekdays: number[] | null;
  /** SEASONAL, WEEKEND, ROOM_DISCOUNT: only these room types (null: all). */
  roomTypeCodes: string[] | null;
  /** ROOM_DISCOUNT: at most this many rooms a night get it (allotment); null: no quota. */
  quota: number | null;
  /** SERVICE: which service. */
  serviceKind: ServiceKind | null;
  /** PROMO: per night or once per folio. */
  promoScope: PromoScope | null;
  active: boolean;
}

/** A coupon code of a PROMO rule (campaign): valid for redemption on business dates from…to, used at most usageLimit times. */
export interface PromoCode {
  code: string;
  ruleCode: string;
  validFrom: string;
  validTo: string;
  /** Reservations that may redeem it; null: no limit. */
  usageLimit: number | null;
  redemptions: number;
}
