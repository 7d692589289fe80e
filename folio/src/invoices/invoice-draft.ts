// The draft invoice: the folio's postings that are on no live invoice, read and handed to buildInvoice.
import type { Kysely } from 'kysely';
import { FolioError } from '../errors.js';
import { findFolio } from '../folios/folio.repository.js';
import { asMinorUnits } from '../money/index.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { requireProperty } from '../property/property.service.js';
import { type NightTax, parseNightTax } from '../tax/night-tax.js';
import { requireRegimeCurrency } from '../tax/tax-lines.js';
import { buildInvoice, type InvoicePosting } from './build-invoice.js';
import { countLiveInvoices, findInvoiceSettings, selectUninvoicedPostings } from './invoice.repository.js';
import type { InvoiceDocument } from './invoice-document.js';
import { type InvoiceRequest, validateInvoiceRequest } from './invoice-request.js';
import { type InvoiceSettings, toInvoiceSettings } from './invoice-settings.js';

type Db = Kysely<FolioDatabase>;

/** TAX postings an invoice or credit note wrote: represented by that document, never invoiced as lines. */
const GENERATED = /^(invoice|credit-note):/;

export async function requireInvoiceSettings(trx: Db): Promise<InvoiceSettings> {
  const row = await findInvoiceSettings(trx);
  if (!row) throw new FolioError('NOT_FOUND', 'invoicing is not configured', { entity: 'invoice_settings' });
  return toInvoiceSettings(row);
}

/**
 * The draft invoice of a folio window's uninvoiced postings. NOT_FOUND (settings, folio), NOTHING_TO_INVOICE,
 * INVOICE_ALREADY_FINALIZED (every charge is on a live invoice), VALIDATION_FAILED.
 */
export async function draftInvoice(trx: Db, request: InvoiceRequest): Promise<InvoiceDocument> {
  return (await loadDraft(trx, request)).document;
}

/** A night-tax posting (or a correction of one) the invoice covers: not on the document, netted at finalize. */
export interface CoveredNightTax extends NightTax {
  postingId: string;
  description: string;
}

/**
 * The draft, and the uninvoiced night-tax postings of the same service period (tax/night-tax.ts): they are
 * not lines of the document (it shows the full computed tax per line, as without them); finalize posts only
 * the computed tax minus theirs, and lists them on the invoice so a later invoice does not count them again.
 */
export async function loadDraft(
  trx: Db,
  request: InvoiceRequest,
): Promise<{ document: InvoiceDocument; nightTaxes: CoveredNightTax[] }> {
  const valid = validateInvoiceRequest(request);
  const settings = await requireInvoiceSettings(trx);
  const property = await requireProperty(trx);
  requireRegimeCurrency(settings.regime, property.currency);
  const folio = await findFolio(trx, valid.folioId);
  if (!folio) throw new FolioError('NOT_FOUND', 'unknown folio', { folioId: valid.folioId });
  const guest = await trx
    .selectFrom('stays')
    .innerJoin('guests', 'guests.id', 'stays.guest_id')
    .select(['stays.arrival', 'guests.title', 'guests.first_name', 'guests.last_name'])
    .where('stays.id', '=', folio.stay_id)
    .executeTakeFirstOrThrow();
  const period = valid.servicePeriod;
  const uninvoiced = (await selectUninvoicedPostings(trx, folio.id)).filter(
    (p) => period === null || (p.service_date >= period.from && p.service_date <= period.to),
  );
  const nightTaxes: CoveredNightTax[] = [];
  for (const p of uninvoiced) {
    const tax = parseNightTax(p.rule_applied);
    if (tax) {
      nightTaxes.push({
        ...tax,
        amountMinor: asMinorUnits(p.amount_minor),
        postingId: p.id,
        description: p.description,
      });
    }
  }
  const postings: InvoicePosting[] = uninvoiced
    .filter((p) => parseNightTax(p.rule_applied) === null)
    .map((p) => ({
      id: p.id,
      type: p.type,
      amountMinor: p.amount_minor,
      description: p.description,
      serviceDate: p.service_date,
      taxDate: p.tax_base_date ?? p.service_date,
      nightDate: p.stay_date ?? p.tax_base_date ?? p.service_date,
      category: p.category,
      sac: p.sac,
      outletTaxed: Number(p.outlet_taxed) === 1,
      generatedTax: p.type === 'TAX' && GENERATED.test(p.charge_ref ?? ''),
    }))
    .filter((p) => !p.generatedTax);
  if (!postings.some((p) => p.type !== 'DEPOSIT' && p.type !== 'PAYMENT' && p.type !== 'REFUND')) {
    const invoiced = (await countLiveInvoices(trx, folio.id)) > 0;
    throw new FolioError(
      invoiced ? 'INVOICE_ALREADY_FINALIZED' : 'NOTHING_TO_INVOICE',
      invoiced
        ? 'every charge of this folio is on a finalized invoice'
        : 'the folio has no charges to invoice',
      { folioId: folio.id },
    );
  }
  const guestName = [guest.title, guest.first_name, guest.last_name].filter(Boolean).join(' ');
  const document = buildInvoice({
    folioId: folio.id,
    currency: property.currency,
    regime: settings.regime,
    issueDate: property.businessDate,
    supplier: {
      name: settings.legalName,
      address: settings.address,
      gstin: settings.gstin,
      stateCode: settings.stateCode,
    },
    billTo: valid.billTo ?? { name: guestName, address: null, gstin: null, stateCode: null },
    placeOfSupply: settings.regime === 'IN_GST' ? settings.stateCode : null,
    specifiedPremises: settings.specifiedPremises,
    stayArrival: guest.arrival,
    postings,
  });
  return { document, nightTaxes };
}
