// Our ledger is integer minor units; HTTP PMSs speak decimals. The conversion lives here, once, and
// goes through strings so no float ever rounds a cent away.
import type { PmsChargeRequest } from '../adapter.js';
import { PmsError } from '../adapter.js';

/** ISO 4217 exponent as the runtime's ICU knows it (JPY 0, USD 2, KWD 3). */
export function currencyExponent(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** 10575 USD → "105.75"; -200 → "-2.00". */
export function minorToDecimalString(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  return exp === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -exp)}.${digits.slice(-exp)}`;
}

/** The decimal as a JSON number (105.75); exact for any amount a hotel folio holds. */
export function minorToDecimal(minor: number, currency: string): number {
  return Number(minorToDecimalString(minor, currency));
}

/** A PMS decimal (number or string) back to minor units; more digits than the currency has are refused. */
export function decimalToMinor(value: number | string, currency: string): number {
  const exp = currencyExponent(currency);
  const text = typeof value === 'number' ? value.toFixed(exp) : value.trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new RangeError(`not a decimal amount: ${text}`);
  const frac = (m[3] ?? '').replace(/0+$/, '');
  if (frac.length > exp) throw new RangeError(`${text} has more decimals than ${currency} allows`);
  const minor = Number(m[2]) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
  return m[1] === '-' ? -minor : minor;
}

/**
 * Checks what every HTTP adapter checks before sending: the parts add up to the total and the charge
 * is in the property's currency (Cloudbeds: "only in the default currency"). Nothing is sent otherwise.
 */
export function assertPostable(charge: PmsChargeRequest, propertyCurrency: string): void {
  if (charge.subtotalMinor + charge.taxMinor + charge.tipMinor !== charge.totalMinor) {
    throw new PmsError('POSTING_REJECTED', 'total does not equal subtotal + tax + tip', {
      retryable: false,
      context: { chargeId: charge.chargeId },
    });
  }
  if (charge.currency !== propertyCurrency) {
    throw new PmsError('POSTING_REJECTED', `the PMS posts in ${propertyCurrency}, not ${charge.currency}`, {
      retryable: false,
      context: { chargeId: charge.chargeId },
    });
  }
}

/** An amount in a PMS answer; one we cannot read exactly makes the whole answer unreadable. */
export function amountFromPms(value: number | string, currency: string): number {
  try {
    return decimalToMinor(value, currency);
  } catch (err) {
    throw new PmsError('CONNECTION_FAILED', 'the PMS sent an amount we cannot read', {
      context: { value: String(value) },
      cause: err,
    });
  }
}
