// The tax an outlet charge arrives with, kept per category and rate so the invoice can show it as Rule 46
// asks (rate, CGST/SGST or IGST, taxable value, SAC) instead of one "tax already on the folio" row. The
// outlet computed it (DESIGN: the PMS side checks totals, it does not recompute); we only split and show
// it. Pure: no database.
import { Decimal } from 'decimal.js';
import { applyRate, asMinorUnits, roundToMinor } from '../money/index.js';
import { GST_SAC } from './gst-periods.js';
import type { ChargeCategory, TaxLine } from './tax-types.js';

/**
 * The tax an outlet item pays: GST, or the state's VAT on alcohol for human consumption (outside GST,
 * Constitution art. 366(12A); the item's catalog tax class `VAT_…`). VAT is one line at its rate, never
 * split into CGST + SGST.
 */
export type OutletTaxCode = 'GST' | 'VAT';

/** `VAT`, `VAT_LIQUOR`: the catalog tax classes outside GST (the edge's receipt reads them the same way). */
export const outletTaxCodeOf = (taxClass: string | undefined): OutletTaxCode =>
  taxClass !== undefined && /^VAT(_|$)/i.test(taxClass) ? 'VAT' : 'GST';

export interface OutletTaxGroup {
  /** Absent in groups stored before it was kept: GST. */
  code?: OutletTaxCode;
  category: ChargeCategory;
  sac: string | null;
  /** Decimal fraction ("0.05"); null when the outlet sent none and none could be derived. */
  rate: string | null;
  taxableMinor: number;
  taxMinor: number;
}

/** One item of an outlet charge as the folio receives it; rate, category and SAC are optional. */
export interface OutletItemTax {
  amountMinor: number;
  taxMinor: number;
  /** Decimal fraction, e.g. "0.05". */
  taxRate?: string | undefined;
  category?: ChargeCategory | undefined;
  sac?: string | undefined;
  /** The catalog item's tax class (`GST_FOOD`, `VAT_LIQUOR`): picks the tax the invoice names. */
  taxClass?: string | undefined;
}

/** GST rates an Indian outlet item can carry; an item without a rate gets the one that reproduces its tax. */
const GST_RATES = ['0', '0.05', '0.12', '0.18', '0.28', '0.4'];
/** What an outlet posts when it does not say: restaurant service (seed 000 outlets are F&B). */
export const OUTLET_DEFAULT_CATEGORY: ChargeCategory = 'FOOD_BEVERAGE';

/**
 * derivedRate's answers, kept (bounded): a burst of charges repeats a few prices, and each answer
 * otherwise parses decimals (up to six trial rates per item without a rate).
 */
const normalizedRates = new Map<string, string>();
const slabs = new Map<string, string | null>();
const MEMO_SIZE = 4096;

function remember<V>(memo: Map<string, V>, key: string, value: V): V {
  if (memo.size >= MEMO_SIZE) memo.clear();
  memo.set(key, value);
  return value;
}

function derivedRate(item: OutletItemTax, code: OutletTaxCode): string | null {
  if (item.taxRate !== undefined) {
    return (
      normalizedRates.get(item.taxRate) ??
      remember(normalizedRates, item.taxRate, new Decimal(item.taxRate).toString())
    );
  }
  // A VAT rate is the state's: it is never guessed from the GST slabs.
  if (item.amountMinor === 0 || code === 'VAT') return null;
  const key = `${item.amountMinor}:${item.taxMinor}`;
  const known = slabs.get(key);
  if (known !== undefined) return known;
  return remember(
    slabs,
    key,
    GST_RATES.find((r) => applyRate(item.amountMinor, r, 'HALF_UP') === item.taxMinor) ?? null,
  );
}

/** Items grouped by category, SAC and rate, in first-seen order. */
export function outletTaxGroups(items: readonly OutletItemTax[]): OutletTaxGroup[] {
  const groups = new Map<string, OutletTaxGroup>();
  for (const item of items) {
    const category = item.category ?? OUTLET_DEFAULT_CATEGORY;
    const code = outletTaxCodeOf(item.taxClass);
    // A GST SAC does not describe a supply outside GST.
    const sac = item.sac ?? (code === 'VAT' ? null : (GST_SAC[category] ?? null));
    const rate = derivedRate(item, code);
    const key = `${code}|${category}|${sac ?? ''}|${rate ?? ''}`;
    const group = groups.get(key) ?? { code, category, sac, rate, taxableMinor: 0, taxMinor: 0 };
    group.taxableMinor += item.amountMinor;
    group.taxMinor += item.taxMinor;
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** The category of the charge's POS line: its largest group's (by taxable value). */
export function mainCategory(groups: readonly OutletTaxGroup[]): OutletTaxGroup | null {
  return [...groups].sort((a, b) => b.taxableMinor - a.taxableMinor)[0] ?? null;
}

const scaled = (value: number, num: number, den: number) =>
  den === 0 || num === den ? value : roundToMinor(new Decimal(value).times(num).dividedBy(den), 'HALF_UP');

/**
 * Tax lines of an outlet line that carries `num / den` of what the outlet posted (1 for the line itself; a
 * part for a partial correction, negative for a void). Each group's tax is split CGST + SGST, the odd paisa
 * to CGST, so the halves add up to what the guest paid; IGST when the supply is inter-state. A group
 * without a rate shows as one "GST" line with no rate. A VAT group is one "VAT @ rate" line.
 */
export function outletTaxLines(
  groups: readonly OutletTaxGroup[],
  num: number,
  den: number,
  interState: boolean,
): TaxLine[] {
  const lines: TaxLine[] = [];
  for (const g of groups) {
    const base = asMinorUnits(scaled(g.taxableMinor, num, den));
    const tax = scaled(g.taxMinor, num, den);
    if (tax === 0 && base === 0) continue;
    const line = (code: string, rate: string | null, amount: number): TaxLine => ({
      code,
      label: rate === null ? `${code} (outlet)` : `${code} @ ${new Decimal(rate).times(100).toString()}%`,
      rate,
      baseMinor: base,
      amountMinor: asMinorUnits(amount),
      sac: g.sac,
    });
    if (g.code === 'VAT') {
      if (g.rate === null || !new Decimal(g.rate).isZero()) lines.push(line('VAT', g.rate, tax));
    } else if (g.rate === null) {
      lines.push(line('GST', null, tax));
    } else if (new Decimal(g.rate).isZero()) {
      // nil-rated: no tax line
    } else if (interState) {
      lines.push(line('IGST', g.rate, tax));
    } else {
      const half = new Decimal(g.rate).dividedBy(2).toString();
      const cgst = Math.sign(tax) * Math.ceil(Math.abs(tax) / 2);
      lines.push(line('CGST', half, cgst), line('SGST', half, tax - cgst));
    }
  }
  return lines;
}
