// ISO 4217 currency codes and their minor-unit exponent, as the platform's Intl data knows them.

export type CurrencyCode = string;

const CODE_SHAPE = /^[A-Z]{3}$/;
const exponents = new Map<string, number>();
let knownCodes: ReadonlySet<string> | undefined;

/**
 * Decimal places of a currency's minor unit: JPY 0, USD and INR 2, KWD 3. Throws RangeError for a code
 * that is not three upper-case letters or that Intl does not list (Intl would silently format XYZ with 2).
 */
export function currencyExponent(code: CurrencyCode): number {
  const cached = exponents.get(code);
  if (cached !== undefined) return cached;
  assertCurrencyCode(code);
  const exponent = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
    .maximumFractionDigits;
  if (exponent === undefined) throw new RangeError(`Intl reports no fraction digits for ${code}`);
  exponents.set(code, exponent);
  return exponent;
}

export function isCurrencyCode(code: string): code is CurrencyCode {
  if (!CODE_SHAPE.test(code)) return false;
  knownCodes ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCodes.has(code);
}

export function assertCurrencyCode(code: string): asserts code is CurrencyCode {
  if (!isCurrencyCode(code)) {
    throw new RangeError(`not a known ISO 4217 currency code: ${JSON.stringify(code)}`);
  }
}
