import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  digitsToMinor,
  emptyStaffCart,
  type StaffCartAction,
  staffCartItems,
  staffCartReducer,
} from '../../../kiosk-ui/src/kiosk/staff/staff-cart.js';

const apply = (...actions: StaffCartAction[]) => actions.reduce(staffCartReducer, emptyStaffCart);

test('menu items and custom charges share one check, each with its own quantity', () => {
  const cart = apply(
    { type: 'add', sku: 'BEER' },
    { type: 'add-custom', name: ' Cake ', unitPriceMinor: 1250 },
    { type: 'add', sku: 'BEER' },
    { type: 'increment', key: 'custom:1' },
  );
  assert.deepEqual(staffCartItems(cart), [
    { sku: 'BEER', quantity: 2 },
    { custom: { name: 'Cake', unitPriceMinor: 1250 }, quantity: 2 },
  ]);
});

test('a custom charge needs a name and a positive amount; two with one name stay two lines', () => {
  assert.deepEqual(apply({ type: 'add-custom', name: '  ', unitPriceMinor: 100 }).lines, []);
  assert.deepEqual(apply({ type: 'add-custom', name: 'Fee', unitPriceMinor: 0 }).lines, []);
  const two = apply(
    { type: 'add-custom', name: 'Fee', unitPriceMinor: 100 },
    { type: 'add-custom', name: 'Fee', unitPriceMinor: 100 },
  );
  assert.deepEqual(
    two.lines.map((l) => l.key),
    ['custom:1', 'custom:2'],
  );
});

test('decrement to zero removes the line; clear empties the check', () => {
  const cart = apply({ type: 'add', sku: 'SODA' }, { type: 'decrement', key: 'sku:SODA' });
  assert.deepEqual(cart.lines, []);
  assert.equal(apply({ type: 'add', sku: 'SODA' }, { type: 'clear' }), emptyStaffCart);
});

test('typed keypad digits are minor units, leading zeros and junk ignored', () => {
  assert.equal(digitsToMinor(''), 0);
  assert.equal(digitsToMinor('0025'), 25);
  assert.equal(digitsToMinor('1250'), 1250);
});
