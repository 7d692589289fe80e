// Night audit, rules and reports on a real SQLite file: the postings of a night written out, refusals that
// write nothing, idempotence, crash-resume equal to a clean run, and the morning reports by hand.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { createBackOffice, type FolioDatabase, type SqliteStore } from '@roompost/folio';
import { folioError, openFolioFixture } from './folio-fixture.js';
import { CLERK, checkedIn, seedFrontOffice } from './front-office-fixture.js';

const AUDITOR = 'mgr-priya';

/**
 * Lake Palace on 10 March 2026 (a Tuesday), BAR ₹6,000.00, rate plan extras ₹1,000.00 per adult and ₹500.00
 * per bed. Rules: SPRING +5 % on 10–11 March, extra bed ₹700.00 (replaces the plan's ₹500.00), promo SAVE10
 * 10 % per night. In house: 301 (2 adults, deposit held on 1 Feb), 302 (3 adults, 1 extra bed, promo SAVE10,
 * deposit held on 10 Mar). 303 is Confirmed for the 10th and never arrives.
 */
async function lakePalace(t: TestContext, pending = { count: 0 }) {
  const fx = await openFolioFixture(t);
  const { folio, clock, store } = fx;
  const { guestId } = await seedFrontOffice(folio);
  await folio.configureInvoicing(
    {
      legalName: 'Lake Palace Hotels Pvt Ltd',
      address: 'Lake Road, Udaipur',
      gstin: '08AABCS1234F1Z5',
      regime: 'IN_GST',
    },
    CLERK,
  );
  const office = createBackOffice(store.db, { clock }, { pendingPosCharges: async () => pending.count });
  await office.createRule(
    {
      code: 'SPRING',
      kind: 'SEASONAL',
      name: 'Spring festival',
      percent: '5',
      dateFrom: '2026-03-10',
      dateTo: '2026-03-11',
    },
    CLERK,
  );
  await office.createRule({ code: 'XBED', kind: 'EXTRA_BED', name: 'Extra bed', amountMinor: 70_000 }, CLERK);
  await office.createRule(
    { code: 'SAVE', kind: 'PROMO', name: 'Spring saver', percent: '10', promoScope: 'NIGHT' },
    CLERK,
  );
  await office.createPromoCode(
    { code: 'SAVE10', ruleCode: 'SAVE', validFrom: '2026-03-01', validTo: '2026-03-31', usageLimit: 2 },
    CLERK,
  );
  clock.set('2026-02-01T10:00:00.000Z');
  const r301 = await checkedIn(folio, guestId, { confirmation: 'LP301' });
  clock.set('2026-03-10T10:00:00.000Z');
  const booked302 = await folio.book({
    guestId,
    roomNumber: '302',
    ratePlanCode: 'BAR',
    arrival: '2026-03-10',
    departure: '2026-03-12',
    adults: 3,
    extraBeds: 1,
    depositPolicyCode: 'DEP30',
    confirmation: 'LP302',
    by: CLERK,
  });
  await office.redeemPromoCode({ reservationId: booked302.id, code: 'SAVE10', by: CLERK });
  await folio.transitionReservation({ reservationId: booked302.id, to: 'PendingDeposit', by: CLERK });
  await folio.holdDeposit({ reservationId: booked302.id, method: 'CARD', reference: 'AUTH-2', by: CLERK });
  const r302 = await folio.checkInReservation({ reservationId: booked302.id, by: CLERK });
  const r303 = await folio.book({
    guestId,
    roomNumber: '303',
    ratePlanCode: 'BAR',
    arrival: '2026-03-10',
    departure: '2026-03-11',
    adults: 1,
    confirmation: 'LP303',
    by: CLERK,
  });
  await folio.transitionReservation({ reservationId: r303.id, to: 'Confirmed', by: CLERK });
  // dinner at the desk on 301: 2 × 42.50
  await folio.postFolioCharge({
    folioId: r301.folioId,
    type: 'POS',
    unitMinor: 4_250,
    quantity: 2,
    description: 'Dinner',
    by: CLERK,
  });
  clock.set('2026-03-10T23:30:00.000Z');
  return { ...fx, office, r301, r302: { id: r302.id, folioId: r302.folios[0]!.id }, r303 };
}

async function nightLines(store: SqliteStore<FolioDatabase>) {
  return store.db
    .selectFrom('postings')
    .innerJoin('folios', 'folios.id', 'postings.folio_id')
    .innerJoin('stays', 'stays.id', 'folios.stay_id')
    .select([
      'stays.confirmation',
      'postings.type',
      'postings.code',
      'postings.amount_minor',
      'postings.description',
    ])
    .where('postings.stay_date', '=', '2026-03-10')
    .orderBy('stays.confirmation')
    .orderBy('postings.code')
    .execute();
}

const count = async (
  store: SqliteStore<FolioDatabase>,
  table: 'postings' | 'night_audit_runs' | 'pricing_rules' | 'promo_redemptions',
) =>
  Number(
    (
      await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

test('night audit posts each room night with its rules, marks no-shows, rolls the date and reports the day', async (t) => {
  const { office, store, folio, r302, r303 } = await lakePalace(t);

  const result = await office.runNightAudit({ businessDate: '2026-03-10', by: AUDITOR });

  // 301: ROOM 6,000.00 + SPRING 5 % = 300.00
  // 302: ROOM 6,000.00 · EXTRA_PERSON 1 adult above base 2 at the plan's 1,000.00 · EXTRA_BED 1 × 700.00
  //      · SPRING 300.00 · SAVE10 10 % of (6,000.00 + 300.00) = 630.00 off
  // Each night's GST is posted with it, one TAX line per code (per line, each half rounded on its own):
  // 301: 6,300.00 net → 5 % slab: CGST 2.5 % = 150.00 + 7.50 = 157.50, SGST the same
  // 302: 6,000 + 1,000 + 700 + 300 − 630 = 7,370.00 → 5 % slab: CGST 150.00 + 25.00 + 17.50 + 7.50 − 15.75
  //      = 184.25, SGST the same
  assert.deepEqual(
    (await nightLines(store)).map((p) => [p.confirmation, p.type, p.code, p.amount_minor]),
    [
      ['LP301', 'ROOM', 'ROOM', 600_000],
      ['LP301', 'SURCHARGE', 'SEASONAL:SPRING', 30_000],
      ['LP301', 'TAX', 'TAX:CGST', 15_750],
      ['LP301', 'TAX', 'TAX:SGST', 15_750],
      ['LP302', 'SURCHARGE', 'EXTRA_BED', 70_000],
      ['LP302', 'SURCHARGE', 'EXTRA_PERSON', 100_000],
      ['LP302', 'DISCOUNT', 'PROMO:SAVE10', -63_000],
      ['LP302', 'ROOM', 'ROOM', 600_000],
      ['LP302', 'SURCHARGE', 'SEASONAL:SPRING', 30_000],
      ['LP302', 'TAX', 'TAX:CGST', 18_425],
      ['LP302', 'TAX', 'TAX:SGST', 18_425],
    ],
  );
  assert.deepEqual(
    (await nightLines(store)).filter((p) => p.type === 'TAX').map((p) => p.description),
    [
      'CGST @ 2.5% - night of 2026-03-10',
      'SGST @ 2.5% - night of 2026-03-10',
      'CGST @ 2.5% - night of 2026-03-10',
      'SGST @ 2.5% - night of 2026-03-10',
    ],
  );
  assert.equal(result.postings, 11);
  assert.equal(result.roomsPosted, 2);
  assert.deepEqual(result.noShows, ['LP303']);
  assert.equal(result.nextBusinessDate, '2026-03-11');
  assert.equal((await folio.getProperty())?.businessDate, '2026-03-11');
  assert.equal((await folio.getReservation(r303.id)).status, 'NoShow');

  // Daily revenue: room 12,000.00; POS (desk) 85.00; surcharges 300 + 300 + 1,000 + 700 = 2,300.00;
  // discounts −630.00; net 12,000 + 85 + 2,300 − 630 = 13,755.00; tax posted 315.00 + 368.50 = 683.50
  assert.deepEqual(
    {
      tax: result.report.taxMinor,
      room: result.report.roomMinor,
      pos: result.report.pos,
      surcharges: result.report.surcharges,
      discounts: result.report.discounts,
      net: result.report.netRevenueMinor,
    },
    {
      tax: 68_350,
      room: 1_200_000,
      pos: [{ outlet: 'FRONT_DESK', amountMinor: 8_500 }],
      surcharges: [
        { kind: 'EXTRA_BED', amountMinor: 70_000 },
        { kind: 'EXTRA_PERSON', amountMinor: 100_000 },
        { kind: 'SEASONAL', amountMinor: 60_000 },
      ],
      discounts: [{ kind: 'PROMO', amountMinor: -63_000 }],
      net: 1_375_500,
    },
  );
  // Room-night GST the audit posted (the TAX lines above): 301 315.00; 302 per line 300.00 + 50.00 + 35.00
  // + 15.00 − 31.50 = 368.50 (each half rounded: 150+150, 25+25, 17.50+17.50, 7.50+7.50, −15.75−15.75)
  assert.equal(result.roomTaxMinor, 31_500 + 36_850);

  // Occupancy on the 10th: 2 of 3 rooms sold, 66.67 %, ADR 6,000.00, RevPAR 12,000 / 3 = 4,000.00
  const occupancy = await office.occupancyReport({ from: '2026-03-10', to: '2026-03-10' });
  assert.deepEqual(occupancy.days, [
    {
      date: '2026-03-10',
      roomsAvailable: 3,
      roomsSold: 2,
      occupancyPercent: '66.67',
      roomRevenueMinor: 1_200_000,
      adrMinor: 600_000,
      revparMinor: 400_000,
    },
  ]);

  // Deposit aging on 11 March: 302's hold (30 % of 2 × (6,000 + 1,000 + 500) = 4,500.00) is 1 day old;
  // 301's (30 % of 4 × 6,000 = 7,200.00) was held on 1 Feb: 38 days
  const aging = await office.depositAgingReport();
  assert.deepEqual(
    aging.buckets.map((b) => [b.bucket, b.count, b.amountMinor]),
    [
      ['0-7', 1, 450_000],
      ['8-30', 0, 0],
      ['31-90', 1, 720_000],
      ['>90', 0, 0],
    ],
  );
  assert.deepEqual(
    aging.deposits.map((d) => [d.confirmation, d.ageDays]),
    [
      ['LP301', 38],
      ['LP302', 1],
    ],
  );

  // Outstanding (folio balances now include the night's posted tax): 301 6,300.00 + 315.00 + 85.00 =
  // 6,700.00; 302 7,370.00 + 368.50 = 7,738.50; nobody checked out with a balance
  const balances = await office.outstandingBalancesReport();
  assert.deepEqual(
    balances.inHouse.map((b) => [b.roomNumber, b.balanceMinor]),
    [
      ['301', 670_000],
      ['302', 773_850],
    ],
  );
  assert.deepEqual(balances.checkedOut, []);
  assert.equal(balances.inHouseMinor, 1_443_850);

  // Posting the same night again (the room-nights route, checkout) posts nothing, tax included: the keys exist.
  const again = await folio.postRoomNights({
    reservationId: r302.id,
    from: '2026-03-10',
    to: '2026-03-11',
    by: CLERK,
  });
  assert.deepEqual(again, []);

  // The audit for a date that is not the business date is refused and writes nothing.
  const before = { postings: await count(store, 'postings'), runs: await count(store, 'night_audit_runs') };
  await assert.rejects(
    office.runNightAudit({ businessDate: '2026-03-10', by: AUDITOR }),
    folioError('AUDIT_DATE_MISMATCH', { businessDate: '2026-03-10', current: '2026-03-11' }),
  );
  assert.deepEqual(before, {
    postings: await count(store, 'postings'),
    runs: await count(store, 'night_audit_runs'),
  });
  const status = await office.nightAuditStatus();
  assert.equal(status.businessDate, '2026-03-11');
  assert.deepEqual(
    status.runs.map((r) => [r.businessDate, r.status, r.startedBy, r.postings]),
    [['2026-03-10', 'completed', AUDITOR, 11]],
  );
});

test('unposted outlet charges block the audit unless a manager overrides with a reason', async (t) => {
  const pending = { count: 2 };
  const { office, store, folio } = await lakePalace(t, pending);
  const postings = await count(store, 'postings');

  await assert.rejects(
    office.runNightAudit({ businessDate: '2026-03-10', by: AUDITOR }),
    folioError('AUDIT_BLOCKED', { pendingPosCharges: 2 }),
  );
  await assert.rejects(
    office.runNightAudit({ businessDate: '2026-03-10', by: AUDITOR, override: { reason: ' ' } }),
    folioError('VALIDATION_FAILED', { field: 'override.reason' }),
  );
  assert.equal(await count(store, 'postings'), postings);
  assert.equal(await count(store, 'night_audit_runs'), 0);
  assert.equal((await folio.getProperty())?.businessDate, '2026-03-10');

  const result = await office.runNightAudit({
    businessDate: '2026-03-10',
    by: AUDITOR,
    override: { reason: 'Pool bar terminal offline, checks reconciled on paper' },
  });
  assert.equal(result.pendingPosCharges, 2);
  const [run] = (await office.nightAuditStatus()).runs;
  assert.equal(run?.overrideReason, 'Pool bar terminal offline, checks reconciled on paper');
  assert.equal(run?.pendingPosCharges, 2);
});

test('an audit stopped between rooms completes when run again and equals a clean run', async (t) => {
  const clean = await lakePalace(t);
  await clean.office.runNightAudit({ businessDate: '2026-03-10', by: AUDITOR });

  const crashed = await lakePalace(t);
  // The same back office with a fault injected at the checkpoint after each priced room.
  const cut = createBackOffice(
    crashed.store.db,
    { clock: crashed.clock },
    { pendingPosCharges: async () => 0 },
    {
      nightAudit: {
        afterRoom: (done) => {
          if (done === 2) throw new Error('power cut after the first room');
        },
      },
    },
  );
  await assert.rejects(
    cut.runNightAudit({ businessDate: '2026-03-10', by: AUDITOR, batchSize: 1 }),
    /power cut/,
  );
  // The first room's batch is committed, the second rolled back, the date did not move.
  assert.deepEqual([...new Set((await nightLines(crashed.store)).map((p) => p.confirmation))], ['LP301']);
  assert.equal((await crashed.folio.getProperty())?.businessDate, '2026-03-10');
  assert.equal((await crashed.office.nightAuditStatus()).runs[0]?.status, 'failed');

  const resumed = await crashed.office.runNightAudit({ businessDate: '2026-03-10', by: AUDITOR });
  assert.equal(resumed.postings, 7, 'only 302 (5 lines, 2 taxes) is posted on the second run');
  assert.equal(resumed.roomTaxMinor, 36_850, "only 302's tax is posted by the second run");

  const strip = (rows: Awaited<ReturnType<typeof nightLines>>) =>
    rows.map((r) => [r.confirmation, r.type, r.code, r.amount_minor, r.description]);
  assert.deepEqual(strip(await nightLines(crashed.store)), strip(await nightLines(clean.store)));
  assert.deepEqual(
    (await crashed.office.revenueReport({ from: '2026-03-10', to: '2026-03-10' })).netRevenueMinor,
    (await clean.office.revenueReport({ from: '2026-03-10', to: '2026-03-10' })).netRevenueMinor,
  );
  assert.equal((await crashed.folio.getProperty())?.businessDate, '2026-03-11');
});

test('a run that posted every night but stopped before rolling the date posts nothing the second time', async (t) => {
  const { office, store, folio, clock } = await lakePalace(t);
  const killed = createBackOffice(
    store.db,
    { clock },
    { pendingPosCharges: async () => 0 },
    {
      nightAudit: {
        beforeRoll: () => {
          throw new Error('killed before the roll');
        },
      },
    },
  );
  await assert.rejects(
    killed.runNightAudit({ businessDate: '2026-03-10', by: AUDITOR }),
    /killed before the roll/,
  );
  assert.equal((await nightLines(store)).length, 11);
  assert.equal((await folio.getProperty())?.businessDate, '2026-03-10');
  const postings = await count(store, 'postings');

  const second = await office.runNightAudit({ businessDate: '2026-03-10', by: AUDITOR });
  assert.equal(second.postings, 0);
  assert.equal(second.roomTaxMinor, 0, 'the tax lines were posted by the first run');
  assert.equal(await count(store, 'postings'), postings);
  assert.equal((await folio.getProperty())?.businessDate, '2026-03-11');
  assert.deepEqual(
    (await office.nightAuditStatus()).runs.map((r) => [r.status, r.postings]),
    [
      ['completed', 0],
      ['failed', 0],
    ],
  );
});

test('bad rules and promo codes are refused with coded errors and write nothing', async (t) => {
  const { office, store, r301, folio } = await lakePalace(t);
  const rules = await count(store, 'pricing_rules');

  // overlaps SPRING (10–11 March) for every room type
  await assert.rejects(
    office.createRule(
      { code: 'HOLI', kind: 'SEASONAL', name: 'Holi', amountMinor: 50_000, holidays: ['2026-03-11'] },
      CLERK,
    ),
    folioError('RULE_OVERLAP', { conflictsWith: 'SPRING' }),
  );
  await assert.rejects(
    office.createRule({ code: 'NEG', kind: 'EXTRA_PERSON', name: 'Extra person', amountMinor: -100 }, CLERK),
    folioError('VALIDATION_FAILED', { field: 'amountMinor' }),
  );
  await assert.rejects(
    office.createRule({ code: 'OFF', kind: 'ROOM_DISCOUNT', name: 'Too much', percent: '120' }, CLERK),
    folioError('VALIDATION_FAILED', { field: 'percent' }),
  );
  await assert.rejects(
    office.createRule({ code: 'XBED2', kind: 'EXTRA_BED', name: 'Second bed rule', amountMinor: 100 }, CLERK),
    folioError('RULE_OVERLAP', { conflictsWith: 'XBED' }),
  );
  assert.equal(await count(store, 'pricing_rules'), rules);

  // A rule may be changed without overlapping itself; once deactivated, another may take its dates.
  const changed = await office.updateRule(
    'SPRING',
    { name: 'Spring festival', percent: '7.5', dateFrom: '2026-03-10', dateTo: '2026-03-12' },
    CLERK,
  );
  assert.deepEqual([changed.percent, changed.dateTo, changed.kind], ['7.5', '2026-03-12', 'SEASONAL']);
  await office.deactivateRule('SPRING', CLERK);
  const holi = await office.createRule(
    { code: 'HOLI', kind: 'SEASONAL', name: 'Holi', amountMinor: 50_000, holidays: ['2026-03-11'] },
    CLERK,
  );
  assert.deepEqual(holi.holidays, ['2026-03-11']);
  assert.deepEqual(
    (await office.listRules()).filter((r) => r.kind === 'SEASONAL').map((r) => [r.code, r.active]),
    [
      ['HOLI', true],
      ['SPRING', false],
    ],
  );

  // SAVE10 has a usage limit of 2 and is already on 302: one more, then used up
  const redemptions = await count(store, 'promo_redemptions');
  await office.redeemPromoCode({ reservationId: r301.reservation.id, code: 'SAVE10', by: CLERK });
  const { guestId } = {
    guestId: (await store.db.selectFrom('guests').select('id').executeTakeFirstOrThrow()).id,
  };
  const later = await folio.book({
    guestId,
    roomNumber: '303',
    ratePlanCode: 'BAR',
    arrival: '2026-03-20',
    departure: '2026-03-21',
    adults: 1,
    by: CLERK,
  });
  await assert.rejects(
    office.redeemPromoCode({ reservationId: later.id, code: 'SAVE10', by: CLERK }),
    folioError('PROMO_NOT_VALID', { reason: 'USED_UP' }),
  );
  await office.createPromoCode(
    { code: 'WINTER', ruleCode: 'SAVE', validFrom: '2026-01-01', validTo: '2026-02-28' },
    CLERK,
  );
  await assert.rejects(
    office.redeemPromoCode({ reservationId: later.id, code: 'WINTER', by: CLERK }),
    folioError('PROMO_NOT_VALID', { reason: 'EXPIRED' }),
  );
  await assert.rejects(
    office.redeemPromoCode({ reservationId: later.id, code: 'NOPE', by: CLERK }),
    folioError('PROMO_NOT_VALID', { reason: 'UNKNOWN' }),
  );
  assert.equal(await count(store, 'promo_redemptions'), redemptions + 1);
});

test('service and manual surcharges carry their rule and reference; a retried request posts once', async (t) => {
  const { office, r301 } = await lakePalace(t);
  await office.createRule(
    {
      code: 'LATE',
      kind: 'SERVICE',
      name: 'Late check-out',
      serviceKind: 'LATE_CHECKOUT',
      amountMinor: 150_000,
    },
    CLERK,
  );
  await office.createRule(
    { code: 'SPA', kind: 'SERVICE', name: 'Spa access', serviceKind: 'SPA', amountMinor: 200_000 },
    CLERK,
  );
  const late = await office.postServiceSurcharge({
    folioId: r301.folioId,
    ruleCode: 'LATE',
    requestId: 'req-1',
    by: CLERK,
  });
  const replay = await office.postServiceSurcharge({
    folioId: r301.folioId,
    ruleCode: 'LATE',
    requestId: 'req-1',
    by: CLERK,
  });
  assert.equal(replay.id, late.id);
  assert.deepEqual(
    [late.type, late.amountMinor, late.ruleApplied, late.reference],
    ['SURCHARGE', 150_000, 'SERVICE LATE_CHECKOUT fixed 150000', { kind: 'policy', id: 'LATE' }],
  );
  // 2 × 2,000.00 spa, taxed as SPA by the invoice
  const spa = await office.postServiceSurcharge({
    folioId: r301.folioId,
    ruleCode: 'SPA',
    quantity: 2,
    by: CLERK,
  });
  assert.deepEqual([spa.amountMinor, spa.category], [400_000, 'SPA']);
  const manual = await office.postManualSurcharge({
    folioId: r301.folioId,
    amountMinor: 25_000,
    description: 'Broken lamp',
    reason: 'Damage to room fittings, ticket HK-77',
    by: CLERK,
  });
  assert.deepEqual(
    [manual.ruleApplied, manual.reference],
    ['MANUAL: Damage to room fittings, ticket HK-77', { kind: 'manual', id: null }],
  );
  await assert.rejects(
    office.postManualSurcharge({
      folioId: r301.folioId,
      amountMinor: 25_000,
      description: 'x',
      reason: '',
      by: CLERK,
    }),
    folioError('VALIDATION_FAILED', { field: 'reason' }),
  );
});
