// The one place where money is rounded. Every rate, percentage or proration goes through roundToMinor.
import { Decimal } from 'decimal.js';
import { asMinorUnits, type MinorUnits } from './minor-units.js';

/**
 * HALF_UP and HALF_EVEN decide ties (HALF_UP away from zero: 2.5 → 3, -2.5 → -3; HALF_EVEN to the even
 * neighbour: 2.5 → 2, 3.5 → 4). DOWN and UP act on the magnitude, as in Java's RoundingMode:
 * DOWN truncates toward zero (-2.7 → -2), UP moves away from zero (-2.1 → -3).
 */
export type RoundingMode = 'HALF_UP' | 'HALF_EVEN' | 'DOWN' | 'UP';

export const ROUNDING_MODES: readonly RoundingMode[] = ['HALF_UP', 'HALF_EVEN', 'DOWN', 'UP'];

const DECIMAL_MODE: Record<RoundingMode, Decimal.Rounding> = {
  HALF_UP: Decimal.ROUND_HALF_UP,
  HALF_EVEN: Decimal.ROUND_HALF_EVEN,
  DOWN: Decimal.ROUND_DOWN,
  UP: Decimal.ROUND_UP,
};

// Enough significant digits that a safe-integer amount times any sensible rate is exact before rounding
// (decimal.js defaults to 20, which would round 9e15 × 0.08875 before we choose how to).
const Exact = Decimal.clone({ precision: 64 });

const RATE_SHAPE = /^-?\d{1,12}(?:\.\d{1,20})?$/;

/** Rounds a value already expressed in minor units to an integer. Throws RangeError if not finite or safe. */
export function roundToMinor(value: Decimal, mode: RoundingMode): MinorUnits {
  if (!Object.hasOwn(DECIMAL_MODE, mode)) throw new RangeError(`unknown rounding mode: ${String(mode)}`);
  const rounding = DECIMAL_MODE[mode];
  if (!value.isFinite()) throw new RangeError(`cannot round ${value.toString()} to minor units`);
  return asMinorUnits(value.toDecimalPlaces(0, rounding).toNumber());
}

/** amount × rate, rounded once. `rate` is a plain decimal string such as "0.08875" (no exponent, no NaN). */
export function applyRate(amountMinor: number, rate: string, mode: RoundingMode): MinorUnits {
  return roundToMinor(new Exact(asMinorUnits(amountMinor)).times(parseRate(rate)), mode);
}

/** amount × percent / 100, rounded once: percentOfMinor(10000, "18", …) → 1800. */
export function percentOfMinor(amountMinor: number, percent: string, mode: RoundingMode): MinorUnits {
  return roundToMinor(new Exact(asMinorUnits(amountMinor)).times(parseRate(percent)).dividedBy(100), mode);
}

function parseRate(rate: string): Decimal {
  if (typeof rate !== 'string' || !RATE_SHAPE.test(rate)) {
    throw new RangeError(`rate must be a decimal string such as "0.08875", got ${JSON.stringify(rate)}`);
  }
  return new Exact(rate);
}
