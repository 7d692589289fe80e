// The delivery charge line the edge adds to an in-room dining check (edge/src/catalog/quote.ts).
import type { QuoteView } from '../api/edge-client.js';

export const DELIVERY_SKU = 'DELIVERY';

/** The quote's delivery line, if the check goes to the room. */
export function deliveryLine(quote: QuoteView) {
  return quote.lines?.find((l) => l.sku === DELIVERY_SKU);
}

/** What a tip percentage applies to: the quoted subtotal without the delivery charge line. */
export function goodsSubtotal(quote: QuoteView): number {
  return quote.subtotalMinor - (deliveryLine(quote)?.amountMinor ?? 0);
}
