// The cart beside the tiles: quantities can be changed with − / +, amounts and totals are the
// edge's quote.
import type { QuoteView } from '../api/edge-client.js';
import type { Cart, CartAction } from '../cart/cart.js';
import { MAX_QUANTITY } from '../cart/cart.js';
import { useKiosk } from '../kiosk-context.js';
import { Totals } from './totals.js';

export interface CartPanelProps {
  cart: Cart;
  quote: QuoteView | null;
  quoteFailed: boolean;
  onCart: (action: CartAction) => void;
  onCheckout: () => void;
}

export function CartPanel({ cart, quote, quoteFailed, onCart, onCheckout }: CartPanelProps) {
  const { catalog, money, t } = useKiosk();
  const empty = cart.lines.length === 0;

  return (
    <aside class="cart" aria-label={t('ss.yourOrder')} data-testid="cart">
      <h2 class="cart-title">{t('ss.yourOrder')}</h2>
      {empty ? (
        <p class="cart-empty">{t('ss.tapItem')}</p>
      ) : (
        <ul class="cart-lines">
          {cart.lines.map((line) => {
            const item = catalog.items.find((candidate) => candidate.sku === line.sku);
            const quoted = quote?.lines?.find((candidate) => candidate.sku === line.sku);
            return (
              <li key={line.sku} class="cart-line" data-testid={`cart-line-${line.sku}`}>
                <span class="cart-line-name">{item?.name ?? line.sku}</span>
                <span class="cart-line-amount">{quoted ? money(quoted.amountMinor) : ''}</span>
                <span class="stepper">
                  <button
                    type="button"
                    class="stepper-button"
                    aria-label={t('ss.oneLess', { name: item?.name ?? line.sku })}
                    data-testid={`decrement-${line.sku}`}
                    onClick={() => onCart({ type: 'decrement', sku: line.sku })}
                  >
                    −
                  </button>
                  <span class="stepper-count" data-testid={`quantity-${line.sku}`}>
                    {line.quantity}
                  </span>
                  <button
                    type="button"
                    class="stepper-button"
                    aria-label={t('ss.oneMore', { name: item?.name ?? line.sku })}
                    data-testid={`increment-${line.sku}`}
                    disabled={line.quantity >= MAX_QUANTITY}
                    onClick={() => onCart({ type: 'add', sku: line.sku })}
                  >
                    +
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {!empty && <Totals quote={quote} failed={quoteFailed} showTip={false} />}
      <button
        type="button"
        class="button button--primary button--wide"
        data-testid="charge-to-room"
        disabled={empty || !quote}
        onClick={onCheckout}
      >
        {t('ss.chargeToRoom')}
      </button>
    </aside>
  );
}
