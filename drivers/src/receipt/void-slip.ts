import { escapeReceiptText as esc } from './receiptline-escape.js';
import type { FormatMoney } from './room-charge-receipt.js';

export interface VoidSlip {
  propertyName: string;
  outletName: string;
  checkNumber: string;
  /** Short reference of the charge being voided (see `shortChargeRef`). */
  chargeRef: string;
  /** Already formatted in the outlet's locale and time zone. */
  voidedAt: string;
  roomNumber: string;
  guestName: string;
  /** The amount taken off the room, as a positive number of minor units. */
  amountMinor: number;
  reason: string;
  /** Who voided it (name or employee id), for the audit trail on paper. */
  voidedBy: string;
}

/** The slip printed when a room charge is voided: what was taken off which room, why and by whom. */
export function voidSlip(slip: VoidSlip, formatMoney: FormatMoney): string {
  const lines = [
    `"^^${esc(slip.propertyName)}`,
    esc(slip.outletName),
    '',
    '"^^VOID',
    '',
    `Check | ${esc(slip.checkNumber)}`,
    `Charge | ${esc(slip.chargeRef)}`,
    `Voided | ${esc(slip.voidedAt)}`,
    `Room | "${esc(slip.roomNumber)}`,
    `Guest | ${esc(slip.guestName)}`,
    '-',
    `"^^REMOVED FROM ROOM | "^^-${esc(formatMoney(slip.amountMinor))}`,
    '-',
    `Reason | ${esc(slip.reason)}`,
    `By | ${esc(slip.voidedBy)}`,
  ];
  return `${lines.join('\n')}\n`;
}
