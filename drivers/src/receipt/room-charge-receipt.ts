import { DriverError } from '../driver-error.js';
import { escapeReceiptText as esc } from './receiptline-escape.js';

export interface RoomChargeReceiptItem {
  name: string;
  quantity: number;
  /** The line's amount (quantity × unit price, after line discounts), in minor units. */
  amountMinor: number;
}

export interface RoomChargeReceipt {
  propertyName: string;
  outletName: string;
  checkNumber: string;
  chargeId: string;
  /** Already formatted in the outlet's locale and time zone. */
  createdAt: string;
  roomNumber: string;
  /** Already masked (`J. W****`) when the receipt is for a self-service guest. */
  guestName: string;
  items: readonly RoomChargeReceiptItem[];
  subtotalMinor: number;
  taxMinor: number;
  /**
   * The tax as an Indian bill shows it (`CGST 9%`, `SGST 9%`, `VAT 20%`), adding up to `taxMinor`;
   * absent or empty: one "Tax" line.
   */
  taxLines?: readonly { label: string; amountMinor: number }[];
  /** India: the supplier's GSTIN, printed under the outlet's name (CGST Rule 46 (a)). */
  gstin?: string;
  tipMinor: number;
  totalMinor: number;
  /** `line`: print a line for the guest's signature (charges above the outlet's threshold). */
  signature: 'line' | null;
  /**
   * The guest's captured signature, a base64 PNG (monochrome, at most `SIGNATURE_MAX_WIDTH` dots
   * wide, printed at its own size). When present it is printed instead of the signature line; one
   * that is not a PNG or too big prints the signature line instead (`signaturePngProblem` says why,
   * so whoever stores a signature can refuse it up front).
   */
  signaturePng?: string;
  footer?: string;
}

export type FormatMoney = (minor: number) => string;

const SIGNATURE_LINE = `X${'\\_'.repeat(30)}`;

/**
 * The guest's room-charge slip as a receiptline document (width-independent: the printer or the
 * preview chooses the characters per line). Amounts are printed as given, never recomputed: the
 * edge computed them once and the folio checks them. Every caller string is escaped.
 */
export function roomChargeReceipt(receipt: RoomChargeReceipt, formatMoney: FormatMoney): string {
  assertValid(receipt);
  const money = (minor: number) => esc(formatMoney(minor));
  const itemAmounts = receipt.items.map((item) => money(item.amountMinor));
  // Fixed amount column, wide enough for the longest amount; the name takes the rest and wraps.
  const amountWidth = Math.min(20, Math.max(8, ...itemAmounts.map((amount) => unescapedLength(amount))));

  const lines = [
    `"^^${esc(receipt.propertyName)}`,
    esc(receipt.outletName),
    ...(receipt.gstin ? [`GSTIN ${esc(receipt.gstin)}`] : []),
    '',
    // A narrow label column: two auto columns would get half the line each and wrap a long date
    // ("11:03 P / M" at 42 columns).
    '{width:6,*}',
    `Check | ${esc(receipt.checkNumber)}`,
    `Date | ${esc(receipt.createdAt)}`,
    `Room | "${esc(receipt.roomNumber)}`,
    `Guest | ${esc(receipt.guestName)}`,
    '{width:auto}',
    '-',
    `{width:*,${amountWidth}}`,
    ...receipt.items.map((item, i) => `${item.quantity} x ${esc(item.name)} | ${itemAmounts[i]}`),
    '{width:auto}',
    '-',
    `Subtotal | ${money(receipt.subtotalMinor)}`,
    ...(receipt.taxLines && receipt.taxLines.length > 0
      ? receipt.taxLines.map((line) => `${esc(line.label)} | ${money(line.amountMinor)}`)
      : [`Tax | ${money(receipt.taxMinor)}`]),
    // Printed even when zero, so no tip can be written onto a signed slip afterwards.
    `Tip | ${money(receipt.tipMinor)}`,
    `"^^TOTAL | "^^${money(receipt.totalMinor)}`,
    '',
    `"^^CHARGED TO ROOM ${esc(receipt.roomNumber)}`,
    ...signatureLines(receipt),
    ...(receipt.footer ? ['', ...receipt.footer.split(/\r\n|\r|\n/).map(esc)] : []),
    '',
    `Ref ${esc(shortChargeRef(receipt.chargeId))}`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * receiptline prints an image at its own size, never scaled: a wider one than the print area would
 * be cut off or garble the raster. 384 dots fit 58 mm paper (32 columns) and 80 mm paper alike.
 */
export const SIGNATURE_MAX_WIDTH = 384;
export const SIGNATURE_MAX_HEIGHT = 240;

function signatureLines(receipt: RoomChargeReceipt): string[] {
  if (receipt.signaturePng !== undefined && signaturePngProblem(receipt.signaturePng) === null) {
    // receiptline's image property takes base64 PNG; base64 has none of its special characters.
    return ['', 'Guest signature', `{image:${receipt.signaturePng.replace(/\s+/g, '')}}`];
  }
  if (receipt.signaturePng !== undefined || receipt.signature === 'line') {
    return ['', 'Guest signature', '', '', SIGNATURE_LINE];
  }
  return [];
}

const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Why `signaturePng` cannot be printed (not base64, not a PNG, wider than the paper or taller than
 * `SIGNATURE_MAX_HEIGHT`), or null when it can. Reads only the PNG header.
 */
export function signaturePngProblem(base64: string): string | null {
  const compact = base64.replace(/\s+/g, '');
  if (compact === '' || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return 'not base64';
  const head = Buffer.from(compact.slice(0, 44), 'base64');
  if (
    head.length < 24 ||
    !head.subarray(0, 8).equals(PNG_MAGIC) ||
    head.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    return 'not a PNG image';
  }
  const width = head.readUInt32BE(16);
  const height = head.readUInt32BE(20);
  if (width < 1 || height < 1) return 'an empty image';
  if (width > SIGNATURE_MAX_WIDTH) return `${width} dots wide, the paper takes ${SIGNATURE_MAX_WIDTH}`;
  if (height > SIGNATURE_MAX_HEIGHT) return `${height} dots tall, at most ${SIGNATURE_MAX_HEIGHT}`;
  return null;
}

/**
 * The last 8 hex digits of the charge id. A UUIDv7 starts with a millisecond timestamp, so its
 * first digits are shared by every charge of the same minute; its last digits are random.
 */
export function shortChargeRef(chargeId: string): string {
  const hex = chargeId.replace(/[^0-9a-f]/gi, '');
  return (hex.length >= 8 ? hex.slice(-8) : chargeId).toUpperCase();
}

function assertValid(receipt: RoomChargeReceipt): void {
  const amounts: Array<[string, number]> = [
    ['subtotalMinor', receipt.subtotalMinor],
    ['taxMinor', receipt.taxMinor],
    ['tipMinor', receipt.tipMinor],
    ['totalMinor', receipt.totalMinor],
    ...receipt.items.map((item, i): [string, number] => [`items[${i}].amountMinor`, item.amountMinor]),
    ...(receipt.taxLines ?? []).map((line, i): [string, number] => [
      `taxLines[${i}].amountMinor`,
      line.amountMinor,
    ]),
  ];
  for (const [field, value] of amounts) {
    if (!Number.isSafeInteger(value)) {
      throw new DriverError('INVALID_RECEIPT', 'receipt amounts must be integer minor units', {
        field,
        value,
      });
    }
  }
  const taxLines = receipt.taxLines ?? [];
  if (taxLines.length > 0 && taxLines.reduce((sum, line) => sum + line.amountMinor, 0) !== receipt.taxMinor) {
    throw new DriverError('INVALID_RECEIPT', 'the tax lines must add up to the tax', {
      field: 'taxLines',
      value: receipt.taxMinor,
    });
  }
  receipt.items.forEach((item, i) => {
    if (!Number.isSafeInteger(item.quantity) || item.quantity < 1) {
      throw new DriverError('INVALID_RECEIPT', 'item quantity must be a positive integer', {
        field: `items[${i}].quantity`,
        value: item.quantity,
      });
    }
  });
}

function unescapedLength(escaped: string): number {
  return Array.from(escaped.replace(/\\(.)/g, '$1')).length;
}
