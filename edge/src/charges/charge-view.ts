import { renderReceiptText, roomChargeReceipt } from '@roompost/drivers';
import { dateTimeFormat, formatMinor } from '@roompost/folio/money';
import type { ChargeItem, ChargeView, ErrorCode } from '@roompost/sync';
import { ERROR_CATALOG } from '@roompost/sync';
import { maskGuestName } from '../lookup/mask-name.js';
import { parseStoredTax } from '../receipts/tax-breakdown.js';
import type { ChargeRow } from './charge.repository.js';

export interface OutletDisplay {
  code: string;
  name: string;
  propertyName: string;
  /** India: the property's GSTIN; the receipt shows CGST/SGST per rate (receipts/tax-breakdown.ts). */
  gstin?: string | undefined;
  mode: 'self-service' | 'staff';
  locale: string;
  timeZone: string;
}

/**
 * Receipt texts already rendered, by what they are rendered from. Everything on a receipt (items,
 * amounts, taxes, room, time, check number, guest name) is fixed when the charge is written; only
 * its status moves on, and the receipt does not show it. So a charge's status updates reuse the
 * text instead of rendering it again (receiptline's parse and layout, the dearest part of a view).
 */
export class ReceiptTexts {
  readonly #texts = new Map<string, string>();

  constructor(readonly max = 512) {}

  get(key: string, render: () => string): string {
    const known = this.#texts.get(key);
    if (known !== undefined) return known;
    const text = render();
    if (this.#texts.size >= this.max) {
      // The oldest entry goes (a Map iterates in insertion order).
      const oldest = this.#texts.keys().next();
      if (!oldest.done) this.#texts.delete(oldest.value);
    }
    this.#texts.set(key, text);
    return text;
  }
}

/** A stored charge as the kiosk shows it (masked name on self-service outlets), with its receipt. */
export function chargeView(
  row: ChargeRow,
  checkNumber: string,
  outlet: OutletDisplay,
  receipts?: ReceiptTexts,
): ChargeView {
  const items = JSON.parse(row.items_json) as ChargeItem[];
  // A stand-in charge only ever knew the roster's masked name.
  const guestName =
    outlet.mode === 'self-service' && row.stand_in !== 1
      ? maskGuestName(row.guest_first_name, row.guest_last_name)
      : row.guest_name;
  return {
    id: row.id,
    checkNumber,
    outletCode: outlet.code,
    roomNumber: row.room_number,
    guestName,
    currency: row.currency,
    items: items.map(({ sku, name, quantity, amountMinor, taxMinor }) => ({
      sku,
      name,
      quantity,
      amountMinor,
      taxMinor,
    })),
    subtotalMinor: row.subtotal_minor,
    taxMinor: row.tax_minor,
    tipMinor: row.tip_minor,
    totalMinor: row.total_minor,
    status: row.status,
    error:
      row.error_code === null ? null : { code: asCode(row.error_code), message: row.error_message ?? '' },
    pmsTransactionId: row.pms_transaction_id,
    signed: row.signed_at !== null,
    standIn: row.stand_in === 1,
    attempts: row.attempts,
    withdrawal: row.withdraw_requested_at
      ? {
          requestedAt: row.withdraw_requested_at,
          by: row.withdrawn_by,
          reason: row.withdraw_reason ?? '',
          confirmedAt: row.withdrawn_at,
        }
      : null,
    receiptText: receipts
      ? receipts.get(`${row.id}\u0000${checkNumber}\u0000${guestName}`, () =>
          receiptText(row, checkNumber, guestName, items, outlet),
        )
      : receiptText(row, checkNumber, guestName, items, outlet),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function receiptDocument(
  row: ChargeRow,
  checkNumber: string,
  guestName: string,
  items: ChargeItem[],
  outlet: OutletDisplay,
  /** The guest's on-screen signature (base64 PNG), printed under the totals. */
  signaturePng?: string,
): string {
  const money = (minor: number) => formatMinor(minor, row.currency, outlet.locale);
  // As stored with the charge, so a reprint matches the original whatever the config says today.
  const tax = parseStoredTax(row.tax_json);
  const when = dateTimeFormat(outlet.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: outlet.timeZone,
  }).format(new Date(row.created_at));
  return roomChargeReceipt(
    {
      propertyName: outlet.propertyName,
      outletName: outlet.name,
      checkNumber,
      chargeId: row.id,
      createdAt: when,
      roomNumber: row.room_number,
      guestName,
      items: items.map((i) => ({ name: i.name, quantity: i.quantity, amountMinor: i.amountMinor })),
      subtotalMinor: row.subtotal_minor,
      taxMinor: row.tax_minor,
      tipMinor: row.tip_minor,
      totalMinor: row.total_minor,
      ...(tax?.gstin ? { gstin: tax.gstin } : {}),
      ...(tax && tax.lines.length > 0
        ? {
            taxLines: tax.lines.map((l) => ({
              label: `${l.code} ${l.ratePercent}%`,
              amountMinor: l.amountMinor,
            })),
          }
        : {}),
      signature: null,
      ...(signaturePng ? { signaturePng } : {}),
    },
    money,
  );
}

function receiptText(
  row: ChargeRow,
  checkNumber: string,
  guestName: string,
  items: ChargeItem[],
  outlet: OutletDisplay,
) {
  return renderReceiptText(receiptDocument(row, checkNumber, guestName, items, outlet));
}

function asCode(code: string): ErrorCode {
  return code in ERROR_CATALOG ? (code as ErrorCode) : 'POSTING_REJECTED';
}
