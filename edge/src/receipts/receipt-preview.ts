import { renderReceiptSvg } from '@roompost/drivers';
import type { ChargeItem } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { findCharge, findCheckNumber, findSignature } from '../charges/charge.repository.js';
import { chargeView, type OutletDisplay, receiptDocument } from '../charges/charge-view.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import { EdgeError } from '../edge-error.js';

/**
 * The stored charge's receipt as the printer got it: the same `receiptDocument` (one description
 * per receipt kind), with the guest's signature when the charge has one.
 */
export async function chargeReceiptDocument(
  db: Kysely<EdgeDatabase>,
  outlet: OutletDisplay,
  chargeId: string,
): Promise<string> {
  const row = await findCharge(db, chargeId);
  if (!row) throw new EdgeError('NOT_FOUND', `no charge ${chargeId} on this outlet`);
  const checkNumber = (await findCheckNumber(db, row.check_id)) ?? '';
  const { guestName } = chargeView(row, checkNumber, outlet);
  const signature = await findSignature(db, chargeId);
  const items = JSON.parse(row.items_json) as ChargeItem[];
  return receiptDocument(row, checkNumber, guestName, items, outlet, signature?.toString('base64'));
}

/**
 * The receipt as an SVG image for the kiosk (receiptline's `svg` target). receiptline `@import`s a
 * web font; the kiosk is offline and its pages allow no outside requests, so that line is removed
 * and the image uses the local monospace font.
 */
export function receiptPreviewSvg(document: string, cpl: number): string {
  return renderReceiptSvg(document, cpl).replace(/@import url\([^)]*\);?/g, '');
}
