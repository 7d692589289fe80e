// Room tax posted with the night (OPERA's tax "generates"): whoever posts a room night (night audit, the
// room-nights route, checkout) also posts the night's tax as one TAX posting per tax code, in the same
// transaction, keyed (folio, stay date, `TAX:{code}`) by the night key and charge_ref
// `night-tax:{folioId}:{stayDate}:{code}`. The invoice then posts only the difference between the tax it
// computes and the night tax still live on what it covers (docs/taxes-and-invoices.md). Pure: no database.
import { asMinorUnits, type MinorUnits } from '../money/index.js';
import type { TaxLine } from './tax-types.js';

/** rule_applied of a night-tax posting and of every correction of it (voids and transfers copy it). */
const MARK = 'NIGHT_TAX';

/** One tax code and rate of a night, summed over the night's priced lines. */
export interface NightTax {
  code: string;
  /** Decimal string ("0.09"), or null for a flat per-night amount. */
  rate: string | null;
  label: string;
  amountMinor: MinorUnits;
}

/** The night's taxes per code and rate (a night has one slab, so one rate per code); zero sums dropped. */
export function nightTaxes(lines: ReadonlyArray<{ taxes: readonly TaxLine[] }>): NightTax[] {
  const byKey = new Map<string, NightTax>();
  for (const tax of lines.flatMap((l) => l.taxes)) {
    const key = taxKey(tax.code, tax.rate);
    const row = byKey.get(key) ?? {
      code: tax.code,
      rate: tax.rate,
      label: tax.label,
      amountMinor: asMinorUnits(0),
    };
    row.amountMinor = asMinorUnits(row.amountMinor + tax.amountMinor);
    byKey.set(key, row);
  }
  return [...byKey.values()].filter((t) => t.amountMinor !== 0);
}

/** The posting fields of a night's tax line: key code, charge_ref, rule_applied (carries code, rate, label). */
export function nightTaxPosting(folioId: string, stayDate: string, tax: NightTax) {
  return {
    code: `TAX:${tax.code}`,
    chargeRef: `night-tax:${folioId}:${stayDate}:${tax.code}`,
    ruleApplied: `${MARK} ${tax.code} ${tax.rate ?? 'flat'} ${tax.label}`,
    description: `${tax.label} - night of ${stayDate}`,
  };
}

/** A night-tax posting or a correction of one, read back from its rule_applied; null for anything else. */
export function parseNightTax(ruleApplied: string | null): Omit<NightTax, 'amountMinor'> | null {
  const match = /^NIGHT_TAX (\S+) (\S+) (.*)$/.exec(ruleApplied ?? '');
  if (!match) return null;
  const [, code, rate, label] = match as unknown as [string, string, string, string];
  return { code, rate: rate === 'flat' ? null : rate, label };
}

export function taxKey(code: string, rate: string | null): string {
  return `${code}|${rate ?? ''}`;
}

/**
 * What an invoice posts: per code and rate, the tax it computes minus the night tax already live on the
 * postings it covers (zero when nothing changed since the night was posted). Computed rows first in their
 * order, then codes/rates only the night tax has (a slab that no longer applies, a voided night).
 */
export function taxStillToPost(
  computed: ReadonlyArray<{ code: string; rate: string | null; label: string; amountMinor: number }>,
  posted: ReadonlyArray<Omit<NightTax, 'amountMinor'> & { amountMinor: number }>,
): Array<{ amountMinor: number; description: string }> {
  const already = new Map<string, { label: string; amountMinor: number }>();
  for (const p of posted) {
    const key = taxKey(p.code, p.rate);
    already.set(key, { label: p.label, amountMinor: (already.get(key)?.amountMinor ?? 0) + p.amountMinor });
  }
  const out = computed.map((row) => {
    const key = taxKey(row.code, row.rate);
    const before = already.get(key)?.amountMinor ?? 0;
    already.delete(key);
    return { amountMinor: row.amountMinor - before, description: row.label };
  });
  for (const rest of already.values()) out.push({ amountMinor: -rest.amountMinor, description: rest.label });
  return out;
}

/**
 * Per code and rate, the tax computed minus the tax already posted (night tax, earlier checkout tax, an
 * outlet's tax): what checkout posts as covered tax before the invoice, zero rows dropped.
 */
export function taxDueByCode(
  computed: ReadonlyArray<{ code: string; rate: string | null; label: string; amountMinor: number }>,
  posted: ReadonlyArray<Omit<NightTax, 'amountMinor'> & { amountMinor: number }>,
): NightTax[] {
  const rows = new Map<string, NightTax>();
  const add = (t: { code: string; rate: string | null; label: string }, amount: number) => {
    const key = taxKey(t.code, t.rate);
    const row = rows.get(key) ?? { code: t.code, rate: t.rate, label: t.label, amountMinor: asMinorUnits(0) };
    row.amountMinor = asMinorUnits(row.amountMinor + amount);
    rows.set(key, row);
  };
  for (const c of computed) add(c, c.amountMinor);
  for (const p of posted) add(p, -p.amountMinor);
  return [...rows.values()].filter((r) => r.amountMinor !== 0);
}

/** The posting fields of tax checkout posts ahead of the invoice: read back like night tax (parseNightTax). */
export function checkoutTaxPosting(folioId: string, stamp: string, tax: NightTax) {
  return {
    chargeRef: `checkout-tax:${folioId}:${stamp}`,
    ruleApplied: `${MARK} ${tax.code} ${tax.rate ?? 'flat'} ${tax.label}`,
    description: `${tax.label} - at checkout`,
  };
}
