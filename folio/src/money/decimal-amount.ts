// Exact conversion between decimal strings ("87.50") and minor units, with no floating point in between.
import { type CurrencyCode, currencyExponent } from './currency.js';
import { asMinorUnits, type MinorUnits } from './minor-units.js';

const DECIMAL_SHAPE = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * "87.50" USD → 8750. Accepts an optional minus sign and at most the currency's number of decimals
 * ("1.5" → 150; "1.505" USD and "100.0" JPY are rejected rather than rounded). Throws RangeError.
 */
export function parseDecimalAmount(text: string, currency: CurrencyCode): MinorUnits {
  const exponent = currencyExponent(currency);
  const match = typeof text === 'string' ? DECIMAL_SHAPE.exec(text) : null;
  if (!match) throw new RangeError(`not a decimal amount: ${JSON.stringify(text)}`);
  const [, sign = '', whole = '', fraction = ''] = match;
  if (fraction.length > exponent) {
    throw new RangeError(`${currency} has ${exponent} decimal places; ${JSON.stringify(text)} has more`);
  }
  const digits = `${whole}${fraction.padEnd(exponent, '0')}`;
  const value = Number(`${sign}${digits}`);
  if (!Number.isSafeInteger(value)) throw new RangeError(`amount out of range: ${JSON.stringify(text)}`);
  return asMinorUnits(value);
}

/** 8750 USD → "87.50"; 1234 JPY → "1234"; -5 USD → "-0.05". Throws RangeError on a non-safe integer. */
export function toDecimalString(amountMinor: number, currency: CurrencyCode): string {
  const minor = asMinorUnits(amountMinor);
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  if (exponent === 0) return `${sign}${digits}`;
  const point = digits.length - exponent;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}
