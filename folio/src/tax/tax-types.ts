// The vocabulary of the tax engine: regimes, charge categories and the tax lines it answers with.
import type { MinorUnits } from '../money/index.js';

/** IN_GST: Indian GST (CGST+SGST or IGST). US_NYC: New York City hotel taxes. NONE: no tax computed. */
export const TAX_REGIMES = ['IN_GST', 'US_NYC', 'NONE'] as const;
export type TaxRegime = (typeof TAX_REGIMES)[number];

/** Seed 004 §2 categories, plus TIP (never taxed: NY TB-ST-320, CDTFA Pub 115). */
export const CHARGE_CATEGORIES = [
  'ROOM',
  'FOOD_BEVERAGE',
  'ALCOHOL',
  'MINIBAR',
  'BANQUET',
  'LAUNDRY',
  'SPA',
  'TRANSPORT',
  'TELECOM',
  'MISC',
  'TIP',
] as const;
export type ChargeCategory = (typeof CHARGE_CATEGORIES)[number];

export interface TaxInput {
  regime: TaxRegime;
  /** YYYY-MM-DD: the date the service was supplied (a room night's stay date). Picks the tax period. */
  serviceDate: string;
  category: ChargeCategory;
  /** Taxable value of this line in minor units; negative for a discount or correction. */
  amountMinor: number;
  /**
   * Room lines: the value of one unit for one day (room + extra bed, after discount) that picks the slab
   * or tier. Defaults to `amountMinor` (one line = one night).
   */
  nightlyRateMinor?: number;
  /** India, until 26 Jul 2018 only: the declared (published) tariff picked the slab, not the price. */
  declaredTariffMinor?: number;
  /** NYC: charge the flat per-night amounts on this line (the night itself, not its discounts). Default true. */
  perNightFees?: boolean;
  /** Rooms in a suite (NYC: the flat per-day tax is charged per room). Default 1. */
  rooms?: number;
  /** NYC: which consecutive night of the occupancy this is (1-based), for permanent-resident rules. */
  nightNumber?: number;
  /** India: the supplier's state code (first two digits of its GSTIN), e.g. "27" Maharashtra. */
  supplierState?: string;
  /** India: place of supply; for lodging it is where the property is (IGST Act s.12(3)(b)). */
  placeOfSupply?: string;
  /** India: the property is "specified premises" this FY (Notif 05/2025-CT(R)): restaurant at 18%. */
  specifiedPremises?: boolean;
}

export interface TaxLine {
  /** Stable code: CGST, SGST, IGST, NYS_SALES, NYC_HOTEL, NYC_HOTEL_FLAT, NYS_UNIT_FEE. */
  code: string;
  label: string;
  /** Decimal string: "0.025" is 2.5 %. Null for flat per-night amounts. */
  rate: string | null;
  baseMinor: MinorUnits;
  amountMinor: MinorUnits;
  /** SAC (services) or HSN (goods) code of the line the tax is on, where the regime uses one. */
  sac: string | null;
  /** India: input tax credit allowed for the supplier at this rate (false for the 5 % room slab). */
  itcAllowed?: boolean;
}
