// Tax preview over the engine's settings: decimal-string amounts in, tax lines of one charge out.
import type { FolioContext } from '../context.js';
import { findInvoiceSettings } from '../invoices/invoice.repository.js';
import { asMinorUnits, type MinorUnits, parseDecimalAmount, sumMinor } from '../money/index.js';
import { requireProperty } from '../property/property.service.js';
import { invalid } from '../validation.js';
import { requireRegimeCurrency, taxLinesFor } from './tax-lines.js';
import type { ChargeCategory, TaxLine, TaxRegime } from './tax-types.js';

export interface TaxPreviewInput {
  /** Defaults to the invoice settings' regime. */
  regime?: TaxRegime;
  serviceDate: string;
  category: ChargeCategory;
  /** Decimal string in the property currency, e.g. "6000.00"; more decimals than it has are refused. */
  amount: string;
  /** Room lines: the value of one unit for one day, when the line is not exactly one night. */
  nightlyRate?: string;
  declaredTariff?: string;
  nightNumber?: number;
  rooms?: number;
  /** India: defaults to the property's state (lodging is supplied where the property is). */
  placeOfSupply?: string;
}

export interface TaxPreview {
  currency: string;
  regime: TaxRegime;
  amountMinor: MinorUnits;
  lines: TaxLine[];
  taxMinor: MinorUnits;
  totalMinor: MinorUnits;
}

export function createTaxService({ db }: FolioContext) {
  return {
    /** VALIDATION_FAILED naming the field; NOT_FOUND when the property is not configured. */
    async previewTax(input: TaxPreviewInput): Promise<TaxPreview> {
      const property = await requireProperty(db);
      const settings = await findInvoiceSettings(db);
      const regime = input.regime ?? settings?.regime ?? 'NONE';
      requireRegimeCurrency(regime, property.currency);
      const money = (value: string, field: string): MinorUnits => {
        try {
          return parseDecimalAmount(value, property.currency);
        } catch (error) {
          throw invalid(field, `must be a decimal amount in ${property.currency}`, {
            value,
            cause: String(error),
          });
        }
      };
      const amountMinor = money(input.amount, 'amount');
      const nightlyRateMinor =
        input.nightlyRate === undefined ? undefined : money(input.nightlyRate, 'nightlyRate');
      const declaredTariffMinor =
        input.declaredTariff === undefined ? undefined : money(input.declaredTariff, 'declaredTariff');
      const placeOfSupply = input.placeOfSupply ?? settings?.state_code ?? null;
      const lines = taxLinesFor({
        regime,
        serviceDate: input.serviceDate,
        category: input.category,
        amountMinor,
        ...(nightlyRateMinor === undefined ? {} : { nightlyRateMinor }),
        ...(declaredTariffMinor === undefined ? {} : { declaredTariffMinor }),
        ...(input.nightNumber === undefined ? {} : { nightNumber: input.nightNumber }),
        ...(input.rooms === undefined ? {} : { rooms: input.rooms }),
        ...(settings?.state_code ? { supplierState: settings.state_code } : {}),
        ...(placeOfSupply === null ? {} : { placeOfSupply }),
        specifiedPremises: settings?.specified_premises === 1,
      });
      const taxMinor = sumMinor(lines.map((l) => l.amountMinor));
      return {
        currency: property.currency,
        regime,
        amountMinor,
        lines,
        taxMinor,
        totalMinor: asMinorUnits(amountMinor + taxMinor),
      };
    },
  };
}
