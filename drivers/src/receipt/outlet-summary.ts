import { escapeReceiptText as esc } from './receiptline-escape.js';
import type { FormatMoney } from './room-charge-receipt.js';

export interface OutletSummary {
  propertyName: string;
  outletName: string;
  /** The business date the summary covers, already formatted. */
  businessDate: string;
  printedAt: string;
  charges: { count: number; totalMinor: number };
  voids: { count: number; totalMinor: number };
  taxMinor: number;
  tipMinor: number;
  /** Charges not yet confirmed by the PMS: night audit cannot close while this is above zero. */
  unpostedCount: number;
}

/** The end-of-day outlet summary a manager prints before night audit. Figures are printed as given. */
export function outletSummary(summary: OutletSummary, formatMoney: FormatMoney): string {
  const money = (minor: number) => esc(formatMoney(minor));
  const lines = [
    `"^^${esc(summary.propertyName)}`,
    esc(summary.outletName),
    '',
    '"^^END OF DAY',
    `Business date | ${esc(summary.businessDate)}`,
    `Printed | ${esc(summary.printedAt)}`,
    '-',
    `Room charges (${summary.charges.count}) | ${money(summary.charges.totalMinor)}`,
    `Voids (${summary.voids.count}) | -${money(summary.voids.totalMinor)}`,
    `Tax included | ${money(summary.taxMinor)}`,
    `Tips included | ${money(summary.tipMinor)}`,
    '-',
    `"^^NET | "^^${money(summary.charges.totalMinor - summary.voids.totalMinor)}`,
    '',
    summary.unpostedCount > 0
      ? `"${summary.unpostedCount} charge(s) not yet posted to the PMS`
      : 'All charges posted to the PMS',
  ];
  return `${lines.join('\n')}\n`;
}
