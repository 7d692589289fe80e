// Indian GST on one line: the rate of its category and date, split into CGST+SGST or charged as IGST.
import { Decimal } from 'decimal.js';
import { asMinorUnits, percentOfMinor } from '../money/index.js';
import { invalid } from '../validation.js';
import {
  GST_RESTAURANT,
  GST_ROOM_PERIODS,
  GST_SAC,
  GST_SERVICE_PERCENT,
  GST_START,
  type GstRoomPeriod,
  type GstSlab,
} from './gst-periods.js';
import type { TaxInput, TaxLine } from './tax-types.js';

export interface GstRate {
  percent: string;
  itcAllowed: boolean;
}

export function gstRoomPeriod(serviceDate: string): GstRoomPeriod {
  const period = GST_ROOM_PERIODS.find(
    (p) => p.from <= serviceDate && (p.to === null || serviceDate <= p.to),
  );
  if (!period) {
    throw invalid('serviceDate', `GST applies from ${GST_START}; no tax table for this date`, {
      serviceDate,
    });
  }
  return period;
}

function slabFor(slabs: readonly GstSlab[], valueMinor: number): GstSlab {
  const slab = slabs.find(
    (s) =>
      s.upToMinor === null || valueMinor < s.upToMinor || (s.upToInclusive && valueMinor === s.upToMinor),
  );
  if (!slab) throw new RangeError('GST slab table has no open-ended top slab');
  return slab;
}

/** The GST percent of a line: rooms by slab of the per-unit per-day value, others by category. */
export function gstRateFor(input: TaxInput): GstRate {
  const period = gstRoomPeriod(input.serviceDate);
  switch (input.category) {
    case 'TIP':
      return { percent: '0', itcAllowed: true };
    case 'ROOM': {
      const transactionValue = Math.abs(input.nightlyRateMinor ?? input.amountMinor);
      const value =
        period.basis === 'DECLARED_TARIFF'
          ? (input.declaredTariffMinor ?? transactionValue)
          : transactionValue;
      const { percent, itcAllowed } = slabFor(period.slabs, value);
      return { percent, itcAllowed };
    }
    case 'FOOD_BEVERAGE':
    case 'MINIBAR':
      return input.specifiedPremises ? GST_RESTAURANT.specified : GST_RESTAURANT.other;
    default: {
      const percent = GST_SERVICE_PERCENT[input.category];
      if (percent === undefined) throw invalid('category', 'has no GST rate', { category: input.category });
      return { percent, itcAllowed: true };
    }
  }
}

/**
 * CGST and SGST are each `percentOfMinor(base, rate/2, HALF_UP)`: computed from the line's base and rounded
 * on their own, so the two halves are always equal and their sum may differ from base × rate by one paisa.
 * IGST is `percentOfMinor(base, rate, HALF_UP)`. Intra-state when the place of supply is the supplier's
 * state (for lodging always the property's state, IGST Act s.12(3)(b)); either one unknown → intra-state.
 */
export function gstLines(input: TaxInput): TaxLine[] {
  const { percent, itcAllowed } = gstRateFor(input);
  if (new Decimal(percent).isZero() || input.amountMinor === 0) return [];
  const sac = GST_SAC[input.category] ?? null;
  const base = asMinorUnits(input.amountMinor);
  const interState =
    input.supplierState !== undefined &&
    input.placeOfSupply !== undefined &&
    input.supplierState !== input.placeOfSupply;
  const line = (code: string, pct: string): TaxLine => ({
    code,
    label: `${code} @ ${pct}%`,
    rate: new Decimal(pct).dividedBy(100).toString(),
    baseMinor: base,
    amountMinor: percentOfMinor(base, pct, 'HALF_UP'),
    sac,
    itcAllowed,
  });
  if (interState) return [line('IGST', percent)];
  const half = new Decimal(percent).dividedBy(2).toString();
  return [line('CGST', half), line('SGST', half)];
}
