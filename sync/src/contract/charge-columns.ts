import type { ChargeMessage } from './schemas.js';

/**
 * A room charge's currency and amounts (minor units) as they are stored, in central's `room_charges`
 * and in the edge's `charges` alike: derived here once from the contract's charge.
 */
export function chargeAmountColumns(
  charge: Pick<ChargeMessage, 'currency' | 'subtotalMinor' | 'taxMinor' | 'tipMinor' | 'totalMinor'>,
) {
  return {
    currency: charge.currency,
    subtotal_minor: charge.subtotalMinor,
    tax_minor: charge.taxMinor,
    tip_minor: charge.tipMinor,
    total_minor: charge.totalMinor,
  };
}
export type ChargeAmountColumns = ReturnType<typeof chargeAmountColumns>;
