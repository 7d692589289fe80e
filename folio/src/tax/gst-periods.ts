// Indian GST rates as typed data, chosen by SERVICE date (supply date), never by invoice date.
// Sources: ../shared/reference/domain.md §3; each period names its notification. Amounts are paise.
import type { ChargeCategory } from './tax-types.js';

/** One slab: applies while the per-unit, per-day value is below `upToMinor` (or equal, if inclusive). */
export interface GstSlab {
  /** null: no upper bound. */
  upToMinor: number | null;
  upToInclusive: boolean;
  /** Percent as a decimal string; "0" is exempt/nil-rated. */
  percent: string;
  itcAllowed: boolean;
}

export interface GstRoomPeriod {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive; null: still in force. */
  to: string | null;
  /** What picks the slab: the published tariff (2017) or the price actually charged (from 27 Jul 2018). */
  basis: 'DECLARED_TARIFF' | 'TRANSACTION_VALUE';
  slabs: readonly GstSlab[];
  source: string;
}

const RUPEES = 100;
const below = (rupees: number, percent: string, itcAllowed = true): GstSlab => ({
  upToMinor: rupees * RUPEES,
  upToInclusive: false,
  percent,
  itcAllowed,
});
const upTo = (rupees: number, percent: string, itcAllowed = true): GstSlab => ({
  upToMinor: rupees * RUPEES,
  upToInclusive: true,
  percent,
  itcAllowed,
});
const above = (percent: string, itcAllowed = true): GstSlab => ({
  upToMinor: null,
  upToInclusive: false,
  percent,
  itcAllowed,
});

// Seed 004 §6 slabs: "< 1,000 exempt; 1,000–2,499 12 %; 2,500–7,499 18 %; ≥ 7,500 28 %".
const SEED_SLABS = [below(1_000, '0'), below(2_500, '12'), below(7_500, '18'), above('28')] as const;

/** Room or unit accommodation (SAC 996311), per unit per day, in date order without gaps. */
export const GST_ROOM_PERIODS: readonly GstRoomPeriod[] = [
  {
    from: '2017-07-01',
    to: '2018-07-26',
    basis: 'DECLARED_TARIFF',
    slabs: SEED_SLABS,
    source: 'Notif 11/2017-CT(R) and 12/2017-CT(R); press release 18 Jul 2017',
  },
  {
    from: '2018-07-27',
    to: '2019-09-30',
    basis: 'TRANSACTION_VALUE',
    slabs: SEED_SLABS,
    source: 'Notif 15/2018: "declared tariff" replaced by the value of supply',
  },
  {
    from: '2019-10-01',
    to: '2022-07-17',
    basis: 'TRANSACTION_VALUE',
    slabs: [upTo(1_000, '0'), upTo(7_500, '12'), above('18')],
    source: '37th GST Council (20 Sep 2019); Notif 20/2019-CT(R)',
  },
  {
    from: '2022-07-18',
    to: '2025-09-21',
    basis: 'TRANSACTION_VALUE',
    slabs: [upTo(7_500, '12'), above('18')],
    source: '47th GST Council; Notif 04/2022-CT(R) of 13 Jul 2022 withdrew the ≤ ₹1,000 exemption',
  },
  {
    from: '2025-09-22',
    to: null,
    basis: 'TRANSACTION_VALUE',
    // Mandatory 5 % without ITC; "the option to pay GST at 18 % with ITC is not available" (CBIC FAQ).
    slabs: [upTo(7_500, '5', false), above('18')],
    source: '56th GST Council; Notif 15/2025-CT(R) of 17 Sep 2025, S.No.7 item (i)',
  },
];

/** First day GST existed; earlier service dates have no table and are refused. */
export const GST_START = '2017-07-01';

/**
 * Restaurant service in a hotel (and room service, minibar): 18 % with ITC at "specified premises",
 * otherwise 5 % without ITC (Notif 05/2025-CT(R), from 1 Apr 2025). Applied to every GST date: domain.md
 * does not cover the restaurant rates before 2025 (see docs/taxes-and-invoices.md, "Known gaps").
 */
export const GST_RESTAURANT = {
  specified: { percent: '18', itcAllowed: true },
  other: { percent: '5', itcAllowed: false },
} as const;

/** Seed 004 §6: alcoholic beverages, laundry and other services 18 %. */
export const GST_SERVICE_PERCENT: Partial<Record<ChargeCategory, string>> = {
  ALCOHOL: '18',
  LAUNDRY: '18',
  SPA: '18',
  TRANSPORT: '18',
  TELECOM: '18',
  BANQUET: '18',
  MISC: '18',
};

/**
 * SAC codes per category (Rule 46 (g) asks for one on every line). Room and food from domain.md §3; the
 * services from the SAC scheme of classification (Notif 11/2017-CT(R) annexure): 999719 washing, cleaning
 * and dyeing n.e.c., 999723 physical well-being (spa), 996601 rental of road vehicles with operator
 * (airport transfer), 998412 fixed telephony, 999799 other services n.e.c. A posting's own SAC (the
 * `sac` column) overrides the default; a property whose supply differs types it at the desk.
 */
export const GST_SAC: Partial<Record<ChargeCategory, string>> = {
  ROOM: '996311',
  FOOD_BEVERAGE: '996332',
  MINIBAR: '996332',
  ALCOHOL: '996332',
  BANQUET: '996334',
  LAUNDRY: '999719',
  SPA: '999723',
  TRANSPORT: '996601',
  TELECOM: '998412',
  MISC: '999799',
};
