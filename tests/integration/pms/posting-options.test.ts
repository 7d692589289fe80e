// Seed 000 posting options (`include_itemized`, `tip_as_separate_line`) and the outlet's own PMS
// codes, checked on what each simulator actually received: FIAS as one PS with S1..Sn subtotals,
// the HTTP PMSs as lines.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { PmsChargeRequest } from '@roompost/central';
import { chargeFor } from '@roompost/central/pms-contract';
import { systemClock } from '../../../central/src/clock.js';
import { createCloudbedsAdapter } from '../../../central/src/pms/cloudbeds/cloudbeds-adapter.js';
import { cloudbedsPmsConfig } from '../../../central/src/pms/cloudbeds/cloudbeds-config.js';
import { startCloudbedsSimulator } from '../../../central/src/pms/cloudbeds/cloudbeds-simulator.js';
import { createMewsAdapter } from '../../../central/src/pms/mews/mews-adapter.js';
import { mewsPmsConfig } from '../../../central/src/pms/mews/mews-config.js';
import { startMewsSimulator } from '../../../central/src/pms/mews/mews-simulator.js';
import { createOhipAdapter } from '../../../central/src/pms/ohip/ohip-adapter.js';
import { ohipPmsConfig } from '../../../central/src/pms/ohip/ohip-config.js';
import { startOhipSimulator } from '../../../central/src/pms/ohip/ohip-simulator.js';
import { fiasRig } from './fias-harness.js';

const GUEST = { roomNumber: '412', firstName: 'James', lastName: 'Wilson', creditLimitMinor: null };

/** Two items and a tip: 2 × 12.00 (tax 1.90) + 1 × 30.00 (tax 2.40), tip 5.00. */
function check(posting: PmsChargeRequest['posting'], extra: Partial<PmsChargeRequest> = {}) {
  return chargeFor('412', 'USD', {
    subtotalMinor: 5400,
    taxMinor: 430,
    tipMinor: 500,
    totalMinor: 6330,
    items: [
      { sku: 'BEER', name: 'Beer', quantity: 2, unitPriceMinor: 1200, amountMinor: 2400, taxMinor: 190 },
      { sku: 'PIZZA', name: 'Pizza', quantity: 1, unitPriceMinor: 3000, amountMinor: 3000, taxMinor: 240 },
    ],
    posting,
    ...extra,
  });
}

const ITEMIZED = { itemized: true, tipAsSeparateLine: true };
const COMBINED = { itemized: false, tipAsSeparateLine: false };

test('FIAS: itemized is one PS with a subtotal per item and TP; combined folds the tip into S1', async (t: TestContext) => {
  const rig = await fiasRig();
  t.after(() => rig.close());
  rig.sim.seedGuest({ ...GUEST, balanceMinor: 0, status: 'in_house', noPost: false });
  await rig.adapter.lookupRoom('412');
  await rig.adapter.postCharge(check(ITEMIZED, { outletPmsCodes: { fias: { salesOutlet: '77' } } }));
  await rig.adapter.postCharge(check(COMBINED));
  const [itemized, combined] = rig.sim.state.postings.map((p) => p.amounts);
  // Add-on tax by default: subtotals are net, T1 the tax (TA = S + T + TP).
  assert.deepEqual(itemized, { TA: '6330', S1: '2400', S2: '3000', T1: '430', TP: '500' });
  assert.deepEqual(combined, { TA: '6330', S1: '5900', T1: '430' });
});

test('Cloudbeds: itemized lines with their taxes and a tip line under the outlet item id; combined is one line', async (t) => {
  const sim = await startCloudbedsSimulator({ currency: 'USD' });
  t.after(() => sim.close());
  sim.seedGuest(GUEST);
  const config = cloudbedsPmsConfig.parse({
    kind: 'cloudbeds',
    baseUrl: sim.baseUrl,
    currency: 'USD',
    auth: {
      type: 'oauth',
      tokenUrl: `${sim.baseUrl}/access_token`,
      clientId: 'cb-client',
      clientSecret: 'cb-secret',
    },
  });
  const adapter = createCloudbedsAdapter(config, { clock: systemClock });
  const itemizedCheck = check(ITEMIZED, { outletPmsCodes: { cloudbeds: { appItemId: 'cb-pool' } } });
  const combinedCheck = check(COMBINED);
  await adapter.postCharge(itemizedCheck);
  await adapter.postCharge(combinedCheck);
  const [itemized, combined] = sim.server.received.map((r) => new URLSearchParams(r.body));
  const lines = (form: URLSearchParams | undefined) =>
    [0, 1, 2, 3]
      .filter((i) => form?.has(`items[${i}][itemPrice]`))
      .map((i) => [
        form?.get(`items[${i}][appItemID]`),
        form?.get(`items[${i}][itemQuantity]`),
        form?.get(`items[${i}][itemPrice]`),
        form?.get(`items[${i}][itemTaxes][0][taxValue]`) ?? null,
      ]);
  // Each line its own appItemID under the outlet's prefix: Cloudbeds keeps the first name sent per id.
  const id = itemizedCheck.chargeId;
  assert.deepEqual(lines(itemized), [
    [`cb-pool-${id}-1`, '2', '12.00', '1.90'],
    [`cb-pool-${id}-2`, '1', '30.00', '2.40'],
    [`cb-pool-${id}-3`, '1', '5.00', null],
  ]);
  assert.deepEqual(lines(combined), [[`roompost-POOL-${combinedCheck.chargeId}-1`, '1', '59.00', '4.30']]);
  assert.deepEqual(
    sim.hotel.postingsFor('412').map((p) => p.totalMinor),
    [6330, 6330],
    'the PMS booked the whole check either way',
  );
});

test('Mews: itemized order items (gross) with the outlet accounting category; combined is one item', async (t) => {
  const sim = await startMewsSimulator({ currency: 'USD' });
  t.after(() => sim.close());
  sim.seedGuest(GUEST);
  const config = mewsPmsConfig.parse({
    kind: 'mews',
    baseUrl: sim.url,
    ...sim.tokens,
    taxCode: 'US-DC-G',
    currency: 'USD',
  });
  const adapter = createMewsAdapter(config, { clock: systemClock });
  await adapter.postCharge(
    check(ITEMIZED, { outletPmsCodes: { mews: { accountingCategoryId: 'AC-POOL' } } }),
  );
  await adapter.postCharge(check(COMBINED));
  const [itemized, combined] = sim.server.received.map(
    (r) =>
      JSON.parse(r.body).Items as Array<{
        UnitAmount: { GrossValue: number };
        AccountingCategoryId?: string;
      }>,
  );
  assert.deepEqual(
    itemized?.map((i) => [i.UnitAmount.GrossValue, i.AccountingCategoryId]),
    [
      [25.9, 'AC-POOL'],
      [32.4, 'AC-POOL'],
      [5, 'AC-POOL'],
    ],
  );
  assert.deepEqual(
    combined?.map((i) => i.UnitAmount.GrossValue),
    [63.3],
  );
});

test('OHIP: itemized charges[] lines under the outlet transaction code, tip under its own; combined is one line', async (t) => {
  const sim = await startOhipSimulator({ currency: 'USD', hotelId: 'SAND01' });
  t.after(() => sim.close());
  sim.seedGuest(GUEST);
  const config = ohipPmsConfig.parse({
    kind: 'ohip',
    baseUrl: sim.url,
    appKey: sim.appKey,
    hotelId: 'SAND01',
    auth: { clientId: 'ohip-client', clientSecret: 'ohip-secret' },
    cashierId: 113,
    transactionCodes: { POOL: '2010' },
    defaultTransactionCode: '2000',
    tipTransactionCode: '9100',
    currency: 'USD',
  });
  const adapter = createOhipAdapter(config, { clock: systemClock });
  await adapter.postCharge(check(ITEMIZED, { outletPmsCodes: { ohip: { transactionCode: '2077' } } }));
  await adapter.postCharge(check(COMBINED));
  const [itemized, combined] = sim.server.received.map(
    (r) =>
      JSON.parse(r.body).criteria.charges as Array<{ transactionCode: string; price: { amount: number } }>,
  );
  assert.deepEqual(
    itemized?.map((c) => [c.transactionCode, c.price.amount]),
    [
      ['2077', 25.9],
      ['2077', 32.4],
      ['9100', 5],
    ],
  );
  assert.deepEqual(
    combined?.map((c) => [c.transactionCode, c.price.amount]),
    [['2010', 63.3]],
  );
});
