// Seed 004 phase 2 at the outlet: the item master by category, quick-charge buttons (one tap
// adds that item, and on an empty check goes straight on to the room), custom charge entry, and the check with quantities.
import { useState } from 'preact/hooks';
import type { QuoteView } from '../api/edge-client.js';
import { useKiosk } from '../kiosk-context.js';
import { CategoryTabs } from '../order/category-tabs.js';
import { ItemTile } from '../order/item-tile.js';
import { CheckPanel } from './check-panel.js';
import { CustomChargePanel } from './custom-charge-panel.js';
import type { StaffCart, StaffCartAction } from './staff-cart.js';
import { useStaff } from './staff-context.js';

const QUICK_COUNT = 4;

export interface StaffOrderScreenProps {
  cart: StaffCart;
  quote: QuoteView | null;
  onCart: (action: StaffCartAction) => void;
  onCheckout: () => void;
  /** In-room dining: the check's "delivery to room" toggle (null: the outlet has no delivery charge). */
  delivery: boolean | null;
  onDelivery: (on: boolean) => void;
}

export function StaffOrderScreen({
  cart,
  quote,
  onCart,
  onCheckout,
  delivery,
  onDelivery,
}: StaffOrderScreenProps) {
  const { catalog } = useKiosk();
  const { t, money } = useStaff();
  const [category, setCategory] = useState(catalog.categories[0]?.code ?? '');
  const [custom, setCustom] = useState(false);
  const shown = catalog.items.filter((item) => item.categoryCode === category);
  // The first item of each category: the outlet's most-sold, by its catalog order.
  const quick = catalog.categories
    .map((c) => catalog.items.find((i) => i.categoryCode === c.code))
    .filter((i) => i !== undefined)
    .slice(0, QUICK_COUNT);
  // Seed 004 phase 2 charge templates; an edge without them sends none (or no field at all).
  const templates = catalog.templates ?? [];
  const quantityOf = (sku: string) => cart.lines.find((l) => 'sku' in l && l.sku === sku)?.quantity ?? 0;

  return (
    <div class={custom ? 'order order--custom' : 'order'} data-testid="order-screen">
      {custom ? (
        <CustomChargePanel
          onCancel={() => setCustom(false)}
          onAdd={(name, unitPriceMinor) => {
            onCart({ type: 'add-custom', name, unitPriceMinor });
            setCustom(false);
          }}
        />
      ) : (
        <section class="catalog" aria-label="Menu">
          <div class="quick">
            <span class="quick-label">{t('order.quick')}</span>
            {quick.map((item) => (
              <button
                key={item.sku}
                type="button"
                class="quick-button"
                data-testid={`quick-${item.sku}`}
                onClick={() => {
                  // Adds to the check being built; on an empty check one tap goes on to the room.
                  onCart({ type: 'add', sku: item.sku });
                  if (cart.lines.length === 0) onCheckout();
                }}
              >
                {item.name} · {money(item.priceMinor)}
              </button>
            ))}
          </div>
          {templates.length > 0 && (
            <div class="quick templates" data-testid="templates">
              <span class="quick-label">{t('order.templates')}</span>
              {templates.map((template) => (
                <button
                  key={template.code}
                  type="button"
                  class="quick-button template-button"
                  data-testid={`template-${template.code}`}
                  onClick={() => onCart({ type: 'add-lines', lines: template.lines })}
                >
                  {template.name}
                </button>
              ))}
            </div>
          )}
          <CategoryTabs categories={catalog.categories} selected={category} onSelect={setCategory} />
          <div class="tiles">
            {shown.map((item) => (
              <ItemTile
                key={item.sku}
                item={item}
                quantity={quantityOf(item.sku)}
                onAdd={() => onCart({ type: 'add', sku: item.sku })}
              />
            ))}
          </div>
        </section>
      )}
      <CheckPanel
        cart={cart}
        quote={quote}
        onCart={onCart}
        onCustom={() => setCustom(true)}
        onCheckout={onCheckout}
        delivery={delivery}
        onDelivery={onDelivery}
      />
    </div>
  );
}
