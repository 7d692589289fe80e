// Subtotal, tax, tip and total exactly as the edge quoted them.
import type { QuoteView } from '../api/edge-client.js';
import { useKiosk } from '../kiosk-context.js';

export function Totals({
  quote,
  failed,
  showTip,
}: {
  quote: QuoteView | null;
  failed: boolean;
  showTip: boolean;
}) {
  const { money } = useKiosk();
  if (!quote) {
    return (
      <p class="totals-pending" data-testid="totals-pending">
        {failed ? 'Prices are not available right now.' : 'Working out the total…'}
      </p>
    );
  }
  return (
    <dl class="totals" data-testid="totals">
      <dt>Amount</dt>
      <dd data-testid="subtotal">{money(quote.subtotalMinor)}</dd>
      <dt>Tax</dt>
      <dd data-testid="tax">{money(quote.taxMinor)}</dd>
      {showTip && (
        <>
          <dt>Tip</dt>
          <dd data-testid="tip">{money(quote.tipMinor)}</dd>
        </>
      )}
      <dt class="totals-total">Total</dt>
      <dd class="totals-total" data-testid="total">
        {money(quote.totalMinor)}
      </dd>
    </dl>
  );
}
