import type { QuoteView } from '../api/edge-client.js';
import { useKiosk } from '../kiosk-context.js';

/** "Order total: $87.50" (seed 000 "Room Charge Interface"), from the edge's quote. */
export function OrderTotal({ quote }: { quote: QuoteView | null }) {
  const { money, t } = useKiosk();
  return (
    <p class="order-total" data-testid="order-total">
      {t('ss.orderTotal')}
      <strong>{quote ? money(quote.totalMinor) : '…'}</strong>
    </p>
  );
}
