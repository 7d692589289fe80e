// The staff check's charge templates (seed 004 phase 2), the tip base without the delivery charge,
// and the e-mail receipt's address check.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goodsSubtotal } from '../../../kiosk-ui/src/kiosk/order/delivery-line.js';
import { isEmailAddress, typeKey } from '../../../kiosk-ui/src/kiosk/receipt-choice/email-address.js';
import {
  emptyStaffCart,
  type StaffCartAction,
  staffCartItems,
  staffCartReducer,
} from '../../../kiosk-ui/src/kiosk/staff/staff-cart.js';

const apply = (...actions: StaffCartAction[]) => actions.reduce(staffCartReducer, emptyStaffCart);

test('a template adds all its lines; tapped again, quantities add up (capped at 99)', () => {
  const lines = [
    { sku: 'CABANA', quantity: 1 },
    { sku: 'WATER', quantity: 2 },
  ];
  const cart = apply(
    { type: 'add', sku: 'WATER' },
    { type: 'add-lines', lines },
    { type: 'add-lines', lines },
    { type: 'add-lines', lines: [{ sku: 'TOWEL', quantity: 120 }] },
    { type: 'add-lines', lines: [{ sku: 'ICE', quantity: 0 }] },
  );
  assert.deepEqual(staffCartItems(cart), [
    { sku: 'WATER', quantity: 5 },
    { sku: 'CABANA', quantity: 2 },
    { sku: 'TOWEL', quantity: 99 },
  ]);
});

test('tip percentages apply to the goods: the subtotal without the delivery line', () => {
  const base = { subtotalMinor: 2300, taxMinor: 123, tipMinor: 0, totalMinor: 2423 };
  assert.equal(
    goodsSubtotal({
      ...base,
      lines: [
        { sku: 'FRIES', name: 'Fries', quantity: 1, unitPriceMinor: 1800, amountMinor: 1800, taxMinor: 90 },
        {
          sku: 'DELIVERY',
          name: 'Delivery',
          quantity: 1,
          unitPriceMinor: 500,
          amountMinor: 500,
          taxMinor: 33,
        },
      ],
    }),
    1800,
  );
  assert.equal(goodsSubtotal({ ...base, lines: [] }), 2300);
});

test('e-mail addresses: a quick check before the edge’s, typed within the length limit', () => {
  for (const good of ['guest@example.com', 'a.b-c_d@mail.example.co.in'])
    assert.ok(isEmailAddress(good), good);
  for (const bad of ['guest', 'guest@', 'guest@example', '@example.com', 'a b@example.com', 'x@y.c'])
    assert.ok(!isEmailAddress(bad), bad);
  assert.equal(typeKey('guest@example', '.com'), 'guest@example.com');
  const long = 'a'.repeat(254);
  assert.equal(typeKey(long, 'b'), long);
});
