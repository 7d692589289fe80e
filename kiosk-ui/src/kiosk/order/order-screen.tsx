// Seed 000 step 1 for a guest: pick items from big tiles by category, see the cart, then
// "Charge to room".
import { useState } from 'preact/hooks';
import type { QuoteView } from '../api/edge-client.js';
import { type Cart, type CartAction, quantityOf } from '../cart/cart.js';
import { useKiosk } from '../kiosk-context.js';
import { CartPanel } from './cart-panel.js';
import { CategoryTabs } from './category-tabs.js';
import { ItemTile } from './item-tile.js';

export interface OrderScreenProps {
  cart: Cart;
  quote: QuoteView | null;
  quoteFailed: boolean;
  onCart: (action: CartAction) => void;
  onCheckout: () => void;
}

export function OrderScreen({ cart, quote, quoteFailed, onCart, onCheckout }: OrderScreenProps) {
  const { catalog } = useKiosk();
  const [category, setCategory] = useState(catalog.categories[0]?.code ?? '');
  const shown = catalog.items.filter((item) => item.categoryCode === category);

  return (
    <div class="order" data-testid="order-screen">
      <section class="catalog" aria-label="Menu">
        <CategoryTabs categories={catalog.categories} selected={category} onSelect={setCategory} />
        <div class="tiles">
          {shown.map((item) => (
            <ItemTile
              key={item.sku}
              item={item}
              quantity={quantityOf(cart, item.sku)}
              onAdd={() => onCart({ type: 'add', sku: item.sku })}
            />
          ))}
        </div>
      </section>
      <CartPanel
        cart={cart}
        quote={quote}
        quoteFailed={quoteFailed}
        onCart={onCart}
        onCheckout={onCheckout}
      />
    </div>
  );
}
