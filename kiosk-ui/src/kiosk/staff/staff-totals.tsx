// Amount, tax, tip and total exactly as the edge quoted them, in the staff member's language.
import type { QuoteView } from '../api/edge-client.js';
import { useStaff } from './staff-context.js';

export function StaffTotals({ quote, showTip }: { quote: QuoteView | null; showTip: boolean }) {
  const { t, money } = useStaff();
  if (!quote)
    return (
      <p class="totals-pending" data-testid="totals-pending">
        …
      </p>
    );
  return (
    <dl class="totals" data-testid="totals">
      <dt>{t('found.amount')}</dt>
      <dd data-testid="subtotal">{money(quote.subtotalMinor)}</dd>
      <dt>{t('found.tax')}</dt>
      <dd data-testid="tax">{money(quote.taxMinor)}</dd>
      {showTip && (
        <>
          <dt>{t('found.tip')}</dt>
          <dd data-testid="tip">{money(quote.tipMinor)}</dd>
        </>
      )}
      <dt class="totals-total">{t('found.total')}</dt>
      <dd class="totals-total" data-testid="total">
        {money(quote.totalMinor)}
      </dd>
    </dl>
  );
}
