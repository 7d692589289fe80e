// New York City hotel taxes (domain.md §4, from the NYC DOF hotel-room-occupancy-tax page and NY Tax
// Law §1104): percentage lines plus flat per-night amounts with price tiers and permanent-resident rules.
import { Decimal } from 'decimal.js';
import { asMinorUnits, percentOfMinor } from '../money/index.js';
import type { TaxInput, TaxLine } from './tax-types.js';

interface FlatTier {
  /** The tier applies while the nightly rent is below this (cents); null: no upper bound. */
  belowMinor: number | null;
  amountMinor: number;
}

export const NYC_TAXES = {
  /** NYS sales tax in NYC: 4 % state + 4.5 % city + 0.375 % MCTD. */
  salesPercent: '8.875',
  /** NYC hotel room occupancy tax, percentage part. */
  hotelPercent: '5.875',
  /** NYC hotel room occupancy tax, flat part per room per day by rent: $0.50 from $10 … $2 from $40. */
  hotelFlatTiers: [
    { belowMinor: 10_00, amountMinor: 0 },
    { belowMinor: 20_00, amountMinor: 50 },
    { belowMinor: 30_00, amountMinor: 1_00 },
    { belowMinor: 40_00, amountMinor: 1_50 },
    { belowMinor: null, amountMinor: 2_00 },
  ] satisfies FlatTier[],
  /** NYS (Javits Center) hotel unit fee per unit per day; not charged when rent ≤ $2 a day. */
  unitFeeMinor: 1_50,
  unitFeeMaxExemptRentMinor: 2_00,
  /** Permanent residents: state taxes stop after 90 consecutive days, the city's after 180. */
  stateResidentAfterNights: 90,
  cityResidentAfterNights: 180,
} as const;

/**
 * Percentages are `percentOfMinor(base, rate, HALF_UP)` per line, as for GST. Flat amounts are exact and
 * follow the line's sign (a negative correction of a night takes its flat fees back).
 */
export function nycLines(input: TaxInput): TaxLine[] {
  if (input.category === 'TIP' || input.amountMinor === 0) return [];
  const base = asMinorUnits(input.amountMinor);
  const pct = (code: string, label: string, percent: string): TaxLine => ({
    code,
    label: `${label} ${percent}%`,
    rate: new Decimal(percent).dividedBy(100).toString(),
    baseMinor: base,
    amountMinor: percentOfMinor(base, percent, 'HALF_UP'),
    sac: null,
  });
  if (input.category !== 'ROOM') return [pct('NYS_SALES', 'NY sales tax', NYC_TAXES.salesPercent)];

  const night = input.nightNumber ?? 1;
  const stateTaxed = night <= NYC_TAXES.stateResidentAfterNights;
  const cityTaxed = night <= NYC_TAXES.cityResidentAfterNights;
  const rent = Math.abs(input.nightlyRateMinor ?? input.amountMinor);
  const sign = input.amountMinor < 0 ? -1 : 1;
  const flat = (code: string, label: string, amountMinor: number): TaxLine => ({
    code,
    label,
    rate: null,
    baseMinor: base,
    amountMinor: asMinorUnits(sign * amountMinor),
    sac: null,
  });
  const fees = input.perNightFees ?? true;
  const lines: TaxLine[] = [];
  if (stateTaxed) lines.push(pct('NYS_SALES', 'NY sales tax', NYC_TAXES.salesPercent));
  if (cityTaxed) {
    lines.push(pct('NYC_HOTEL', 'NYC hotel occupancy tax', NYC_TAXES.hotelPercent));
    const tier = NYC_TAXES.hotelFlatTiers.find((t) => t.belowMinor === null || rent < t.belowMinor);
    const perRoom = tier?.amountMinor ?? 0;
    if (fees && perRoom > 0) {
      lines.push(flat('NYC_HOTEL_FLAT', 'NYC hotel occupancy tax per room', perRoom * (input.rooms ?? 1)));
    }
  }
  if (fees && stateTaxed && rent > NYC_TAXES.unitFeeMaxExemptRentMinor) {
    lines.push(flat('NYS_UNIT_FEE', 'NYS hotel unit fee', NYC_TAXES.unitFeeMinor));
  }
  return lines;
}
