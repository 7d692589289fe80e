// The property as a person manages it: name, time zone and its tax identity (invoicing party, GSTIN, state
// code, "specified premises"), read and changed as one record. The currency and the business date are shown
// but not changed here: every folio and posting is in the currency, and night audit moves the date.
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { findInvoiceSettings, upsertInvoiceSettings } from '../invoices/invoice.repository.js';
import {
  type InvoiceSettings,
  type InvoiceSettingsInput,
  invoiceSettingsRow,
  toInvoiceSettings,
  validateInvoiceSettings,
} from '../invoices/invoice-settings.js';
import { requireRegimeCurrency } from '../tax/tax-lines.js';
import type { TaxRegime } from '../tax/tax-types.js';
import { invalid, requireText } from '../validation.js';
import { findProperty, updatePropertyIdentity } from './property.repository.js';
import { requireTimeZone } from './property.service.js';

export interface PropertyProfile {
  name: string;
  currency: string;
  timeZone: string;
  businessDate: string;
  /** The invoicing party; null fields until invoicing is configured. */
  legalName: string | null;
  address: string | null;
  gstin: string | null;
  stateCode: string | null;
  regime: TaxRegime | null;
  specifiedPremises: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Every field optional: what is left out keeps its value. */
export interface UpdatePropertyInput {
  name?: string;
  /** Read-only, like businessDate: accepted only unchanged, so a GET answer can be sent back as it is. */
  currency?: string;
  businessDate?: string;
  timeZone?: string;
  legalName?: string;
  address?: string;
  gstin?: string | null;
  stateCode?: string | null;
  regime?: TaxRegime;
  specifiedPremises?: boolean;
}

const IDENTITY_FIELDS = [
  'legalName',
  'address',
  'gstin',
  'stateCode',
  'regime',
  'specifiedPremises',
] as const;

export function createPropertyProfileService({ db, clock }: FolioContext) {
  async function read(trx: FolioContext['db']): Promise<PropertyProfile> {
    const property = await findProperty(trx);
    if (!property)
      throw new FolioError('NOT_FOUND', 'the property is not configured', { entity: 'property' });
    const row = await findInvoiceSettings(trx);
    const settings = row ? toInvoiceSettings(row) : null;
    return {
      name: property.name,
      currency: property.currency,
      timeZone: property.time_zone,
      businessDate: property.business_date,
      legalName: settings?.legalName ?? null,
      address: settings?.address ?? null,
      gstin: settings?.gstin ?? null,
      stateCode: settings?.stateCode ?? null,
      regime: settings?.regime ?? null,
      specifiedPremises: settings?.specifiedPremises ?? false,
      updatedAt: row?.updated_at ?? null,
      updatedBy: row?.updated_by ?? null,
    };
  }

  return {
    /** NOT_FOUND until the property is configured. */
    async getPropertyProfile(): Promise<PropertyProfile> {
      return read(db);
    },

    /**
     * Validates every field before writing any (VALIDATION_FAILED names the first bad one), then writes the
     * property row and the invoice settings in one transaction, attributed to `by`.
     */
    async updatePropertyProfile(input: UpdatePropertyInput, by: string): Promise<PropertyProfile> {
      const actor = requireText(by, 'by', 64);
      if (typeof input !== 'object' || input === null || Object.keys(input).length === 0) {
        throw invalid('body', 'name at least one field to change');
      }
      return db.transaction().execute(async (trx) => {
        const current = await read(trx);
        if (input.currency !== undefined && input.currency !== current.currency) {
          throw invalid('currency', 'cannot change: every folio and posting is in the property currency', {
            current: current.currency,
          });
        }
        const name = input.name === undefined ? current.name : requireText(input.name, 'name');
        const timeZone = input.timeZone === undefined ? current.timeZone : requireTimeZone(input.timeZone);
        if (input.businessDate !== undefined && input.businessDate !== current.businessDate) {
          throw invalid('businessDate', 'is moved on by night audit (POST /api/night-audit), not set here', {
            current: current.businessDate,
          });
        }
        let settings: InvoiceSettings | null = null;
        const existing = await findInvoiceSettings(trx);
        // With invoicing configured its row is rewritten on every change, so updatedBy names who made it.
        if (existing || IDENTITY_FIELDS.some((field) => input[field] !== undefined)) {
          const merged: InvoiceSettingsInput = {
            legalName: input.legalName ?? current.legalName ?? '',
            address: input.address ?? current.address ?? '',
            gstin: input.gstin === undefined ? current.gstin : input.gstin,
            // A new GSTIN brings its own state unless a state code is given with it.
            stateCode:
              input.stateCode !== undefined
                ? input.stateCode
                : input.gstin !== undefined
                  ? null
                  : current.stateCode,
            regime: input.regime ?? current.regime ?? ('' as TaxRegime),
            specifiedPremises: input.specifiedPremises ?? current.specifiedPremises,
            ...(existing
              ? { invoicePrefix: existing.invoice_prefix, creditNotePrefix: existing.credit_note_prefix }
              : {}),
          };
          settings = validateInvoiceSettings(merged);
          requireRegimeCurrency(settings.regime, current.currency);
        }
        await updatePropertyIdentity(trx, { name, time_zone: timeZone });
        if (settings) {
          await upsertInvoiceSettings(trx, invoiceSettingsRow(settings, clock.now(), actor));
        }
        return read(trx);
      });
    },
  };
}
