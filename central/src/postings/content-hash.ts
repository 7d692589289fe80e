import { createHash } from 'node:crypto';
import type { ChargeMessage } from '@roompost/sync';

/** The parts of the contract's charge that make it the same charge. */
export type HashedChargeContent = Pick<
  ChargeMessage,
  | 'roomNumber'
  | 'outletCode'
  | 'checkNumber'
  | 'currency'
  | 'subtotalMinor'
  | 'taxMinor'
  | 'tipMinor'
  | 'totalMinor'
  | 'items'
>;

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
