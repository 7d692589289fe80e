// The built-in adapter hands the posting options and voids to folio instead of doing folio's work itself:
// a combined tip is folded by folio (items and their tax kept for the invoice), a charge folded by the
// adapter before that change still replays as the same charge, and a void is folio's one-transaction
// reverseCharge (a line moved to window 2 is reversed there).
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TestContext, test } from 'node:test';
import { createBuiltinAdapter, type PmsChargeRequest } from '@roompost/central';
import { createFolioService, type FolioDatabase, migrateFolio, openSqlite } from '@roompost/folio';

async function hotel(t: TestContext) {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-builtin-opts-'));
  const store = openSqlite<FolioDatabase>(join(dir, 'folio.sqlite'));
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateFolio(store.db);
  const folio = createFolioService(store.db, { clock: { now: () => new Date('2026-01-27T20:00:00Z') } });
  await folio.configureProperty({
    name: 'Test',
    currency: 'USD',
    timeZone: 'America/New_York',
    businessDate: '2026-01-27',
  });
  await folio.createRoomType({ code: 'DK', name: 'Deluxe King', baseOccupancy: 2 });
  await folio.createRoom({ number: '412', roomTypeCode: 'DK' });
  const guestId = await folio.createGuest({ firstName: 'John', lastName: 'Wilson' });
  const stayRef = await folio.checkIn({
    roomNumber: '412',
    guestId,
    confirmation: 'C412',
    arrival: '2026-01-25',
    departure: '2026-01-28',
    adults: 1,
    creditLimitMinor: null,
  });
  return { folio, stayRef, adapter: createBuiltinAdapter(folio) };
}

function charge(overrides: Partial<PmsChargeRequest> = {}): PmsChargeRequest {
  return {
    chargeId: '0194a7c2-7e1a-7c3b-9d2e-5f6a7b8c9d0e',
    roomNumber: '412',
    stayRef: null,
    outletCode: 'REST',
    checkNumber: '88',
    description: 'Restaurant',
    currency: 'USD',
    subtotalMinor: 5_000,
    taxMinor: 444,
    tipMinor: 1_000,
    totalMinor: 6_444,
    items: [
      { sku: 'STEAK', name: 'Steak', quantity: 1, unitPriceMinor: 3_000, amountMinor: 3_000, taxMinor: 266 },
      { sku: 'WINE', name: 'Wine', quantity: 2, unitPriceMinor: 1_000, amountMinor: 2_000, taxMinor: 178 },
    ],
    employeeId: 'EMP-1',
    createdAt: '2026-01-27T19:55:00.000Z',
    ...overrides,
  };
}

test('a combined tip is folded by folio: one POS line of subtotal + tip, its tax line, nothing else', async (t) => {
  const { folio, adapter } = await hotel(t);
  const result = await adapter.postCharge(charge({ posting: { tipAsSeparateLine: false, itemized: false } }));
  assert.equal(result.duplicate, false);
  const lines = await folio.listPostings({ chargeRef: charge().chargeId });
  // 5,000 + 1,000 tip = 6,000 on the POS line; 444 tax on its own line; total 6,444.
  assert.deepEqual(
    lines.map((l) => [l.type, l.amountMinor]),
    [
      ['POS', 6_000],
      ['TAX', 444],
    ],
  );
  assert.equal(result.folioBalanceMinor, 6_444);
});

test('a charge the adapter folded itself before (tip inside the subtotal) replays as the same charge', async (t) => {
  const { folio, stayRef, adapter } = await hotel(t);
  // How the adapter used to hand a combined tip to folio: subtotal + tip, tip 0, no items.
  await folio.postCharge({
    chargeId: charge().chargeId,
    stayRef,
    roomNumber: '412',
    outletCode: 'REST',
    checkNumber: '88',
    description: 'Restaurant',
    currency: 'USD',
    subtotalMinor: 6_000,
    taxMinor: 444,
    tipMinor: 0,
    postedBy: 'EMP-1',
  });
  const replay = await adapter.postCharge(charge({ posting: { tipAsSeparateLine: false, itemized: false } }));
  assert.equal(replay.duplicate, true);
  assert.equal(replay.folioBalanceMinor, 6_444);
});

test("the adapter's void reverses every line in folio, the one moved to window 2 included, once", async (t) => {
  const { folio, stayRef, adapter } = await hotel(t);
  const posted = await adapter.postCharge(charge());
  const lines = await folio.listPostings({ chargeRef: charge().chargeId });
  const tip = lines.find((l) => l.lineNo === 3)!;
  const { to } = await folio.splitFolio({
    folioId: tip.folioId,
    payerLabel: 'Company',
    postingIds: [tip.id],
    by: 'FD-1',
  });
  const request = {
    voidId: 'v-1',
    original: charge(),
    pmsTransactionId: posted.pmsTransactionId,
    reason: 'x',
  };
  const voided = await adapter.voidCharge!(request);
  assert.equal(voided.duplicate, false);
  assert.equal(voided.folioBalanceMinor, 0);
  assert.equal(await folio.folioBalance(to.id), 0);
  assert.equal(await folio.stayBalance(stayRef), 0);
  const again = await adapter.voidCharge!(request);
  assert.equal(again.duplicate, true);
  await assert.rejects(
    adapter.voidCharge!({ ...request, original: charge({ chargeId: 'never-posted' }) }),
    (err: { code?: string }) => err.code === 'POSTING_REJECTED',
  );
});
