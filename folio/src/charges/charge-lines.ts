// How one room charge becomes folio lines: the outlet's POS amount, its tax, and the tip.
import type { PostingType } from '../folios/posting-type.js';

export interface ChargeLine {
  lineNo: number;
  type: PostingType;
  amountMinor: number;
  description: string;
}

export interface ChargeLineInput {
  description: string;
  checkNumber: string;
  subtotalMinor: number;
  taxMinor: number;
  tipMinor: number;
  tipAsSeparateLine: boolean;
}

/**
 * POS (subtotal), TAX (if any) and a gratuity POS line (if any), numbered from 1. The tax comes computed
 * from the outlet (DESIGN: the PMS side checks totals, it does not recompute). With tipAsSeparateLine
 * false the tip joins the POS line, as seed 000's `tip_as_separate_line: false` asks.
 */
export function buildChargeLines(input: ChargeLineInput): ChargeLine[] {
  const base = checkDescription(input.description, input.checkNumber);
  const foldTip = !input.tipAsSeparateLine && input.tipMinor > 0;
  const lines: Omit<ChargeLine, 'lineNo'>[] = [
    {
      type: 'POS',
      amountMinor: input.subtotalMinor + (foldTip ? input.tipMinor : 0),
      description: foldTip ? `${base} (incl. gratuity)` : base,
    },
  ];
  if (input.taxMinor > 0)
    lines.push({ type: 'TAX', amountMinor: input.taxMinor, description: `Tax - ${base}` });
  if (input.tipMinor > 0 && !foldTip) {
    lines.push({ type: 'POS', amountMinor: input.tipMinor, description: `Gratuity - ${base}` });
  }
  return lines.map((line, index) => ({ ...line, lineNo: index + 1 }));
}

/** "Pool Bar" + 1247 → "Pool Bar - Check #1247"; a description that already names the check is kept. */
export function checkDescription(description: string, checkNumber: string): string {
  const trimmed = description.trim();
  return trimmed.endsWith(`#${checkNumber}`) ? trimmed : `${trimmed} - Check #${checkNumber}`;
}
