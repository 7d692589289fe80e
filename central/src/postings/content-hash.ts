import { createHash } from 'node:crypto';
import type { ChargeItem } from '@roompost/sync';

export interface HashedChargeContent {
  roomNumber: string;
  outletCode: string;
  checkNumber: string;
  currency: string;
  subtotalMinor: number;
  taxMinor: number;
  tipMinor: number;
  totalMinor: number;
  items: ChargeItem[];
}

/**
 * What makes two deliveries "the same charge": a replay must match it exactly, or it is an
 * IDEMPOTENCY_CONFLICT (one id, two different charges) and the first one stands.
 */
export function chargeContentHash(c: HashedChargeContent): string {
  const canonical = JSON.stringify([
    c.roomNumber,
    c.outletCode,
    c.checkNumber,
    c.currency,
    c.subtotalMinor,
    c.taxMinor,
    c.tipMinor,
    c.totalMinor,
    c.items.map((i) => [i.sku, i.quantity, i.unitPriceMinor, i.amountMinor, i.taxMinor]),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
