// Our ledger is integer minor units; HTTP PMSs speak decimals. The conversion lives here, once, and
// goes through strings so no float ever rounds a cent away.
import { chargeAddsUp, currencyExponent, parseDecimalAmount, toDecimalString } from '@roompost/folio/money';
import type { PmsChargeRequest } from '../adapter.js';
import { PmsError } from '../adapter.js';

export { currencyExponent };

/** 10575 USD → "105.75"; -200 → "-2.00" (the folio engine's exact conversion). */
export const minorToDecimalString = toDecimalString;

/** The decimal as a JSON number (105.75) for PMSs that want numbers; exact for any folio amount. */
export function minorToDecimal(minor: number, currency: string): number {
  return Number(toDecimalString(minor, currency));
}

/**
 * A PMS decimal (number or string) back to minor units. Trailing zeros are fine ("105.750"); more
 * significant digits than the currency has are refused, never rounded (a JSON 105.755 is not a price).
 */
export function decimalToMinor(value: number | string, currency: string): number {
  const text = typeof value === 'number' ? String(value) : value.trim();
  const normalized = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return parseDecimalAmount(normalized, currency);
}

/**
 * Checks what every HTTP adapter checks before sending: the parts add up to the total and the charge
 * is in the property's currency (Cloudbeds: "only in the default currency"). Nothing is sent otherwise.
 */
export function assertPostable(charge: PmsChargeRequest, propertyCurrency: string): void {
  if (!chargeAddsUp(charge)) {
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
