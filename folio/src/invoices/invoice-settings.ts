// Who issues the invoices and under which tax regime: validated input for the invoice_settings row.

import type { Insertable } from 'kysely';
import { TAX_REGIMES, type TaxRegime } from '../tax/tax-types.js';
import { invalid, optionalText, requireText } from '../validation.js';
import type { InvoiceSettingsRow } from './invoice.repository.js';
import type { InvoiceSettingsTable } from './invoice.table.js';
import { SERIES_PREFIX } from './invoice-number.js';

export interface InvoiceSettingsInput {
  legalName: string;
  address: string;
  /** India: the hotel's GSTIN; its first two digits are its state code. */
  gstin?: string | null;
  /** India: two-digit state code; taken from the GSTIN when omitted. */
  stateCode?: string | null;
  regime: TaxRegime;
  specifiedPremises?: boolean;
  /** 1–4 letters/digits; default INV and CN. */
  invoicePrefix?: string;
  creditNotePrefix?: string;
}

export interface InvoiceSettings {
  legalName: string;
  address: string;
  gstin: string | null;
  stateCode: string | null;
  regime: TaxRegime;
  specifiedPremises: boolean;
  invoicePrefix: string;
  creditNotePrefix: string;
}

// 2 digits state, 10 PAN characters, entity number, "Z", check character.
export const GSTIN_SHAPE = /^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/;
const STATE_CODE = /^\d{2}$/;

export function optionalGstin(value: unknown, field: string): string | null {
  const gstin = optionalText(value, field, 15);
  if (gstin !== null && !GSTIN_SHAPE.test(gstin)) throw invalid(field, 'must be a 15-character GSTIN');
  return gstin;
}

export function optionalStateCode(value: unknown, field: string): string | null {
  const code = optionalText(value, field, 2);
  if (code !== null && !STATE_CODE.test(code)) throw invalid(field, 'must be a two-digit GST state code');
  return code;
}

export function validateInvoiceSettings(input: InvoiceSettingsInput): InvoiceSettings {
  if (!TAX_REGIMES.includes(input.regime))
    throw invalid('regime', `must be one of ${TAX_REGIMES.join(', ')}`);
  const gstin = optionalGstin(input.gstin, 'gstin');
  const stateCode = optionalStateCode(input.stateCode, 'stateCode') ?? gstin?.slice(0, 2) ?? null;
  if (gstin !== null && stateCode !== gstin.slice(0, 2)) {
    throw invalid('stateCode', 'must be the state of the GSTIN (its first two digits)');
  }
  if (input.regime === 'IN_GST' && (gstin === null || stateCode === null)) {
    throw invalid('gstin', 'is required for Indian GST invoices');
  }
  const invoicePrefix = input.invoicePrefix ?? 'INV';
  const creditNotePrefix = input.creditNotePrefix ?? 'CN';
  for (const [field, prefix] of [
    ['invoicePrefix', invoicePrefix],
    ['creditNotePrefix', creditNotePrefix],
  ] as const) {
    if (!SERIES_PREFIX.test(prefix)) throw invalid(field, 'must be 1–4 letters A–Z or digits');
  }
  if (invoicePrefix === creditNotePrefix) throw invalid('creditNotePrefix', 'must differ from invoicePrefix');
  if (input.specifiedPremises !== undefined && typeof input.specifiedPremises !== 'boolean') {
    throw invalid('specifiedPremises', 'must be a boolean');
  }
  return {
    legalName: requireText(input.legalName, 'legalName', 200),
    address: requireText(input.address, 'address', 400),
    gstin,
    stateCode,
    regime: input.regime,
    specifiedPremises: input.specifiedPremises ?? false,
    invoicePrefix,
    creditNotePrefix,
  };
}

export function toInvoiceSettings(row: InvoiceSettingsRow): InvoiceSettings {
  return {
    legalName: row.legal_name,
    address: row.address,
    gstin: row.gstin,
    stateCode: row.state_code,
    regime: row.regime,
    specifiedPremises: row.specified_premises === 1,
    invoicePrefix: row.invoice_prefix,
    creditNotePrefix: row.credit_note_prefix,
  };
}

/** The one settings row (id 1) as written, with who changed it and when. */
export function invoiceSettingsRow(
  settings: InvoiceSettings,
  at: Date,
  by: string,
): Insertable<InvoiceSettingsTable> {
  return {
    id: 1,
    legal_name: settings.legalName,
    address: settings.address,
    gstin: settings.gstin,
    state_code: settings.stateCode,
    regime: settings.regime,
    specified_premises: settings.specifiedPremises ? 1 : 0,
    invoice_prefix: settings.invoicePrefix,
    credit_note_prefix: settings.creditNotePrefix,
    updated_at: at.toISOString(),
    updated_by: by,
  };
}
