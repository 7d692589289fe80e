// FIAS rules of the 2.20.23 specification that our own simulator used to let pass: it now honours the
// LR declarations (an undeclared field never reaches the PMS), refuses a posting over the credit
// limit without CO=Y (p.81, answer CO), and can answer postings slowly while inquiries go on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chargeFor } from '@roompost/central/pms-contract';
import { postingText } from '../../../central/src/pms/fias/fias-records.js';
import { fiasRig } from './fias-harness.js';

const guest = { roomNumber: '412', firstName: 'James', lastName: 'Wilson' };

test('fias: an override posts over the credit limit with CO=Y; without one the PMS answers CO', async (t) => {
  const rig = await fiasRig();
  t.after(() => rig.close());
  rig.sim.seedGuest({ ...guest, creditLimitMinor: 5000, balanceMinor: 0 });
  const over = chargeFor('412', 'USD'); // 105.00 against a 50.00 limit
  await assert.rejects(
    rig.adapter.postCharge(over),
    (err: { code: string }) => err.code === 'CREDIT_EXCEEDED',
  );
  const overridden = chargeFor('412', 'USD', {
    overrideCreditLimit: { by: 'raj (front desk)', reason: 'guest paid a deposit at the desk' },
  });
  await rig.adapter.postCharge(overridden);
  assert.equal(rig.sim.state.postings.length, 1);
  assert.equal(rig.sim.state.postings[0]?.totalMinor, 10500);
});

test('fias: an itemized check posts S1–S3 declared in the LR, and the PMS adds them up to TA', async (t) => {
  const rig = await fiasRig();
  t.after(() => rig.close());
  rig.sim.seedGuest({ ...guest, creditLimitMinor: null });
  const charge = chargeFor('412', 'USD', {
    subtotalMinor: 8750,
    tipMinor: 1750,
    totalMinor: 10500,
    posting: { itemized: true, tipAsSeparateLine: true },
    items: [
      { sku: 'MOJ', name: 'Mojito', quantity: 2, unitPriceMinor: 1400, amountMinor: 2800, taxMinor: 0 },
      { sku: 'NAC', name: 'Nachos', quantity: 1, unitPriceMinor: 3950, amountMinor: 3950, taxMinor: 0 },
      { sku: 'WAT', name: 'Water', quantity: 4, unitPriceMinor: 500, amountMinor: 2000, taxMinor: 0 },
    ],
  });
  await rig.adapter.postCharge(charge);
  const [posting] = rig.sim.state.postings;
  assert.equal(posting?.amounts.S2, '3950');
  assert.equal(posting?.amounts.S3, '2000');
  assert.equal(posting?.totalMinor, 10500);
});

test('fias: the 20-character CT keeps the check number, shortening the outlet name instead', () => {
  const charge = chargeFor('412', 'USD', {
    description: 'Main Restaurant - Check #100123',
    checkNumber: '100123',
  });
  assert.equal(postingText(charge, 1), 'Main Restaur #100123');
  assert.equal(postingText(charge, -1).endsWith('#100123'), true);
  assert.ok(postingText(charge, -1).length <= 20);
});

test("fias: a slow posting answer does not hold up other outlets' lookups", async (t) => {
  const rig = await fiasRig({ timeouts: { postingMs: 10_000, answerMs: 1_000 } });
  t.after(() => rig.close());
  rig.sim.seedGuest({ ...guest, creditLimitMinor: null });
  rig.sim.seedGuest({ roomNumber: '305', firstName: 'Anna', lastName: 'Davis', creditLimitMinor: null });
  rig.sim.slowPostingsMs = 3_000;
  const posting = rig.adapter.postCharge(chargeFor('412', 'USD'));
  // The posting's own inquiry is answered at once; its PA takes 3 s. Lookups meanwhile answer in time.
  await new Promise((r) => setTimeout(r, 100));
  const started = Date.now();
  const room = await rig.adapter.lookupRoom('305');
  assert.equal(room.guest.lastName, 'Davis');
  assert.ok(Date.now() - started < 1_000, `the lookup answered in ${Date.now() - started} ms`);
  await posting;
});

test('fias: a PL without GA/GD gives no stay dates rather than made-up ones', async (t) => {
  const rig = await fiasRig();
  t.after(() => rig.close());
  rig.sim.seedGuest({ ...guest, creditLimitMinor: null, arrival: '', departure: '' });
  const room = await rig.adapter.lookupRoom('412');
  assert.equal(room.reservation.checkIn, null);
  assert.equal(room.reservation.checkOut, null);
});
