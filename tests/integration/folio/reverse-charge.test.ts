// An outlet's void reverses every line of its room charge in ONE folio transaction (folio reverseCharge):
// a void on the charge's business date, an adjustment after night audit, where the line now is after a
// split, nothing twice, and nothing at all when one line cannot be reversed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PostChargeInput } from '@roompost/folio';
import { folioError, ledgerCounts, openFolioFixture, seedSmallHotel } from './folio-fixture.js';
import { openIndianHotel, stayWithFolio } from './invoice-fixture.js';

function check(stayRef: string, overrides: Partial<PostChargeInput> = {}): PostChargeInput {
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

test('reverseCharge voids POS, tax and gratuity on the same business date, and a repeat writes nothing', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  const posted = await folio.postCharge(check(stayRef));

  const first = await folio.reverseCharge({ chargeId: posted.chargeId, reason: 'wrong room', by: 'EMP-7' });
  assert.equal(first.duplicate, false);
  assert.equal(first.stayRef, stayRef);
  // 8,750 + 777 + 1,750 = 11,277 posted, −8,750 − 777 − 1,750 voided: 0.
  assert.equal(first.balanceMinor, 0);
  assert.deepEqual(
    first.corrections.map((c) => [c.type, c.amountMinor, c.link?.kind, c.link?.postingId, c.postedBy]),
    [
      ['POS', -8_750, 'VOID', posted.postingIds[0], 'EMP-7'],
      ['TAX', -777, 'VOID', posted.postingIds[1], 'EMP-7'],
      ['POS', -1_750, 'VOID', posted.postingIds[2], 'EMP-7'],
    ],
  );
  const before = await ledgerCounts(store);
  const again = await folio.reverseCharge({ chargeId: posted.chargeId, reason: 'wrong room', by: 'EMP-7' });
  assert.equal(again.duplicate, true);
  assert.deepEqual(again.corrections, []);
  assert.equal(again.balanceMinor, 0);
  assert.deepEqual(await ledgerCounts(store), before);
});

test('reverseCharge adjusts after night audit, and reverses a line moved to window 2 where it now is', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio);
  const posted = await folio.postCharge(check(stayRef));
  const folioId = posted.folioId;
  // The gratuity goes to a second window before the void arrives.
  const { to } = await folio.splitFolio({
    folioId,
    payerLabel: 'Company',
    postingIds: [posted.postingIds[2]!],
    by: 'FD-1',
  });
  await folio.setBusinessDate('2026-01-28');

  const result = await folio.reverseCharge({
    chargeId: posted.chargeId,
    reason: 'guest dispute',
    by: 'MGR-1',
  });
  assert.deepEqual(
    result.corrections.map((c) => [c.folioId, c.type, c.amountMinor, c.link?.kind]),
    [
      [folioId, 'ADJUSTMENT', -8_750, 'ADJUSTMENT'],
      [folioId, 'ADJUSTMENT', -777, 'ADJUSTMENT'],
      [to.id, 'ADJUSTMENT', -1_750, 'ADJUSTMENT'],
    ],
  );
  assert.equal(await folio.folioBalance(folioId), 0);
  assert.equal(await folio.folioBalance(to.id), 0);
  assert.equal(result.balanceMinor, 0);
});

test('reverseCharge reverses no line when one of them cannot be (on a finalized invoice)', async (t) => {
  const hotel = await openIndianHotel(t);
  const { stayId, folioId } = await stayWithFolio(hotel);
  const { number: roomNumber } = await hotel.store.db
    .selectFrom('stays')
    .innerJoin('rooms', 'rooms.id', 'stays.room_id')
    .select('rooms.number')
    .where('stays.id', '=', stayId)
    .executeTakeFirstOrThrow();
  const posted = await hotel.folio.postCharge(
    check(stayId, { currency: 'INR', roomNumber, subtotalMinor: 100_000, taxMinor: 5_000 }),
  );
  // The gratuity moves to window 2, which is invoiced: that line can only be corrected by a credit note.
  const { to } = await hotel.folio.splitFolio({
    folioId,
    payerLabel: 'Company',
    postingIds: [posted.postingIds[2]!],
    by: 'FD-1',
  });
  await hotel.invoices.finalizeInvoice({ folioId: to.id, finalizedBy: 'FD-1' });
  const before = await ledgerCounts(hotel.store);

  await assert.rejects(
    hotel.folio.reverseCharge({ chargeId: posted.chargeId, reason: 'wrong room', by: 'EMP-7' }),
    folioError('CORRECTION_NOT_ALLOWED'),
  );
  assert.deepEqual(
    await ledgerCounts(hotel.store),
    before,
    'the POS and gratuity lines were not voided either',
  );
  await assert.rejects(
    hotel.folio.reverseCharge({ chargeId: 'no-such-charge', reason: 'x', by: 'EMP-7' }),
    folioError('NOT_FOUND', { chargeId: 'no-such-charge' }),
  );
});
