// Asks the edge what the cart costs (POST /api/checks/quote): subtotal, tax and total are never
// computed in the browser. A quote is only returned for the exact request it answers, so a screen
// never shows (or confirms) a total for a cart that has since changed.
import type { CheckItem } from '@roompost/sync/contract';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { QuoteView } from '../api/edge-client.js';
import { EdgeRequestError } from '../api/edge-client.js';
import { useKiosk } from '../kiosk-context.js';

const DEBOUNCE_MS = 120;

export interface QuoteState {
  quote: QuoteView | null;
  /** The last request failed; the previous quote is not shown in its place. */
  failed: boolean;
}

/** `delivery`: the check goes to the room (the edge adds the outlet's delivery charge line). */
export function useQuote(items: readonly CheckItem[], tipMinor: number, delivery = false): QuoteState {
  const { client } = useKiosk();
  const key = useMemo(() => JSON.stringify({ items, tipMinor, delivery }), [items, tipMinor, delivery]);
  const [answer, setAnswer] = useState<{ key: string; quote: QuoteView | null; failed: boolean } | null>(
    null,
  );

  useEffect(() => {
    if (items.length === 0) return;
    const abort = new AbortController();
    const timer = window.setTimeout(() => {
      client
        .quote({ items: [...items], tipMinor, ...(delivery ? { delivery } : {}) }, abort.signal)
        .then((quote) => setAnswer({ key, quote, failed: false }))
        .catch((error: unknown) => {
          if (abort.signal.aborted) return;
          if (!(error instanceof EdgeRequestError)) console.warn('kiosk: quote failed', error);
          setAnswer({ key, quote: null, failed: true });
        });
    }, DEBOUNCE_MS);
    return () => {
      window.clearTimeout(timer);
      abort.abort();
    };
  }, [client, key]);

  if (items.length === 0 || answer?.key !== key) return { quote: null, failed: false };
  return { quote: answer.quote, failed: answer.failed };
}
