// postCharges: a batch of room charges in one transaction, read with a few queries for the whole
// batch. Each charge keeps postCharge's answer: refused ones fail alone, a repeated id replays (also
// within the batch), and a stay's credit check counts the batch's earlier charges to it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FolioError, type PostChargeInput, type PostChargeResult } from '@roompost/folio';
import { checkInGuest, ledgerCounts, openFolioFixture, seedSmallHotel } from './folio-fixture.js';

function check(
  chargeId: string,
  stayRef: string,
  roomNumber: string,
  overrides: Partial<PostChargeInput> = {},
) {
  return {
    chargeId,
    stayRef,
    roomNumber,
    outletCode: 'REST',
    checkNumber: chargeId.slice(-4),
    description: 'Restaurant',
    currency: 'USD',
    subtotalMinor: 5_000,
    taxMinor: 450,
    tipMinor: 500,
    postedBy: 'EMP-042',
    ...overrides,
  } satisfies PostChargeInput;
}

function posted(answer: PostChargeResult | FolioError | undefined): PostChargeResult {
  assert.ok(
    answer !== undefined && !(answer instanceof FolioError),
    `expected a posting, got ${String(answer)}`,
  );
  return answer;
}

function refused(answer: PostChargeResult | FolioError | undefined, code: string): FolioError {
  assert.ok(answer instanceof FolioError, `expected ${code}, got ${JSON.stringify(answer)}`);
  assert.equal(answer.code, code);
  return answer;
}

test('a mixed batch: refusals fail alone, repeats replay within the batch, credit counts earlier charges', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(folio); // room 412, credit limit 50,000
  const tight = await checkInGuest(folio, '101', { creditLimitMinor: 12_000 }); // room for two 5,950 charges
  const blocked = await checkInGuest(folio, '102', { noPost: true });

  const answers = await folio.postCharges([
    check('c-0001', stayRef, '412'),
    check('c-0002', tight, '101'),
    check('c-0003', 'no-such-stay', '412'),
    check('c-0001', stayRef, '412'), // the same charge again: replays
    check('c-0001', stayRef, '412', { tipMinor: 900 }), // same id, other content
    check('c-0004', tight, '101'),
    check('c-0005', tight, '101'), // third one to the tight stay: over its limit
    check('c-0006', blocked, '102'),
    check('c-0007', stayRef, '412', { subtotalMinor: 1.5 }),
    check('c-0008', stayRef, '412', { currency: 'EUR' }),
    check('c-0009', tight, '101', { overrideCreditLimit: { by: 'MGR-1', reason: 'known guest' } }),
  ]);

  const first = posted(answers[0]);
  assert.equal(first.duplicate, false);
  assert.equal(first.balanceMinor, 5_950);
  assert.equal(first.postingIds.length, 3);
  assert.equal(posted(answers[1]).balanceMinor, 5_950);
  refused(answers[2], 'ROOM_NOT_FOUND');
  assert.deepEqual(posted(answers[3]), { ...first, duplicate: true });
  refused(answers[4], 'IDEMPOTENCY_CONFLICT');
  assert.equal(posted(answers[5]).balanceMinor, 11_900);
  assert.deepEqual(refused(answers[6], 'CREDIT_EXCEEDED').context, {
    creditLimitMinor: 12_000,
    balanceMinor: 11_900,
    chargeMinor: 5_950,
  });
  refused(answers[7], 'CHARGES_BLOCKED');
  assert.equal(refused(answers[8], 'VALIDATION_FAILED').context.field, 'subtotalMinor');
  assert.equal(refused(answers[9], 'VALIDATION_FAILED').context.field, 'currency');
  const overridden = posted(answers[10]);
  assert.equal(overridden.balanceMinor, 17_850);
  assert.deepEqual(overridden.creditOverride, { by: 'MGR-1', reason: 'known guest' });

  // What was written is exactly the four postings' lines, as the answers say.
  assert.deepEqual(await ledgerCounts(store), { postings: 12, receipts: 4 });
  assert.equal(await folio.stayBalance(stayRef), 5_950);
  assert.equal(await folio.stayBalance(tight), 17_850);
  assert.equal(await folio.stayBalance(blocked), 0);
  const lines = await folio.listPostings({ chargeRef: 'c-0001' });
  assert.deepEqual(
    lines.map((l) => l.id),
    first.postingIds,
  );
  assert.deepEqual(
    lines.map((l) => [l.lineNo, l.type, l.amountMinor]),
    [
      [1, 'POS', 5_000],
      [2, 'TAX', 450],
      [3, 'POS', 500],
    ],
  );
  // The same answer as one at a time: the stored result of each charge.
  for (const answer of [answers[0], answers[1], answers[5], answers[10]]) {
    const one = posted(answer);
    assert.deepEqual(await folio.getChargeResult(one.chargeId), { ...one, duplicate: false });
  }
});

test('a large batch crosses the multi-row chunks and a later batch replays it', async (t) => {
  const { folio, store } = await openFolioFixture(t);
  const stays: Array<{ stayRef: string; room: string }> = [];
  await seedSmallHotel(folio);
  for (const room of ['101', '102', '103']) {
    stays.push({ room, stayRef: await checkInGuest(folio, room, { creditLimitMinor: null }) });
  }
  // 150 charges × 3 lines = 450 postings: chunks of 64 and smaller; the IN-lists padded.
  const batch = Array.from({ length: 150 }, (_, i) => {
    const stay = stays[i % 3] as { stayRef: string; room: string };
    return check(`big-${String(i).padStart(4, '0')}`, stay.stayRef, stay.room);
  });

  const answers = (await folio.postCharges(batch)).map(posted);

  assert.equal(new Set(answers.flatMap((a) => a.postingIds)).size, 450);
  assert.deepEqual(await ledgerCounts(store), { postings: 450, receipts: 150 });
  for (const [k, stay] of stays.entries()) {
    assert.equal(await folio.stayBalance(stay.stayRef), 50 * 5_950);
    // Each charge's balance follows the ones before it to the same stay.
    const mine = answers.filter((_, i) => i % 3 === k);
    assert.deepEqual(
      mine.map((a) => a.balanceMinor),
      mine.map((_, n) => (n + 1) * 5_950),
    );
  }

  const again = (await folio.postCharges([...batch].reverse())).map(posted);
  assert.ok(again.every((a) => a.duplicate));
  assert.deepEqual(
    again.map((a) => ({ ...a, duplicate: false })),
    [...answers].reverse(),
  );
  assert.deepEqual(await ledgerCounts(store), { postings: 450, receipts: 150 });
});
