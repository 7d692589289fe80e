import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFolioService, type PostChargeInput } from '@roompost/folio';
import { checkInGuest, folioError, ledgerCounts, openFolioFixture, seedSmallHotel } from './folio-fixture.js';

function restaurantCheck(stayRef: string, overrides: Partial<PostChargeInput> = {}): PostChargeInput {
  return {
    chargeId: '0194a7c2-7e1a-7c3b-9d2e-5f6a7b8c9d0e',
    stayRef,
    roomNumber: '412',
    outletCode: 'REST',
    checkNumber: '1247',
    description: 'Restaurant',
    currency: 'USD',
    subtotalMinor: 8_750,
    taxMinor: 777,
    tipMinor: 1_750,
    postedBy: 'EMP-042',
    ...overrides,
  };
}

test('postCharge writes POS, TAX and gratuity lines under the charge id and returns the new balance', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  const result = await folio.postCharge(restaurantCheck(stayRef));

  assert.equal(result.duplicate, false);
  assert.equal(result.stayRef, stayRef);
  assert.equal(result.totalMinor, 11_277);
  assert.equal(result.balanceMinor, 11_277);
  assert.equal(result.postedAt, '2026-01-27T19:45:00.000Z');
  assert.equal(result.creditOverride, null);
  const postings = await folio.listPostings({ chargeRef: result.chargeId });
  assert.deepEqual(
    postings.map((p) => p.id),
    result.postingIds,
  );
  assert.deepEqual(
    postings.map((p) => [p.lineNo, p.type, p.amountMinor, p.description]),
    [
      [1, 'POS', 8_750, 'Restaurant - Check #1247'],
      [2, 'TAX', 777, 'Tax - Restaurant - Check #1247'],
      [3, 'POS', 1_750, 'Gratuity - Restaurant - Check #1247'],
    ],
  );
  for (const posting of postings) {
    assert.equal(posting.folioId, result.folioId);
    assert.equal(posting.businessDate, '2026-01-27');
    assert.equal(posting.serviceDate, '2026-01-27');
    assert.equal(posting.createdAt, '2026-01-27T19:45:00.000Z');
    assert.equal(posting.postedBy, 'EMP-042');
    assert.equal(posting.outletCode, 'REST');
    assert.equal(posting.checkNumber, '1247');
    assert.equal(posting.currency, 'USD');
  }
  assert.equal(await folio.folioBalance(result.folioId), 11_277);
  assert.equal(await folio.stayBalance(stayRef), 11_277);
  assert.equal((await folio.lookupRoom('412')).availableCreditMinor, 50_000 - 11_277);
});

test('postCharge folds the tip into the POS line when tipAsSeparateLine is false', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  const result = await folio.postCharge(restaurantCheck(stayRef, { tipAsSeparateLine: false }));

  const postings = await folio.listPostings({ chargeRef: result.chargeId });
  assert.deepEqual(
    postings.map((p) => [p.lineNo, p.type, p.amountMinor]),
    [
      [1, 'POS', 10_500],
      [2, 'TAX', 777],
    ],
  );
  assert.equal(result.balanceMinor, 11_277);
});

test('postCharge writes only the POS line when there is no tax and no tip', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  const result = await folio.postCharge(
    restaurantCheck(stayRef, { taxMinor: 0, tipMinor: 0, description: 'Minibar - Check #1247' }),
  );

  const postings = await folio.listPostings({ stayRef });
  assert.deepEqual(
    postings.map((p) => [p.type, p.amountMinor, p.description]),
    [['POS', 8_750, 'Minibar - Check #1247']],
  );
  assert.equal(result.postingIds.length, 1);
});

test('postCharge keeps the outlet service date and takes the business date from the property', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  const result = await folio.postCharge(restaurantCheck(stayRef, { serviceDate: '2026-01-26' }));

  const [first] = await folio.listPostings({ chargeRef: result.chargeId });
  assert.equal(first?.serviceDate, '2026-01-26');
  assert.equal(first?.businessDate, '2026-01-27');
});

test('a replay with the same charge id and content returns the first result and writes nothing', async (t) => {
  const { folio, store, clock } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  const first = await folio.postCharge(restaurantCheck(stayRef));
  const before = await ledgerCounts(store);
  clock.set('2026-01-27T19:50:00.000Z');

  const replay = await folio.postCharge(restaurantCheck(stayRef, { postedBy: 'EMP-007' }));

  assert.deepEqual(replay, { ...first, duplicate: true });
  assert.deepEqual(await ledgerCounts(store), before);
  assert.equal(await folio.stayBalance(stayRef), 11_277);
});

test('a replay still answers duplicate after the guest has checked out', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  const first = await folio.postCharge(restaurantCheck(stayRef));
  await folio.checkOut(stayRef);

  const replay = await folio.postCharge(restaurantCheck(stayRef));

  assert.equal(replay.duplicate, true);
  assert.equal(replay.transactionId, first.transactionId);
});

test('the same charge id with different content is IDEMPOTENCY_CONFLICT and writes nothing', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  await folio.postCharge(restaurantCheck(stayRef));
  const before = await ledgerCounts(store);

  await assert.rejects(
    folio.postCharge(restaurantCheck(stayRef, { tipMinor: 2_000 })),
    folioError('IDEMPOTENCY_CONFLICT'),
  );
  await assert.rejects(
    folio.postCharge(restaurantCheck(stayRef, { checkNumber: '1248' })),
    folioError('IDEMPOTENCY_CONFLICT'),
  );

  assert.deepEqual(await ledgerCounts(store), before);
});

test('a unique-key race on the charge id ends as a duplicate, not a crash', async (t) => {
  const { folio, store, clock } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  const first = await folio.postCharge(restaurantCheck(stayRef));
  const before = await ledgerCounts(store);
  // A second writer whose idempotency read ran before the first writer committed: its first read of
  // charge_receipts comes back empty, so it goes on to insert and meets the primary key.
  const racer = createFolioService(store.db.withPlugin(hideFirstReceiptRead()), { clock });

  const replay = await racer.postCharge(restaurantCheck(stayRef));

  assert.equal(replay.duplicate, true);
  assert.equal(replay.transactionId, first.transactionId);
  assert.deepEqual(replay.postingIds, first.postingIds);
  assert.deepEqual(await ledgerCounts(store), before);
});

test('a unique-key race with different content ends as IDEMPOTENCY_CONFLICT', async (t) => {
  const { folio, store, clock } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  await folio.postCharge(restaurantCheck(stayRef));
  const racer = createFolioService(store.db.withPlugin(hideFirstReceiptRead()), { clock });

  await assert.rejects(
    racer.postCharge(restaurantCheck(stayRef, { subtotalMinor: 9_000 })),
    folioError('IDEMPOTENCY_CONFLICT'),
  );
});

test('postCharge refuses a currency other than the property currency with VALIDATION_FAILED', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  await assert.rejects(
    folio.postCharge(restaurantCheck(stayRef, { currency: 'EUR' })),
    folioError('VALIDATION_FAILED', { field: 'currency' }),
  );
  assert.deepEqual(await ledgerCounts(store), { postings: 0, receipts: 0 });
});

test('the receipt keeps who sent the charge: roompost, none, or VALIDATION_FAILED for an origin it does not know', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  await assert.rejects(
    folio.postCharge(restaurantCheck(stayRef, { origin: 'opera' as never })),
    folioError('VALIDATION_FAILED', { field: 'origin' }),
  );
  assert.deepEqual(await ledgerCounts(store), { postings: 0, receipts: 0 });
  await folio.postCharge(restaurantCheck(stayRef, { origin: 'roompost' }));
  await folio.postCharge(restaurantCheck(stayRef, { chargeId: 'seeded-1', checkNumber: '1248' }));
  const origins = await store.db
    .selectFrom('charge_receipts')
    .select(['charge_id', 'origin'])
    .orderBy('charge_id')
    .execute();
  assert.deepEqual(
    origins.map((r) => [r.charge_id, r.origin]),
    [
      ['0194a7c2-7e1a-7c3b-9d2e-5f6a7b8c9d0e', 'roompost'],
      ['seeded-1', null],
    ],
  );
  const today = (await folio.getProperty())?.businessDate ?? '';
  assert.deepEqual(await folio.listChargeIdsOfDay(today, 'roompost'), [
    '0194a7c2-7e1a-7c3b-9d2e-5f6a7b8c9d0e',
  ]);
});

test('postCharge refuses negative, fractional or unsafe amounts with VALIDATION_FAILED', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  for (const bad of [
    { subtotalMinor: -1 },
    { taxMinor: 7.5 },
    { tipMinor: Number.NaN },
    { subtotalMinor: Number.MAX_SAFE_INTEGER, tipMinor: 1 },
    { chargeId: '' },
    { serviceDate: '27/01/2026' },
  ]) {
    await assert.rejects(
      folio.postCharge(restaurantCheck(stayRef, bad)),
      folioError('VALIDATION_FAILED'),
      JSON.stringify(bad),
    );
  }
});

test('postCharge answers ROOM_NOT_FOUND for an unknown stay or a stay in another room', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  await assert.rejects(folio.postCharge(restaurantCheck('no-such-stay')), folioError('ROOM_NOT_FOUND'));
  await assert.rejects(
    folio.postCharge(restaurantCheck(stayRef, { roomNumber: '101' })),
    folioError('ROOM_NOT_FOUND', { stayRoomNumber: '412' }),
  );
});

test('postCharge answers GUEST_CHECKED_OUT for a departed stay', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  await folio.checkOut(stayRef);

  await assert.rejects(folio.postCharge(restaurantCheck(stayRef)), folioError('GUEST_CHECKED_OUT'));
});

test('postCharge answers CHARGES_BLOCKED for a no-post stay, before looking at credit', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);
  const stayRef = await checkInGuest(folio, '101', { noPost: true, creditLimitMinor: 0 });

  await assert.rejects(
    folio.postCharge(restaurantCheck(stayRef, { roomNumber: '101' })),
    folioError('CHARGES_BLOCKED'),
  );
});

test('postCharge answers CREDIT_EXCEEDED with limit, balance and charge when the limit would be passed', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  await seedSmallHotel(folio);
  const stayRef = await checkInGuest(folio, '101', { creditLimitMinor: 20_000 });
  await folio.postCharge(restaurantCheck(stayRef, { roomNumber: '101' }));
  const before = await ledgerCounts(store);

  await assert.rejects(
    folio.postCharge(restaurantCheck(stayRef, { roomNumber: '101', chargeId: 'second' })),
    folioError('CREDIT_EXCEEDED', { creditLimitMinor: 20_000, balanceMinor: 11_277, chargeMinor: 11_277 }),
  );
  assert.deepEqual(await ledgerCounts(store), before);
});

test('a charge that reaches the credit limit exactly is allowed', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);
  const stayRef = await checkInGuest(folio, '101', { creditLimitMinor: 11_277 });

  const result = await folio.postCharge(restaurantCheck(stayRef, { roomNumber: '101' }));

  assert.equal(result.balanceMinor, 11_277);
  assert.equal((await folio.lookupRoom('101')).restriction?.code, 'CREDIT_EXCEEDED');
});

test('a credit override posts past the limit and is recorded on the charge', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);
  const stayRef = await checkInGuest(folio, '101', { creditLimitMinor: 10_000 });
  const override = { by: 'MGR-007', reason: 'guest pays at checkout by card' };

  const result = await folio.postCharge(
    restaurantCheck(stayRef, { roomNumber: '101', overrideCreditLimit: override }),
  );

  assert.deepEqual(result.creditOverride, override);
  assert.equal(result.balanceMinor, 11_277);
  assert.deepEqual((await folio.getChargeResult(result.chargeId))?.creditOverride, override);
});

test('a credit override that was not needed is not recorded', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);

  const result = await folio.postCharge(
    restaurantCheck(stayRef, { overrideCreditLimit: { by: 'MGR-007', reason: 'just in case' } }),
  );

  assert.equal(result.creditOverride, null);
});

test('getChargeResult returns the stored result, or null for a charge id never posted', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  const posted = await folio.postCharge(restaurantCheck(stayRef));

  assert.deepEqual(await folio.getChargeResult(posted.chargeId), posted);
  assert.equal(await folio.getChargeResult('never-posted'), null);
});

test('balances of an unknown folio or stay answer NOT_FOUND', async (t) => {
  const { folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);

  await assert.rejects(folio.folioBalance('nope'), folioError('NOT_FOUND'));
  await assert.rejects(folio.stayBalance('nope'), folioError('NOT_FOUND'));
});

/** A kysely plugin that makes the first SELECT on charge_receipts come back empty. */
function hideFirstReceiptRead() {
  const receiptReads = new WeakSet<object>();
  let hidden = false;
  return {
    transformQuery(args: { node: { kind: string }; queryId: object }) {
      if (args.node.kind === 'SelectQueryNode' && JSON.stringify(args.node).includes('"charge_receipts"')) {
        receiptReads.add(args.queryId);
      }
      return args.node;
    },
    async transformResult(args: { queryId: object; result: { rows: unknown[] } }) {
      if (hidden || !receiptReads.has(args.queryId)) return args.result;
      hidden = true;
      return { ...args.result, rows: [] };
    },
  } as unknown as Parameters<FolioFixtureDb['withPlugin']>[0];
}

type FolioFixtureDb = Awaited<ReturnType<typeof openFolioFixture>>['store']['db'];
