// Display formatting. Intl receives the exact decimal string, never a float, so large amounts stay exact.
import { type CurrencyCode, currencyExponent } from './currency.js';
import { toDecimalString } from './decimal-amount.js';
import { numberFormat } from './intl-cache.js';

/** formatMinor(10000000, 'INR', 'en-IN') → "₹1,00,000.00"; formatMinor(8750, 'USD') → "$87.50". */
export function formatMinor(amountMinor: number, currency: CurrencyCode, locale = 'en-US'): string {
  const exponent = currencyExponent(currency);
  const decimal = toDecimalString(amountMinor, currency) as `${number}`;
  return numberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: exponent,
    maximumFractionDigits: exponent,
  }).format(decimal);
}
