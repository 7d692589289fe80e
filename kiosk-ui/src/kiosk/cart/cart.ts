// The guest's cart: which catalog items, how many, in the order they were first added. Prices, tax
// and totals are not here: the edge quotes them (POST /api/checks/quote).

/** The contract accepts 1–99 of one item on a check (createCheckRequest). */
export const MAX_QUANTITY = 99;

export interface CartLine {
  sku: string;
  quantity: number;
}

export interface Cart {
  lines: readonly CartLine[];
}

export type CartAction =
  | { type: 'add'; sku: string }
  | { type: 'decrement'; sku: string }
  | { type: 'remove'; sku: string }
  | { type: 'clear' };

export const emptyCart: Cart = { lines: [] };

export function cartReducer(cart: Cart, action: CartAction): Cart {
  switch (action.type) {
    case 'add': {
      const existing = cart.lines.find((line) => line.sku === action.sku);
      if (!existing) return { lines: [...cart.lines, { sku: action.sku, quantity: 1 }] };
      if (existing.quantity >= MAX_QUANTITY) return cart;
      return withQuantity(cart, action.sku, existing.quantity + 1);
    }
    case 'decrement': {
      const existing = cart.lines.find((line) => line.sku === action.sku);
      if (!existing) return cart;
      if (existing.quantity <= 1) return { lines: cart.lines.filter((line) => line.sku !== action.sku) };
      return withQuantity(cart, action.sku, existing.quantity - 1);
    }
    case 'remove':
      return cart.lines.some((line) => line.sku === action.sku)
        ? { lines: cart.lines.filter((line) => line.sku !== action.sku) }
        : cart;
    case 'clear':
      return cart.lines.length === 0 ? cart : emptyCart;
  }
}

function withQuantity(cart: Cart, sku: string, quantity: number): Cart {
  return { lines: cart.lines.map((line) => (line.sku === sku ? { sku, quantity } : line)) };
}

/** Number of units in the cart (2 × beer + 1 × fries = 3). */
export function cartCount(cart: Cart): number {
  return cart.lines.reduce((sum, line) => sum + line.quantity, 0);
}

export function quantityOf(cart: Cart, sku: string): number {
  return cart.lines.find((line) => line.sku === sku)?.quantity ?? 0;
}

/** The `items` of a quote or check request. */
export function cartItems(cart: Cart): Array<{ sku: string; quantity: number }> {
  return cart.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
}
