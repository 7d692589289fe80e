// Issue #4's "done when" over central's HTTP API on the demo hotel: rules CRUD with coded refusals, night audit
// for the business date, the morning reports as JSON and CSV. Amounts are USD cents.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemoHotel } from '@roompost/central';
import { centralAs, startTestCentral, TODAY } from '../../support/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

test('the demo hotel runs night audit over HTTP and the morning reports show its figures', async (t) => {
  const central = await startTestCentral(t);
  await seedDemoHotel(central.folio, TODAY); // business date 2026-11-22, a Sunday
  const manager = centralAs(central.httpUrl, 'mgr-lena', 'manager');

  // Rules: the demo's two, an overlapping weekend rule and a negative amount refused, writing nothing.
  const rules = await manager.get<Json[]>('/api/rules');
  assert.deepEqual(
    rules.body.map((r) => [r.code, r.kind]),
    [
      ['XBED', 'EXTRA_BED'],
      ['WEEKEND', 'WEEKEND'],
    ],
  );
  const overlap = await manager.post<Json>('/api/rules', {
    code: 'SUNDAY',
    kind: 'WEEKEND',
    name: 'Sunday nights',
    percent: '5',
    weekdays: [0],
  });
  assert.deepEqual([overlap.status, overlap.body.code], [409, 'RULE_OVERLAP']);
  const negative = await manager.post<Json>('/api/rules', {
    code: 'XP',
    kind: 'EXTRA_PERSON',
    name: 'Extra person',
    amountMinor: -500,
  });
  assert.deepEqual(
    [negative.status, negative.body.code, negative.body.field],
    [400, 'VALIDATION_FAILED', 'amountMinor'],
  );
  assert.equal((await manager.get<Json[]>('/api/rules')).body.length, 2);

  // A date that is not the business date: 409, nothing written.
  const wrong = await manager.post<Json>('/api/night-audit', { businessDate: '2026-11-21' });
  assert.deepEqual([wrong.status, wrong.body.code], [409, 'AUDIT_DATE_MISMATCH']);
  // The status carries the pricing pre-check: the demo's only plan (BAR) prices every walk-in.
  assert.deepEqual((await manager.get<Json>('/api/night-audit')).body, {
    businessDate: TODAY,
    runs: [],
    unpricedStays: [],
    walkInRatePlanCode: 'BAR',
    ratePlans: [{ code: 'BAR', name: 'Best available rate' }],
  });
  const unknownPlan = await manager.get<Json>('/api/night-audit?walkInRatePlanCode=NOPE');
  assert.deepEqual(
    [unknownPlan.status, unknownPlan.body.code, unknownPlan.body.field],
    [400, 'VALIDATION_FAILED', 'walkInRatePlanCode'],
  );

  // Seed 000: the front desk signs off night audit; only a manager overrides unposted outlet charges.
  const frontDesk = centralAs(central.httpUrl, 'fd-omar', 'front_desk');
  const override = { businessDate: TODAY, override: { reason: 'PMS link down' } };
  const refused = await frontDesk.post<Json>('/api/night-audit', override);
  assert.deepEqual([refused.status, refused.body.code], [403, 'FORBIDDEN']);
  assert.deepEqual((await frontDesk.get<Json>('/api/night-audit')).body.runs, []);

  const run = await frontDesk.post<Json>('/api/night-audit', { businessDate: TODAY });
  assert.equal(run.status, 201, JSON.stringify(run.body));
  // Seven walk-in stays in house on the 22nd, priced with BAR (the demo's only rate plan):
  //   SQ 402, 306, 303: 3 × 189.00 = 567.00 · DK 412, 310, 407: 3 × 249.00 = 747.00 · JS 410: 399.00
  //   room 1,713.00; Sunday in a Junior Suite: WEEKEND 10 % of 399.00 = 39.90
  // Each night's NYC taxes are posted with it (issue #4 item 2), four TAX lines a room (each rounded half-up):
  //   189.00: sales 8.875 % 16.77 + hotel 5.875 % 11.10 + hotel flat 2.00 + unit fee 1.50 = 31.37
  //   249.00: 22.10 + 14.63 + 2.00 + 1.50 = 40.23
  //   399.00 + WEEKEND 39.90: sales 35.41 + 3.54, hotel 23.44 + 2.34 (flat fees on the room line only)
  //   + 2.00 + 1.50 = 68.23
  //   8 lines + 7 × 4 TAX lines = 36 postings; tax 3 × 31.37 + 3 × 40.23 + 68.23 = 283.03
  assert.equal(run.body.nextBusinessDate, '2026-11-23');
  assert.equal(run.body.roomsPosted, 7);
  assert.equal(run.body.postings, 36);
  assert.equal(run.body.roomTaxMinor, 28_303);
  assert.equal(run.body.report.roomMinor, 171_300);
  assert.deepEqual(run.body.report.surcharges, [{ kind: 'WEEKEND', amountMinor: 3_990 }]);
  const status = (await manager.get<Json>('/api/night-audit')).body;
  assert.equal(status.businessDate, '2026-11-23');
  assert.deepEqual(
    status.runs.map((r: Json) => [r.businessDate, r.status, r.startedBy]),
    [[TODAY, 'completed', 'fd-omar']],
  );
  // Who ran it and who approved it (seed 000 "Night Audit Sign-Off"): none yet, then the clerk signs off.
  assert.deepEqual([run.body.reconciliation.signOffs, status.runs[0].signOffs], [[], []]);
  const signed = await frontDesk.post<Json>('/api/pms/reconciliation/sign-off', { date: TODAY });
  assert.equal(signed.status, 201, JSON.stringify(signed.body));
  const approved = (await manager.get<Json>('/api/night-audit')).body.runs[0];
  assert.deepEqual(
    [approved.startedBy, approved.signOffs.map((s: Json) => [s.date, s.by, s.varianceMinor])],
    ['fd-omar', [[TODAY, 'fd-omar', 0]]],
  );
  const again = await manager.post<Json>('/api/night-audit', { businessDate: TODAY });
  assert.deepEqual([again.status, again.body.code], [409, 'AUDIT_DATE_MISMATCH']);

  // Occupancy of the 22nd: 7 of 22 rooms, 31.82 %, ADR 1,713.00 / 7 = 244.71, RevPAR 1,713.00 / 22 = 77.86
  const occupancy = await manager.get<Json>(`/api/reports/occupancy?from=${TODAY}&to=${TODAY}`);
  assert.deepEqual(occupancy.body.days, [
    {
      date: TODAY,
      roomsAvailable: 22,
      roomsSold: 7,
      occupancyPercent: '31.82',
      roomRevenueMinor: 171_300,
      adrMinor: 24_471,
      revparMinor: 7_786,
    },
  ]);
  const csv = await manager.get(`/api/reports/occupancy?from=${TODAY}&to=${TODAY}&format=csv`);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
  assert.equal(
    csv.text,
    'date,rooms_available,rooms_sold,occupancy_percent,room_revenue,adr,revpar,currency\r\n' +
      `${TODAY},22,7,31.82,1713.00,244.71,77.86,USD\r\n` +
      'TOTAL,22,7,31.82,1713.00,244.71,77.86,USD\r\n',
  );

  const revenue = await manager.get<Json>(`/api/reports/revenue?from=${TODAY}`);
  assert.equal(revenue.body.roomMinor, 171_300);
  // Tax posted on the 22nd: the nights' 283.03 and the bar check's 7.54 (outlet tax, demo-hotel.ts)
  assert.equal(revenue.body.taxMinor, 28_303 + 754);
  const revenueCsv = await manager.get(`/api/reports/revenue?from=${TODAY}&format=csv`);
  assert.match(revenueCsv.text, /^category,detail,amount,currency\r\nROOM,,1713\.00,USD\r\n/);
  assert.match(revenueCsv.text, /\r\nSURCHARGE,WEEKEND,39\.90,USD\r\n/);

  const balances = await manager.get<Json>('/api/reports/outstanding-balances');
  // The folio balance includes the night's posted tax (it was 399.00 + 39.90 before issue #4 item 2).
  assert.equal(
    balances.body.inHouse.find((b: Json) => b.roomNumber === '410').balanceMinor,
    39_900 + 3_990 + 6_823,
  );
  const aging = await manager.get<Json>('/api/reports/deposit-aging');
  assert.deepEqual(
    aging.body.buckets.map((b: Json) => b.bucket),
    ['0-7', '8-30', '31-90', '>90'],
  );

  // A campaign with a coupon code, listed with its redemptions; the code's validity is checked.
  const promo = await manager.post<Json>('/api/rules', {
    code: 'WINTER',
    kind: 'PROMO',
    name: 'Winter saver',
    percent: '15',
    promoScope: 'NIGHT',
  });
  assert.equal(promo.status, 201, JSON.stringify(promo.body));
  const coupon = await manager.post<Json>('/api/rules/promo-codes', {
    code: 'SNOW15',
    ruleCode: 'WINTER',
    validFrom: '2026-12-01',
    validTo: '2027-02-28',
    usageLimit: 50,
  });
  assert.equal(coupon.status, 201, JSON.stringify(coupon.body));
  assert.deepEqual((await manager.get<Json[]>('/api/rules/promo-codes')).body, [
    {
      code: 'SNOW15',
      ruleCode: 'WINTER',
      validFrom: '2026-12-01',
      validTo: '2027-02-28',
      usageLimit: 50,
      redemptions: 0,
    },
  ]);
  const backwards = await manager.post<Json>('/api/rules/promo-codes', {
    code: 'BAD',
    ruleCode: 'WINTER',
    validFrom: '2027-01-01',
    validTo: '2026-12-01',
  });
  assert.deepEqual([backwards.status, backwards.body.field], [400, 'validTo']);

  const openapi = await manager.get<Json>('/api/openapi.json');
  for (const path of ['/api/night-audit', '/api/rules', '/api/rules/promo-codes', '/api/reports/revenue']) {
    assert.ok(openapi.body.paths[path], `${path} is in the OpenAPI document`);
  }
});
