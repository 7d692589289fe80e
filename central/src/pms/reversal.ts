import type { PmsChargeRequest, PmsVoidRequest } from './adapter.js';

/**
 * The void of a charge as a charge of its own with every amount negated, for PMSs where a reversal
 * is a negative posting (Mews rebate items, OPERA Cloud negative `price.amount`, HTNG negative
 * revenue, FIAS negative TA): pms-interfaces.md §9 "Charges cannot be edited or deleted". It carries
 * the void's own id as its reference, so a retried void is recognised like a retried charge.
 */
export function reversalOf(request: PmsVoidRequest, at: string): PmsChargeRequest {
  const o = request.original;
  return {
    ...o,
    chargeId: request.voidId,
    description: `VOID ${o.description}`,
    subtotalMinor: -o.subtotalMinor,
    taxMinor: -o.taxMinor,
    tipMinor: -o.tipMinor,
    totalMinor: -o.totalMinor,
    items: o.items.map((i) => ({
      ...i,
      unitPriceMinor: -i.unitPriceMinor,
      amountMinor: -i.amountMinor,
      taxMinor: -i.taxMinor,
    })),
    createdAt: at,
    overrideCreditLimit: null,
  };
}
