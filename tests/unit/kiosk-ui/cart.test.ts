import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Cart,
  cartCount,
  cartItems,
  cartReducer,
  emptyCart,
  MAX_QUANTITY,
  quantityOf,
} from '../../../kiosk-ui/src/kiosk/cart/cart.js';

const apply = (cart: Cart, ...actions: Parameters<typeof cartReducer>[1][]) =>
  actions.reduce(cartReducer, cart);

test('adding items keeps the order they were first added and counts repeats', () => {
  const cart = apply(
    emptyCart,
    { type: 'add', sku: 'beer' },
    { type: 'add', sku: 'fries' },
    { type: 'add', sku: 'beer' },
  );
  assert.deepEqual(cartItems(cart), [
    { sku: 'beer', quantity: 2 },
    { sku: 'fries', quantity: 1 },
  ]);
  assert.equal(cartCount(cart), 3);
  assert.equal(quantityOf(cart, 'beer'), 2);
  assert.equal(quantityOf(cart, 'water'), 0);
});

test('decrementing the last unit removes the line', () => {
  const cart = apply(
    emptyCart,
    { type: 'add', sku: 'beer' },
    { type: 'add', sku: 'beer' },
    { type: 'decrement', sku: 'beer' },
  );
  assert.equal(quantityOf(cart, 'beer'), 1);
  assert.deepEqual(cartReducer(cart, { type: 'decrement', sku: 'beer' }).lines, []);
});

test('quantity stops at the contract maximum of 99', () => {
  let cart = emptyCart;
  for (let i = 0; i < MAX_QUANTITY + 5; i++) cart = cartReducer(cart, { type: 'add', sku: 'beer' });
  assert.equal(MAX_QUANTITY, 99);
  assert.equal(quantityOf(cart, 'beer'), 99);
});

test('remove and clear empty the cart; no-op actions return the same object', () => {
  const cart = apply(emptyCart, { type: 'add', sku: 'beer' }, { type: 'add', sku: 'fries' });
  assert.deepEqual(cartItems(cartReducer(cart, { type: 'remove', sku: 'beer' })), [
    { sku: 'fries', quantity: 1 },
  ]);
  assert.equal(cartReducer(cart, { type: 'clear' }).lines.length, 0);
  assert.equal(cartReducer(cart, { type: 'remove', sku: 'nope' }), cart);
  assert.equal(cartReducer(cart, { type: 'decrement', sku: 'nope' }), cart);
  assert.equal(cartReducer(emptyCart, { type: 'clear' }), emptyCart);
});

test('the reducer never mutates the previous cart', () => {
  const before = apply(emptyCart, { type: 'add', sku: 'beer' });
  const snapshot = JSON.stringify(before);
  apply(
    before,
    { type: 'add', sku: 'beer' },
    { type: 'add', sku: 'fries' },
    { type: 'decrement', sku: 'beer' },
  );
  assert.equal(JSON.stringify(before), snapshot);
});
