// The tax lines of a check as an Indian bill shows them (CGST Rule 46: rate and amount of each of
// CGST and SGST, the supplier's GSTIN): GST is split per rate into CGST + SGST at half the rate each,
// the odd paisa to CGST so the halves add up to the tax the guest pays (the same split the folio's
// invoice makes, folio/src/tax/outlet-tax.ts); alcohol outside GST shows as the state's VAT at its
// rate. An outlet without a GSTIN keeps one "Tax" line (no breakdown). Pure: no I/O.
import { Decimal } from 'decimal.js';

/** The tax of the check's lines of one tax class and rate, as the outlet priced them. */
export interface TaxGroup {
  /** The catalog item's tax class (e.g. GST_FOOD, VAT_LIQUOR); CUSTOM and DELIVERY for those lines. */
  taxClass: string;
  /** Decimal fraction ("0.18"). */
  rate: string;
  taxableMinor: number;
  taxMinor: number;
}

/** One printed tax line: `CGST 9%  ₹81.00`. */
export interface TaxLineView {
  code: 'CGST' | 'SGST' | 'VAT';
  /** The rate in percent as a decimal string ("9", "2.5"). */
  ratePercent: string;
  amountMinor: number;
}

/** What a stored charge keeps to print its tax the same way again (charges.tax_json). */
export interface StoredTaxDetail {
  gstin: string | null;
  lines: TaxLineView[];
}

/** Adds a line's tax to its class-and-rate group (first-seen order). */
export function addToTaxGroups(
  groups: TaxGroup[],
  taxClass: string,
  rate: string,
  taxableMinor: number,
  taxMinor: number,
): void {
  const normalized = new Decimal(rate).toString();
  const group = groups.find((g) => g.taxClass === taxClass && g.rate === normalized);
  if (group) {
    group.taxableMinor += taxableMinor;
    group.taxMinor += taxMinor;
  } else {
    groups.push({ taxClass, rate: normalized, taxableMinor, taxMinor });
  }
}

/** Tax classes outside GST in India: alcohol for human consumption pays the state's VAT. */
const isVat = (taxClass: string) => /^VAT(_|$)/i.test(taxClass);

/**
 * The tax lines to print and show for an outlet with this GSTIN; none (one "Tax" line) without one.
 * GST groups of the same rate are added together before they are split, as the bill shows them.
 */
export function taxBreakdown(groups: readonly TaxGroup[], gstin: string | null): TaxLineView[] {
  if (!gstin) return [];
  const gst = new Map<string, number>();
  const vat = new Map<string, number>();
  for (const g of groups) {
    if (g.taxMinor === 0) continue;
    const into = isVat(g.taxClass) ? vat : gst;
    into.set(g.rate, (into.get(g.rate) ?? 0) + g.taxMinor);
  }
  const percent = (rate: string, divisor: number) =>
    new Decimal(rate).times(100).dividedBy(divisor).toString();
  const lines: TaxLineView[] = [];
  for (const [rate, tax] of gst) {
    const cgst = Math.ceil(tax / 2);
    lines.push({ code: 'CGST', ratePercent: percent(rate, 2), amountMinor: cgst });
    lines.push({ code: 'SGST', ratePercent: percent(rate, 2), amountMinor: tax - cgst });
  }
  for (const [rate, tax] of vat) lines.push({ code: 'VAT', ratePercent: percent(rate, 1), amountMinor: tax });
  return lines;
}

/** A stored `tax_json`, or null for a charge made before it was kept (prints one "Tax" line). */
export function parseStoredTax(json: string | null): StoredTaxDetail | null {
  if (!json) return null;
  const parsed = JSON.parse(json) as StoredTaxDetail;
  return { gstin: parsed.gstin ?? null, lines: Array.isArray(parsed.lines) ? parsed.lines : [] };
}
