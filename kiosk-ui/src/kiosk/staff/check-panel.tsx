// The staff check beside the menu: lines with − / + quantities, the edge's totals, Charge to room.
import type { QuoteView } from '../api/edge-client.js';
import { useKiosk } from '../kiosk-context.js';
import { Icon } from '../shell/icon.js';
import type { StaffCart, StaffCartAction } from './staff-cart.js';
import { useStaff } from './staff-context.js';
import { StaffTotals } from './staff-totals.js';

export interface CheckPanelProps {
  cart: StaffCart;
  quote: QuoteView | null;
  onCart: (action: StaffCartAction) => void;
  onCustom: () => void;
  onCheckout: () => void;
  delivery: boolean | null;
  onDelivery: (on: boolean) => void;
}

export function CheckPanel({
  cart,
  quote,
  onCart,
  onCustom,
  onCheckout,
  delivery,
  onDelivery,
}: CheckPanelProps) {
  const { catalog, outlet } = useKiosk();
  const { t, money } = useStaff();
  const empty = cart.lines.length === 0;
  return (
    <aside class="cart" aria-label={t('order.title')} data-testid="cart">
      <div class="cart-head">
        <h2 class="cart-title">{t('order.title')}</h2>
        <button
          type="button"
          class="button button--small"
          data-testid="custom-charge-open"
          onClick={onCustom}
        >
          + {t('order.custom')}
        </button>
      </div>
      {empty ? (
        <p class="cart-empty">{t('order.empty')}</p>
      ) : (
        <ul class="cart-lines">
          {cart.lines.map((line, index) => {
            const name =
              'sku' in line
                ? (catalog.items.find((i) => i.sku === line.sku)?.name ?? line.sku)
                : line.custom.name;
            const quoted = quote?.lines?.[index];
            const id = 'sku' in line ? line.sku : line.key.replace(':', '-');
            return (
              <li key={line.key} class="cart-line" data-testid={`cart-line-${id}`}>
                <span class="cart-line-name">{name}</span>
                <span class="cart-line-amount">{quoted ? money(quoted.amountMinor) : ''}</span>
                <span class="stepper">
                  <button
                    type="button"
                    class="stepper-button"
                    aria-label={`− ${name}`}
                    data-testid={`decrement-${id}`}
                    onClick={() => onCart({ type: 'decrement', key: line.key })}
                  >
                    −
                  </button>
                  <span class="stepper-count" data-testid={`quantity-${id}`}>
                    {line.quantity}
                  </span>
                  <button
                    type="button"
                    class="stepper-button"
                    aria-label={`+ ${name}`}
                    data-testid={`increment-${id}`}
                    onClick={() => onCart({ type: 'increment', key: line.key })}
                  >
                    +
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {delivery !== null && outlet.delivery && (
        <button
          type="button"
          class={`delivery-toggle${delivery ? ' delivery-toggle--on' : ''}`}
          role="switch"
          aria-checked={delivery}
          data-testid="delivery-toggle"
          onClick={() => onDelivery(!delivery)}
        >
          <span class="delivery-toggle-box" aria-hidden="true">
            {delivery ? <Icon name="check" /> : ''}
          </span>
          <span>
            {t('order.delivery')}
            <small class="muted"> +{money(outlet.delivery.chargeMinor)}</small>
          </span>
        </button>
      )}
      {!empty && <StaffTotals quote={quote} showTip={false} />}
      <button
        type="button"
        class="button button--primary button--wide"
        data-testid="charge-to-room"
        disabled={empty || !quote}
        onClick={onCheckout}
      >
        {t('order.chargeToRoom')}
      </button>
    </aside>
  );
}
