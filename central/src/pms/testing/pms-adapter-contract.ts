// The contract every PMS adapter runs against its simulator: the same behaviour, in our terms,
// whatever the PMS speaks. Exported as `@roompost/central/pms-contract` (as aedes exports its
// persistence suite), so an adapter written elsewhere runs the same cases: call
// runPmsAdapterContract(name, makeHarness) from a node:test file with a harness over your simulator.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type TestContext, test } from 'node:test';
import { type PmsAdapter, type PmsChargeRequest, PmsError } from '../adapter.js';

export interface SimulatedGuest {
  roomNumber: string;
  firstName: string;
  lastName: string;
  creditLimitMinor: number | null;
  balanceMinor?: number;
  status?: 'in_house' | 'checked_out';
  noPost?: boolean;
}

export interface PmsFaults {
  /** The PMS stops answering (connection refused, link down, 5xx). */
  setDown(down: boolean): void;
  /** The next `n` requests are rate-limited (HTTP 429 + Retry-After; FIAS answers RY). */
  rateLimitNext(n: number): void;
  /** The next posting gets no answer: `before-apply` the PMS never saw it, `after-apply` it booked it. */
  timeoutNext(mode: 'before-apply' | 'after-apply'): void;
}

export interface PmsHarness {
  adapter: PmsAdapter;
  currency: string;
  seedGuest(guest: SimulatedGuest): Promise<void>;
  /** What the PMS itself holds for a room: one entry per booked charge (to prove exactly-once). */
  postingsFor(roomNumber: string): Promise<Array<{ reference: string; totalMinor: number }>>;
  /** Absent when the simulator cannot inject faults; those cases are then skipped with the reason. */
  faults?: PmsFaults;
  /** The PMS dedupes on our charge id (idempotency key / reference). */
  idempotent: boolean;
  /** The PMS tells a checked-out guest from an unknown room (FIAS inquiries see in-house guests only). */
  tellsCheckedOut: boolean;
  close(): Promise<void>;
}

export function chargeFor(
  roomNumber: string,
  currency: string,
  overrides: Partial<PmsChargeRequest> = {},
): PmsChargeRequest {
  return {
    chargeId: randomUUID(),
    roomNumber,
    stayRef: null,
    outletCode: 'POOL',
    checkNumber: '1247',
    description: 'Pool Bar - Check #1247',
    currency,
    subtotalMinor: 8750,
    taxMinor: 0,
    tipMinor: 1750,
    totalMinor: 10500,
    items: [
      {
        sku: 'FB',
        name: 'Food & Beverage',
        quantity: 1,
        unitPriceMinor: 8750,
        amountMinor: 8750,
        taxMinor: 0,
      },
    ],
    employeeId: 'EMP-042',
    createdAt: '2026-01-27T19:45:00.000Z',
    ...overrides,
  };
}

async function rejectsWith(work: Promise<unknown>, code: string, retryable?: boolean): Promise<PmsError> {
  const err = await work.then(
    () => assert.fail(`expected ${code}`),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PmsError, `a PmsError, got ${String(err)}`);
  assert.equal(err.code, code);
  if (retryable !== undefined) assert.equal(err.retryable, retryable, `${code} retryable`);
  return err;
}

export function runPmsAdapterContract(name: string, makeHarness: () => Promise<PmsHarness>): void {
  const withHarness = (title: string, body: (h: PmsHarness, t: TestContext) => Promise<void>) =>
    test(`${name}: ${title}`, async (t) => {
      const h = await makeHarness();
      t.after(() => h.close());
      await h.seedGuest({
        roomNumber: '412',
        firstName: 'James',
        lastName: 'Wilson',
        creditLimitMinor: 50000,
        balanceMinor: 24500,
      });
      await body(h, t);
    });

  withHarness('lookup finds the in-house guest of a room', async (h) => {
    const room = await h.adapter.lookupRoom('412');
    assert.equal(room.roomNumber, '412');
    assert.equal(room.guest.lastName, 'Wilson');
    assert.equal(room.billing.currency, h.currency);
    assert.equal(room.billing.chargesAllowed, true);
  });

  withHarness('lookup of an unknown room is ROOM_NOT_FOUND', async (h) => {
    await rejectsWith(h.adapter.lookupRoom('999'), 'ROOM_NOT_FOUND', false);
  });

  withHarness(
    'lookup of a checked-out guest is GUEST_CHECKED_OUT (or ROOM_NOT_FOUND where the PMS cannot tell)',
    async (h) => {
      await h.seedGuest({
        roomNumber: '305',
        firstName: 'Emily',
        lastName: 'Davis',
        creditLimitMinor: null,
        status: 'checked_out',
      });
      await rejectsWith(
        h.adapter.lookupRoom('305'),
        h.tellsCheckedOut ? 'GUEST_CHECKED_OUT' : 'ROOM_NOT_FOUND',
        false,
      );
    },
  );

  withHarness('a charge posts once and the PMS holds it once', async (h) => {
    const charge = chargeFor('412', h.currency);
    const result = await h.adapter.postCharge(charge);
    assert.ok(result.pmsTransactionId);
    assert.equal(result.duplicate, false);
    assert.deepEqual(
      (await h.postingsFor('412')).map((p) => p.totalMinor),
      [10500],
    );
  });

  withHarness('a charge over the credit limit is CREDIT_EXCEEDED, final', async (h) => {
    await rejectsWith(
      h.adapter.postCharge(
        chargeFor('412', h.currency, {
          subtotalMinor: 40000,
          tipMinor: 0,
          totalMinor: 40000,
          items: [
            {
              sku: 'FB',
              name: 'Dinner',
              quantity: 1,
              unitPriceMinor: 40000,
              amountMinor: 40000,
              taxMinor: 0,
            },
          ],
        }),
      ),
      'CREDIT_EXCEEDED',
      false,
    );
    assert.deepEqual(await h.postingsFor('412'), []);
  });

  withHarness('a no-post guest is CHARGES_BLOCKED, final', async (h) => {
    await h.seedGuest({
      roomNumber: '407',
      firstName: 'Robert',
      lastName: 'Garcia',
      creditLimitMinor: null,
      noPost: true,
    });
    await rejectsWith(h.adapter.postCharge(chargeFor('407', h.currency)), 'CHARGES_BLOCKED', false);
  });

  withHarness('totals that do not add up are refused before anything is booked', async (h) => {
    await rejectsWith(
      h.adapter.postCharge(chargeFor('412', h.currency, { totalMinor: 10400 })),
      'POSTING_REJECTED',
      false,
    );
    assert.deepEqual(await h.postingsFor('412'), []);
  });

  withHarness('a replay with the same charge id books nothing new', async (h, t) => {
    if (!h.idempotent) {
      const reason = 'this PMS has no idempotency key; unknown outcomes are verified by read-back instead';
      t.skip(reason);
      return;
    }
    const charge = chargeFor('412', h.currency);
    const first = await h.adapter.postCharge(charge);
    const again = await h.adapter.postCharge(charge);
    assert.equal(again.duplicate, true);
    assert.equal(again.pmsTransactionId, first.pmsTransactionId);
    assert.equal((await h.postingsFor('412')).length, 1);
  });

  /** What the PMS holds net for a room from our postings (a void brings a charge back to zero). */
  const netFor = async (h: PmsHarness, room: string) =>
    (await h.postingsFor(room)).reduce((sum, p) => sum + p.totalMinor, 0);
  const withVoid = (
    title: string,
    body: (h: PmsHarness, voidCharge: NonNullable<PmsAdapter['voidCharge']>, t: TestContext) => Promise<void>,
  ) =>
    withHarness(title, async (h, t) => {
      const voidCharge = h.adapter.voidCharge;
      if (!voidCharge || !h.adapter.features.has('void')) {
        const reason = `${name} does not declare the void feature (no reversal in its public spec)`;
        t.skip(reason);
        return;
      }
      await body(h, voidCharge.bind(h.adapter), t);
    });

  withVoid('void: a posted charge is reversed in the PMS, the original stays', async (h, voidCharge) => {
    const charge = chargeFor('412', h.currency);
    const posted = await h.adapter.postCharge(charge);
    const result = await voidCharge({
      voidId: randomUUID(),
      original: charge,
      pmsTransactionId: posted.pmsTransactionId,
      reason: 'Guest disputed the check',
    });
    assert.ok(result.pmsTransactionId, 'the PMS names the reversal');
    assert.equal(await netFor(h, '412'), 0, 'nothing is owed for the charge any more');
  });

  withVoid('void: a replay with the same void id reverses nothing twice', async (h, voidCharge, t) => {
    if (!h.idempotent && !h.adapter.findPosting) {
      const reason =
        'this PMS has no idempotency key nor read-back: a void whose answer was lost is POSTING_UNKNOWN and goes to a manager, never re-sent';
      t.skip(reason);
      return;
    }
    const charge = chargeFor('412', h.currency);
    const posted = await h.adapter.postCharge(charge);
    const request = {
      voidId: randomUUID(),
      original: charge,
      pmsTransactionId: posted.pmsTransactionId,
      reason: 'Wrong room',
    };
    const first = await voidCharge(request);
    const again = await voidCharge(request).then(
      (r) => r,
      (err: unknown) => {
        // A PMS that cannot recognise the replay must refuse it (the item is gone), never book it.
        assert.ok(err instanceof PmsError, String(err));
        assert.equal(err.retryable, false, `${err.code} must not be retried`);
        return null;
      },
    );
    if (again)
      assert.ok(again.duplicate || again.pmsTransactionId === first.pmsTransactionId, 'the earlier void');
    assert.equal(await netFor(h, '412'), 0, 'reversed exactly once');
  });

  const withFaults = (title: string, body: (h: PmsHarness, f: PmsFaults) => Promise<void>) =>
    withHarness(title, async (h, t) => {
      if (!h.faults) {
        t.skip('this simulator cannot inject faults');
        return;
      }
      await body(h, h.faults);
    });

  withFaults('a PMS that is down is CONNECTION_FAILED, retryable, and books nothing', async (h, f) => {
    f.setDown(true);
    await rejectsWith(h.adapter.postCharge(chargeFor('412', h.currency)), 'CONNECTION_FAILED', true);
    await rejectsWith(h.adapter.lookupRoom('412'), 'CONNECTION_FAILED', true);
    f.setDown(false);
    assert.deepEqual(await h.postingsFor('412'), []);
  });

  withFaults('a rate-limited request is RATE_LIMITED, retryable; the next one goes through', async (h, f) => {
    f.rateLimitNext(1);
    const charge = chargeFor('412', h.currency);
    await rejectsWith(h.adapter.postCharge(charge), 'RATE_LIMITED', true);
    await h.adapter.postCharge(charge);
    assert.equal((await h.postingsFor('412')).length, 1);
  });

  withFaults('a timeout before the PMS applied the charge: retrying books it once', async (h, f) => {
    f.timeoutNext('before-apply');
    const charge = chargeFor('412', h.currency);
    const err = await h.adapter.postCharge(charge).then(
      () => assert.fail('expected a timeout'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof PmsError);
    assert.ok(['CONNECTION_FAILED', 'POSTING_UNKNOWN'].includes(err.code), err.code);
    assert.deepEqual(await h.postingsFor('412'), []);
    if (err.code === 'POSTING_UNKNOWN' && h.adapter.findPosting) {
      assert.equal(
        await h.adapter.findPosting(charge.chargeId, '412'),
        null,
        'read-back says it is not there',
      );
    }
    await h.adapter.postCharge(charge);
    assert.equal((await h.postingsFor('412')).length, 1);
  });

  withFaults('a timeout after the PMS applied the charge never ends in a double posting', async (h, f) => {
    f.timeoutNext('after-apply');
    const charge = chargeFor('412', h.currency);
    const err = await h.adapter.postCharge(charge).then(
      () => assert.fail('expected a timeout'),
      (e: unknown) => e,
    );
    assert.ok(err instanceof PmsError);
    if (h.idempotent) {
      assert.equal(err.retryable, true, 'with an idempotency key a re-send is safe');
      const again = await h.adapter.postCharge(charge);
      assert.equal(again.duplicate, true);
    } else {
      assert.equal(err.code, 'POSTING_UNKNOWN', 'without an idempotency key the outcome is unknown');
      assert.equal(err.retryable, false);
      if (h.adapter.findPosting)
        assert.ok(await h.adapter.findPosting(charge.chargeId, '412'), 'read-back finds it');
    }
    assert.equal((await h.postingsFor('412')).length, 1);
  });
}
