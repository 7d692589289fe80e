import type { CurrencyCode } from './currency.js';
import type { MinorUnits } from './minor-units.js';

/** An amount with its currency; the amount is in that currency's minor units. */
export interface Money {
  amountMinor: MinorUnits;
  currency: CurrencyCode;
}
