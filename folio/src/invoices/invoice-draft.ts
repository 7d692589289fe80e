// The draft invoice: the folio's postings that are on no live invoice, read and handed to buildInvoice.
import type { Kysely } from 'kysely';
import { FolioError } from '../errors.js';
import { findFolio } from '../folios/folio.repository.js';
import { asMinorUnits } from '../money/index.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { requireProperty } from '../property/property.service.js';
import { type NightTax, parseNightTax } from '../tax/night-tax.js';
import { type OutletTaxGroup, outletTaxLines } from '../tax/outlet-tax.js';
import { requireRegimeCurrency } from '../tax/tax-lines.js';
import type { ChargeCategory } from '../tax/tax-types.js';
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
    .select([
      'stays.arrival',
      'guests.title',
      'guests.first_name',
      'guests.last_name',
      'guests.billing_name',
      'guests.billing_gstin',
      'guests.billing_address',
      'guests.billing_state_code',
    ])
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
  // India: an outlet line shows the tax lines its charge arrived with (Rule 46), scaled to the part of the
  // origin it carries; the outlet's TAX posting is then covered tax, netted at finalize like night tax.
  const interState = false; // lodging and hotel restaurants: place of supply is the property (IGST s.12(3)(b))
  const details =
    settings.regime === 'IN_GST'
      ? await outletTaxDetails(
          trx,
          uninvoiced.filter((p) => Number(p.outlet_taxed) === 1).map((p) => p.origin_charge_ref ?? ''),
        )
      : new Map<string, OutletTaxGroup[]>();
  const outletTaxesOf = (p: (typeof uninvoiced)[number]) => {
    const groups = Number(p.outlet_taxed) === 1 ? details.get(p.origin_charge_ref ?? '') : undefined;
    if (!groups) return null;
    if (p.type === 'TAX' || p.origin_type === 'TAX') {
      return outletTaxLines(groups, p.amount_minor, p.origin_amount_minor, interState);
    }
    if (p.category === 'TIP' || p.origin_type !== 'POS') return [];
    return outletTaxLines(groups, p.amount_minor, p.origin_amount_minor, interState);
  };
  const postings: InvoicePosting[] = [];
  for (const p of uninvoiced) {
    if (parseNightTax(p.rule_applied) !== null) continue;
    if (p.type === 'TAX' && GENERATED.test(p.charge_ref ?? '')) continue;
    const outletTaxes = outletTaxesOf(p);
    if (p.type === 'TAX' && outletTaxes !== null) {
      for (const tax of outletTaxes) {
        nightTaxes.push({
          code: tax.code,
          rate: tax.rate,
          label: tax.label,
          amountMinor: tax.amountMinor,
          postingId: p.id,
          description: `${tax.label} - ${p.description}`,
        });
      }
      continue;
    }
    postings.push({
      id: p.id,
      type: p.type,
      amountMinor: p.amount_minor,
      description: p.description,
      serviceDate: p.service_date,
      taxDate: p.tax_base_date ?? p.service_date,
      nightDate: p.stay_date ?? p.origin_stay_date ?? p.tax_base_date ?? p.service_date,
      unit: p.origin_stay_id,
      slabValueMinor: p.slab_value_minor,
      nightLine: p.stay_date !== null || p.origin_stay_date !== null,
      category: p.category,
      sac: p.sac,
      outletTaxed: Number(p.outlet_taxed) === 1,
      outletTaxes,
      generatedTax: false,
    });
  }
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
    // Bill-to: as asked, else the billing identity on the guest's profile (a company and its GSTIN), else
    // the guest's name (Rule 46 (d): the recipient's name, address and GSTIN if registered).
    billTo: valid.billTo ?? {
      name: guest.billing_name ?? guestName,
      address: guest.billing_address,
      gstin: guest.billing_gstin,
      stateCode: guest.billing_state_code ?? guest.billing_gstin?.slice(0, 2) ?? null,
    },
    placeOfSupply: settings.regime === 'IN_GST' ? settings.stateCode : null,
    specifiedPremises: settings.specifiedPremises,
    stayArrival: guest.arrival,
    postings,
  });
  return { document, nightTaxes };
}

/** The stored tax lines of the named outlet charges, by charge id. */
export async function outletTaxDetails(trx: Db, chargeIds: string[]): Promise<Map<string, OutletTaxGroup[]>> {
  const ids = [...new Set(chargeIds.filter((id) => id !== ''))];
  const out = new Map<string, OutletTaxGroup[]>();
  if (ids.length === 0) return out;
  const rows = await trx
    .selectFrom('outlet_tax_lines')
    .selectAll()
    .where('charge_id', 'in', ids)
    .orderBy('charge_id')
    .orderBy('group_no')
    .execute();
  for (const r of rows) {
    const list = out.get(r.charge_id) ?? [];
    list.push({
      code: r.tax_code === 'VAT' ? 'VAT' : 'GST',
      category: r.category as ChargeCategory,
      sac: r.sac,
      rate: r.rate,
      taxableMinor: r.taxable_minor,
      taxMinor: r.tax_minor,
    });
    out.set(r.charge_id, list);
  }
  return out;
}
