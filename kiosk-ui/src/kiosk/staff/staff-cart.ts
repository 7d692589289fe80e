// The staff check: menu items by SKU and custom charges (a name and a tax-inclusive price), each
// with a quantity. Prices, tax and totals come from the edge's quote.
import type { CheckItem } from '@roompost/sync/contract';

export const MAX_QUANTITY = 99;

export type StaffLine =
  | { key: string; sku: string; quantity: number }
  | { key: string; custom: { name: string; unitPriceMinor: number }; quantity: number };

export interface StaffCart {
  lines: readonly StaffLine[];
  nextCustom: number;
}

export type StaffCartAction =
  | { type: 'add'; sku: string }
  | { type: 'add-custom'; name: string; unitPriceMinor: number }
  /** A charge template (seed 004 phase 2): every line at once, quantities adding to what is there. */
  | { type: 'add-lines'; lines: ReadonlyArray<{ sku: string; quantity: number }> }
  | { type: 'increment'; key: string }
  | { type: 'decrement'; key: string }
  | { type: 'clear' };

export const emptyStaffCart: StaffCart = { lines: [], nextCustom: 1 };

export function staffCartReducer(cart: StaffCart, action: StaffCartAction): StaffCart {
  switch (action.type) {
    case 'add': {
      const key = `sku:${action.sku}`;
      if (cart.lines.some((l) => l.key === key)) return staffCartReducer(cart, { type: 'increment', key });
      return { ...cart, lines: [...cart.lines, { key, sku: action.sku, quantity: 1 }] };
    }
    case 'add-lines':
      return action.lines.reduce((c, { sku, quantity }) => addQuantity(c, sku, quantity), cart);
    case 'add-custom': {
      const name = action.name.trim();
      if (!name || !Number.isSafeInteger(action.unitPriceMinor) || action.unitPriceMinor <= 0) return cart;
      const line: StaffLine = {
        key: `custom:${cart.nextCustom}`,
        custom: { name, unitPriceMinor: action.unitPriceMinor },
        quantity: 1,
      };
      return { lines: [...cart.lines, line], nextCustom: cart.nextCustom + 1 };
    }
    case 'increment':
      return withLine(cart, action.key, (q) => Math.min(q + 1, MAX_QUANTITY));
    case 'decrement':
      return withLine(cart, action.key, (q) => q - 1);
    case 'clear':
      return cart.lines.length === 0 ? cart : emptyStaffCart;
  }
}

function addQuantity(cart: StaffCart, sku: string, quantity: number): StaffCart {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) return cart;
  const key = `sku:${sku}`;
  if (!cart.lines.some((l) => l.key === key)) {
    const line: StaffLine = { key, sku, quantity: Math.min(quantity, MAX_QUANTITY) };
    return { ...cart, lines: [...cart.lines, line] };
  }
  return withLine(cart, key, (q) => Math.min(q + quantity, MAX_QUANTITY));
}

function withLine(cart: StaffCart, key: string, next: (quantity: number) => number): StaffCart {
  const lines = cart.lines
    .map((l) => (l.key === key ? { ...l, quantity: next(l.quantity) } : l))
    .filter((l) => l.quantity > 0);
  return { ...cart, lines };
}

/** The `items` of a quote or check request, in the order they were added. */
export function staffCartItems(cart: StaffCart): CheckItem[] {
  return cart.lines.map((l) =>
    'sku' in l ? { sku: l.sku, quantity: l.quantity } : { custom: l.custom, quantity: l.quantity },
  );
}

/** Typed digits as minor units: "1250" → 1250 (12.50 in a two-decimal currency). */
export function digitsToMinor(digits: string): number {
  const clean = digits.replace(/\D/g, '').replace(/^0+/, '').slice(0, 9);
  return clean === '' ? 0 : Number(clean);
}
