import type { PmsChargeRequest } from './adapter.js';

/** One line of a check as a PMS that posts lines receives it. Amounts in minor units, tax apart. */
export interface PostingLine {
  kind: 'check' | 'item' | 'tip';
  name: string;
  quantity: number;
  unitMinor: number;
  amountMinor: number;
  taxMinor: number;
}

/**
 * The check laid out as the posting options say (seed 000 `include_itemized`, `tip_as_separate_line`):
 * one summarized line or one per item, and the tip as its own line or folded into the last line
 * (which is then sent as quantity 1 at its whole amount, so no unit price needs dividing). The lines'
 * amounts and taxes always add up to the charge's total.
 */
export function postingLines(charge: PmsChargeRequest): PostingLine[] {
  const lines: PostingLine[] =
    charge.posting?.itemized && charge.items.length > 0
      ? charge.items.map((i) => ({
          kind: 'item',
          name: i.name,
          quantity: i.quantity,
          unitMinor: i.unitPriceMinor,
          amountMinor: i.amountMinor,
          taxMinor: i.taxMinor,
        }))
      : [
          {
            kind: 'check',
            name: charge.description,
            quantity: 1,
            unitMinor: charge.subtotalMinor,
            amountMinor: charge.subtotalMinor,
            taxMinor: charge.taxMinor,
          },
        ];
  if (charge.tipMinor === 0) return lines;
  if (charge.posting?.tipAsSeparateLine ?? true) {
    const tip = charge.tipMinor;
    return [
      ...lines,
      { kind: 'tip', name: 'Gratuity', quantity: 1, unitMinor: tip, amountMinor: tip, taxMinor: 0 },
    ];
  }
  const last = lines.length - 1;
  return lines.map((l, i) => {
    if (i !== last) return l;
    const amountMinor = l.amountMinor + charge.tipMinor;
    const name = l.quantity === 1 ? l.name : `${l.quantity} × ${l.name}`;
    return { ...l, name, quantity: 1, unitMinor: amountMinor, amountMinor };
  });
}
