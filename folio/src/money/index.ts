// @roompost/folio/money: pure money helpers, shared with the browser kiosk (no Node modules here).

export { type ChargeParts, chargeAddsUp, chargeTotalMinor } from './charge-total.js';
export { assertCurrencyCode, type CurrencyCode, currencyExponent, isCurrencyCode } from './currency.js';
export { parseDecimalAmount, toDecimalString } from './decimal-amount.js';
export { formatMinor } from './format.js';
export { dateTimeFormat, numberFormat } from './intl-cache.js';
export { addMinor, asMinorUnits, type MinorUnits, sumMinor } from './minor-units.js';
export type { Money } from './money.js';
export { applyRate, percentOfMinor, ROUNDING_MODES, type RoundingMode, roundToMinor } from './rounding.js';
