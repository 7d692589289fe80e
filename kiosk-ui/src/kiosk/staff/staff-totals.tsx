// Amount, tax, tip and total exactly as the edge quoted them, in the staff member's language.
import type { QuoteView } from '../api/edge-client.js';
import { QuoteLines } from '../order/quote-lines.js';
import { useStaff } from './staff-context.js';

export function StaffTotals({ quote, showTip }: { quote: QuoteView | null; showTip: boolean }) {
  const { t, money } = useStaff();
  if (!quote)
    return (
      <p class="totals-pending" data-testid="totals-pending">
        …
      </p>
    );
  return <QuoteLines quote={quote} showTip={showTip} t={t} money={money} />;
}
