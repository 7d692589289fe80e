// Subtotal, tax, tip and total exactly as the edge quoted them: shared by the guest and staff screens.
import type { QuoteView } from '../api/edge-client.js';

type TotalsKey = 'found.amount' | 'found.tax' | 'found.tip' | 'found.total';

export function QuoteLines({
  quote,
  showTip,
  t,
  money,
}: {
  quote: QuoteView;
  showTip: boolean;
  t: (key: TotalsKey) => string;
  money: (minor: number) => string;
}) {
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
