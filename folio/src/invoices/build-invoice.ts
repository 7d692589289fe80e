// Builds an invoice from folio postings. Pure: the service reads the postings, this does the arithmetic.
import type { PostingType } from '../folios/posting-type.js';
import { asMinorUnits, type MinorUnits, sumMinor } from '../money/index.js';
import { GST_SAC } from '../tax/gst-periods.js';
import { taxLinesFor } from '../tax/tax-lines.js';
import type { ChargeCategory, TaxLine, TaxRegime } from '../tax/tax-types.js';
import { amountInWords } from './amount-in-words.js';
import type {
  InvoiceChargeLine,
  InvoiceDocument,
  InvoicePaymentLine,
  InvoiceSection,
  InvoiceSectionTotal,
  Party,
  TaxBreakupRow,
} from './invoice-document.js';
import { INVOICE_SECTIONS } from './invoice-document.js';

export interface InvoicePosting {
  id: string;
  type: PostingType;
  amountMinor: number;
  description: string;
  serviceDate: string;
  /** The date whose tax rates apply: an adjustment keeps its original's (tax_base_date). */
  taxDate: string;
  /** The night a room-category line belongs to (stay date), which picks the slab with the night's value. */
  nightDate: string;
  /**
   * The unit of accommodation the line's origin was posted for (its stay): the slab is decided per room
   * per night (domain.md §3, "per unit per day"), whatever window the night sits on now.
   */
  unit?: string;
  /** Set when the line's slab is not its night's sum (an early-departure fee: the released nights' value). */
  slabValueMinor?: number | null;
  /** Posted by the night audit for a night (stay_date set): its room-related type means ROOM. */
  nightLine?: boolean;
  category: ChargeCategory | null;
  sac: string | null;
  /** Part of an outlet room charge: its tax arrived with it as a TAX posting and is not recomputed. */
  outletTaxed: boolean;
  /**
   * India: the tax lines the outlet charge arrived with, for this line (an outlet POS line, or an outlet
   * TAX posting, which they represent); empty for a gratuity. Null when not an outlet line or no detail.
   */
  outletTaxes?: TaxLine[] | null;
  /** A TAX posting an earlier invoice or credit note wrote: represented by that invoice, not this one. */
  generatedTax: boolean;
}

export interface BuildInvoiceInput {
  folioId: string;
  currency: string;
  regime: TaxRegime;
  issueDate: string;
  supplier: Party;
  billTo: Party;
  placeOfSupply: string | null;
  specifiedPremises: boolean;
  /** First night of the stay (NYC permanent-resident rules count nights from it). */
  stayArrival: string | null;
  postings: InvoicePosting[];
}

const CHARGE_TYPES: ReadonlySet<PostingType> = new Set([
  'ROOM',
  'POS',
  'SURCHARGE',
  'DISCOUNT',
  'ADJUSTMENT',
]);
const PAYMENT_TYPES: ReadonlySet<PostingType> = new Set(['DEPOSIT', 'PAYMENT', 'REFUND']);
const FOOD: ReadonlySet<ChargeCategory> = new Set(['FOOD_BEVERAGE', 'ALCOHOL', 'MINIBAR', 'BANQUET']);
const DAY_MS = 86_400_000;

/**
 * A posting without a category of its own or of its origin. ROOM only for what is a room night: a ROOM
 * posting, or a night-audit line of a night (extra bed, weekend surcharge, room discount). POS is F&B. A
 * desk SURCHARGE/DISCOUNT/ADJUSTMENT without a category is MISC (taxed as a service, never moving a room
 * night's slab); new ones must name their category (folio-ops.service.ts).
 */
export function defaultCategory(type: PostingType, nightLine = false): ChargeCategory {
  if (type === 'POS') return 'FOOD_BEVERAGE';
  if (type === 'ROOM' || nightLine) return 'ROOM';
  return 'MISC';
}

function sectionOf(type: PostingType, category: ChargeCategory): InvoiceSection {
  if (type === 'SURCHARGE') return 'SURCHARGES';
  if (type === 'DISCOUNT') return 'DISCOUNTS';
  if (type === 'ADJUSTMENT') return 'ADJUSTMENTS';
  if (category === 'TIP') return 'GRATUITIES';
  if (category === 'ROOM') return 'ROOM';
  return FOOD.has(category) ? 'FOOD_BEVERAGE' : 'OTHER_SERVICES';
}

export function buildInvoice(input: BuildInvoiceInput): InvoiceDocument {
  const charges = input.postings.filter((p) => CHARGE_TYPES.has(p.type));
  const categoryOf = (p: InvoicePosting) => p.category ?? defaultCategory(p.type, p.nightLine ?? false);
  // Domain.md §3: the slab is picked by the value of one unit for one day, extra bed and discounts
  // included; one unit = the room (stay) the night was posted for, even on a group or company window.
  const nightKey = (p: InvoicePosting) => `${p.unit ?? ''}|${p.nightDate}`;
  const nightly = new Map<string, number>();
  for (const p of charges) {
    if (!p.outletTaxed && (p.slabValueMinor ?? null) === null && categoryOf(p) === 'ROOM') {
      nightly.set(nightKey(p), (nightly.get(nightKey(p)) ?? 0) + p.amountMinor);
    }
  }
  const lines: InvoiceChargeLine[] = charges.map((p) => {
    const category = categoryOf(p);
    const slabValue = p.slabValueMinor ?? Math.max(0, nightly.get(nightKey(p)) ?? 0);
    const taxes: TaxLine[] = p.outletTaxed
      ? (p.outletTaxes ?? [])
      : taxLinesFor({
          regime: input.regime,
          serviceDate: p.taxDate,
          category,
          amountMinor: p.amountMinor,
          ...(category === 'ROOM' ? { nightlyRateMinor: slabValue } : {}),
          perNightFees: p.type === 'ROOM',
          ...(input.stayArrival === null ? {} : { nightNumber: nightNumber(input.stayArrival, p.nightDate) }),
          ...(input.supplier.stateCode === null ? {} : { supplierState: input.supplier.stateCode }),
          ...(input.placeOfSupply === null ? {} : { placeOfSupply: input.placeOfSupply }),
          specifiedPremises: input.specifiedPremises,
        }).map((tax) => (p.sac === null ? tax : { ...tax, sac: p.sac }));
    const defaultSac = input.regime === 'IN_GST' ? (GST_SAC[category] ?? null) : null;
    return {
      postingId: p.id,
      section: sectionOf(p.type, category),
      category,
      type: p.type,
      description: p.description,
      serviceDate: p.serviceDate,
      sac: p.sac ?? defaultSac,
      amountMinor: asMinorUnits(p.amountMinor),
      taxes,
    };
  });

  // Print order: by section (seed 004 §8), then by service date; the ledger order breaks ties.
  lines.sort(
    (a, b) =>
      INVOICE_SECTIONS.indexOf(a.section) - INVOICE_SECTIONS.indexOf(b.section) ||
      a.serviceDate.localeCompare(b.serviceDate),
  );
  // TAX postings not represented by line taxes: an outlet's tax without detail (non-GST regimes, or a
  // charge posted before the outlet sent its tax lines). Outlet tax with detail is on its lines instead.
  const allTax = input.postings.filter((p) => p.type === 'TAX' && !p.generatedTax);
  const postedTax = allTax.filter((p) => !p.outletTaxes);
  const outletTaxable = sumMinor(
    charges
      .filter((p) => p.outletTaxed && !p.outletTaxes && categoryOf(p) !== 'TIP')
      .map((p) => p.amountMinor),
  );
  const taxBreakup = breakup(
    lines.flatMap((l) => l.taxes),
    postedTax.length === 0
      ? null
      : { taxableMinor: outletTaxable, amountMinor: sumMinor(postedTax.map((p) => p.amountMinor)) },
  );
  const payments: InvoicePaymentLine[] = input.postings
    .filter((p) => PAYMENT_TYPES.has(p.type))
    .map((p) => ({
      postingId: p.id,
      type: p.type,
      description: p.description,
      date: p.serviceDate,
      amountMinor: asMinorUnits(-p.amountMinor),
    }));
  const subtotalMinor = sumMinor(lines.map((l) => l.amountMinor));
  const taxTotalMinor = sumMinor(taxBreakup.map((r) => r.amountMinor));
  const grandTotalMinor = asMinorUnits(subtotalMinor + taxTotalMinor);
  const paymentsTotalMinor = sumMinor(payments.map((p) => p.amountMinor));
  return {
    kind: 'INVOICE',
    status: 'DRAFT',
    number: null,
    issueDate: input.issueDate,
    folioId: input.folioId,
    currency: input.currency,
    regime: input.regime,
    supplier: input.supplier,
    billTo: input.billTo,
    placeOfSupply: input.placeOfSupply,
    lines,
    sections: sectionTotals(lines),
    subtotalMinor,
    postedTaxes: allTax.map((p) => ({
      postingId: p.id,
      description: p.description,
      amountMinor: asMinorUnits(p.amountMinor),
    })),
    taxBreakup,
    taxTotalMinor,
    grandTotalMinor,
    payments,
    paymentsTotalMinor,
    balanceDueMinor: asMinorUnits(grandTotalMinor - paymentsTotalMinor),
    amountInWords: amountInWords(grandTotalMinor, input.currency),
    creditsInvoiceNumber: null,
    reason: null,
  };
}

function nightNumber(arrival: string, night: string): number {
  return Math.max(1, Math.round((Date.parse(night) - Date.parse(arrival)) / DAY_MS) + 1);
}

const CODE_ORDER = ['CGST', 'SGST', 'IGST'];

/** Per code and rate; GST pairs print together (CGST 2.5 %, SGST 2.5 %, CGST 9 %, SGST 9 %). */
function breakup(
  taxes: TaxLine[],
  posted: { taxableMinor: MinorUnits; amountMinor: MinorUnits } | null,
): TaxBreakupRow[] {
  const rows = new Map<string, TaxBreakupRow>();
  for (const tax of taxes) {
    const key = `${tax.code}|${tax.rate ?? ''}`;
    const row = rows.get(key) ?? {
      code: tax.code,
      label: tax.label,
      rate: tax.rate,
      taxableMinor: asMinorUnits(0),
      amountMinor: asMinorUnits(0),
    };
    row.taxableMinor = asMinorUnits(row.taxableMinor + tax.baseMinor);
    row.amountMinor = asMinorUnits(row.amountMinor + tax.amountMinor);
    rows.set(key, row);
  }
  const rank = (code: string) => (CODE_ORDER.includes(code) ? CODE_ORDER.indexOf(code) : CODE_ORDER.length);
  const sorted = [...rows.values()]
    .filter((r) => r.amountMinor !== 0 || r.taxableMinor !== 0)
    .sort((a, b) => rateOf(a) - rateOf(b) || rank(a.code) - rank(b.code) || a.code.localeCompare(b.code));
  if (posted) {
    sorted.push({
      code: 'POSTED_TAX',
      label: 'Tax already on the folio (outlet)',
      rate: null,
      taxableMinor: posted.taxableMinor,
      amountMinor: posted.amountMinor,
    });
  }
  return sorted;
}

/** For ordering only: rates are exact decimal strings, and flat amounts (null) sort last. */
function rateOf(row: TaxBreakupRow): number {
  return row.rate === null ? Number.POSITIVE_INFINITY : Number(row.rate);
}

function sectionTotals(lines: InvoiceChargeLine[]): InvoiceSectionTotal[] {
  const totals: InvoiceSectionTotal[] = [];
  for (const section of INVOICE_SECTIONS) {
    const inSection = lines.filter((l) => l.section === section);
    const categories =
      section === 'SURCHARGES'
        ? [...new Set(inSection.map((l) => l.category))]
        : [null as ChargeCategory | null];
    for (const category of categories) {
      const picked = inSection.filter((l) => category === null || l.category === category);
      if (picked.length > 0) {
        totals.push({ section, category, totalMinor: sumMinor(picked.map((l) => l.amountMinor)) });
      }
    }
  }
  return totals;
}
