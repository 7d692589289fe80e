// Subtotal, tax, tip and total exactly as the edge quoted them: shared by the guest and staff screens.
import { Fragment } from 'preact';
import type { QuoteView } from '../api/edge-client.js';
import { deliveryLine } from './delivery-line.js';

type TotalsKey = 'found.amount' | 'found.delivery' | 'found.tax' | 'found.tip' | 'found.total';

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
  // In-room dining: the delivery charge the edge added, shown as its own line (inside the amount).
  const delivery = deliveryLine(quote);
  return (
    <dl class="totals" data-testid="totals">
      <dt>{t('found.amount')}</dt>
      <dd data-testid="subtotal">{money(quote.subtotalMinor)}</dd>
      {delivery && (
        <>
          <dt class="totals-sub">{t('found.delivery')}</dt>
          <dd class="totals-sub" data-testid="delivery-amount">
            {money(delivery.amountMinor)}
          </dd>
        </>
      )}
      {quote.taxLines && quote.taxLines.length > 0 ? (
        // An Indian bill: CGST and SGST per rate (VAT on alcohol), as the receipt prints them.
        quote.taxLines.map((line) => (
          <Fragment key={`${line.code}-${line.ratePercent}`}>
            <dt data-testid="tax-line-label">{`${line.code} ${line.ratePercent}%`}</dt>
            <dd data-testid="tax-line">{money(line.amountMinor)}</dd>
          </Fragment>
        ))
      ) : (
        <>
          <dt>{t('found.tax')}</dt>
          <dd data-testid="tax">{money(quote.taxMinor)}</dd>
        </>
      )}
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
