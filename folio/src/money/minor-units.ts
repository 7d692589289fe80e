// Integer minor units (cents, paise, fils): the only numeric representation money has in the ledger.

/** A safe integer count of a currency's minor units. Only `asMinorUnits` and this module's helpers mint it. */
export type MinorUnits = number & { readonly __brand: 'MinorUnits' };

/** Throws RangeError unless `value` is a safe integer; `-0` becomes `0` so it never prints as "-0.00". */
export function asMinorUnits(value: number): MinorUnits {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`amount in minor units must be a safe integer, got ${String(value)}`);
  }
  return (value === 0 ? 0 : value) as MinorUnits;
}

export function addMinor(a: number, b: number): MinorUnits {
  return asMinorUnits(asMinorUnits(a) + asMinorUnits(b));
}

export function sumMinor(values: Iterable<number>): MinorUnits {
  let total = asMinorUnits(0);
  for (const value of values) total = addMinor(total, value);
  return total;
}
