// Subtotal, tax, tip and total exactly as the edge quoted them.
import type { QuoteView } from '../api/edge-client.js';
import { useKiosk } from '../kiosk-context.js';
import { QuoteLines } from './quote-lines.js';

export function Totals({
  quote,
  failed,
  showTip,
}: {
  quote: QuoteView | null;
  failed: boolean;
  showTip: boolean;
}) {
  const { money, t } = useKiosk();
  if (!quote) {
    return (
      <p class="totals-pending" data-testid="totals-pending">
        {failed ? t('ss.pricesUnavailable') : t('ss.workingOut')}
      </p>
    );
  }
  return <QuoteLines quote={quote} showTip={showTip} t={t} money={money} />;
}
