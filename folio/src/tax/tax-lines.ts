// The tax engine's one entry point: validated input in, tax lines out. Pure; no database, no clock.
import { FolioError } from '../errors.js';
import { invalid, requireInteger, requireIsoDate } from '../validation.js';
import { gstLines } from './gst.js';
import { nycLines } from './nyc-taxes.js';
import { CHARGE_CATEGORIES, TAX_REGIMES, type TaxInput, type TaxLine } from './tax-types.js';

const STATE_CODE = /^\d{2}$/;

/**
 * The taxes on one line, each rounded on its own (see gst.ts and nyc-taxes.ts for the rule). TIP lines and
 * the NONE regime have none. VALIDATION_FAILED naming the field for any bad input, including a service
 * date before the regime's first table.
 */
export function taxLinesFor(input: TaxInput): TaxLine[] {
  const valid = validateTaxInput(input);
  switch (valid.regime) {
    case 'IN_GST':
      return gstLines(valid);
    case 'US_NYC':
      return nycLines(valid);
    case 'NONE':
      return [];
  }
}

export function validateTaxInput(input: TaxInput): TaxInput {
  if (!TAX_REGIMES.includes(input.regime))
    throw invalid('regime', `must be one of ${TAX_REGIMES.join(', ')}`);
  requireIsoDate(input.serviceDate, 'serviceDate');
  if (!CHARGE_CATEGORIES.includes(input.category)) {
    throw invalid('category', `must be one of ${CHARGE_CATEGORIES.join(', ')}`, { value: input.category });
  }
  if (!Number.isSafeInteger(input.amountMinor)) {
    throw invalid('amountMinor', 'must be a safe integer', { value: input.amountMinor });
  }
  if (input.nightlyRateMinor !== undefined) requireInteger(input.nightlyRateMinor, 'nightlyRateMinor');
  if (input.declaredTariffMinor !== undefined)
    requireInteger(input.declaredTariffMinor, 'declaredTariffMinor');
  if (input.rooms !== undefined) requireInteger(input.rooms, 'rooms', 1);
  if (input.nightNumber !== undefined) requireInteger(input.nightNumber, 'nightNumber', 1);
  for (const field of ['supplierState', 'placeOfSupply'] as const) {
    const value = input[field];
    if (value !== undefined && !STATE_CODE.test(value)) {
      throw invalid(field, 'must be a two-digit GST state code such as "27"', { value });
    }
  }
  return input;
}

/** The currency a regime's tables are written in; amounts in any other currency are refused. */
export function regimeCurrency(regime: TaxInput['regime']): string | null {
  return regime === 'IN_GST' ? 'INR' : regime === 'US_NYC' ? 'USD' : null;
}

export function requireRegimeCurrency(regime: TaxInput['regime'], currency: string): void {
  const expected = regimeCurrency(regime);
  if (expected !== null && expected !== currency) {
    throw new FolioError('VALIDATION_FAILED', `the ${regime} tables are in ${expected}`, {
      field: 'currency',
      currency,
      expected,
    });
  }
}
