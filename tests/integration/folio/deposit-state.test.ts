import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEPOSIT_STATES, DEPOSIT_TRANSITIONS, type DepositState, type FolioService } from '@roompost/folio';
import { folioError, openFolioFixture } from './folio-fixture.js';
import { bookRoom, CLERK, checkedIn, seedFrontOffice } from './front-office-fixture.js';

const LEGAL = new Set(['HELD>CAPTURED', 'HELD>RELEASED', 'HELD>EXPIRED', 'CAPTURED>REFUNDED']);
const OPERATIONS: Record<Exclude<DepositState, 'HELD'>, keyof FolioService> = {
  CAPTURED: 'captureDeposit',
  RELEASED: 'releaseDeposit',
  REFUNDED: 'refundDeposit',
  EXPIRED: 'expireDeposit',
};

test('the deposit table allows exactly hold → capture | release | expire and capture → refund', () => {
  for (const from of DEPOSIT_STATES) {
    for (const to of DEPOSIT_STATES) {
      assert.equal(DEPOSIT_TRANSITIONS[from].includes(to), LEGAL.has(`${from}>${to}`), `${from} → ${to}`);
    }
  }
});

async function postingCount(folio: FolioService, folioId: string) {
  return (await folio.getFolio(folioId)).postings.length;
}

test('every deposit transition through the service: legal ones move it, illegal ones are ILLEGAL_TRANSITION and write nothing', async (t) => {
  const { folio, clock } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { reservation, folioId } = await checkedIn(folio, guestId);
  const start = clock.now().toISOString();

  async function depositIn(state: DepositState): Promise<string> {
    clock.set(start);
    const d = await folio.holdDeposit({
      reservationId: reservation.id,
      amountMinor: 10_000,
      method: 'CARD',
      reference: 'AUTH-9',
      by: CLERK,
    });
    if (state === 'CAPTURED' || state === 'REFUNDED')
      await folio.captureDeposit({ depositId: d.id, by: CLERK });
    if (state === 'REFUNDED') await folio.refundDeposit({ depositId: d.id, by: CLERK });
    if (state === 'RELEASED') await folio.releaseDeposit({ depositId: d.id, by: CLERK });
    if (state === 'EXPIRED') {
      clock.set('2026-03-30T00:00:00.000Z');
      await folio.expireDeposit({ depositId: d.id, by: CLERK });
    }
    return d.id;
  }

  let cases = 0;
  for (const from of DEPOSIT_STATES) {
    for (const to of Object.keys(OPERATIONS) as Array<keyof typeof OPERATIONS>) {
      cases += 1;
      const id = await depositIn(from);
      // An expiry only happens once the hold is past due; everything else runs inside the hold window.
      if (to === 'EXPIRED') clock.set('2026-03-30T00:00:00.000Z');
      const before = await postingCount(folio, folioId);
      const run = (
        folio[OPERATIONS[to]] as (i: { depositId: string; by: string }) => Promise<{ state: string }>
      )({ depositId: id, by: CLERK });
      if (LEGAL.has(`${from}>${to}`)) {
        assert.equal((await run).state, to, `${from} → ${to}`);
      } else {
        await assert.rejects(run, folioError('ILLEGAL_TRANSITION', { from, to }), `${from} → ${to}`);
        assert.equal(await postingCount(folio, folioId), before, `${from} → ${to} wrote nothing`);
        const view = await folio.getReservation(reservation.id);
        assert.equal(view.deposits.find((d) => d.id === id)?.state, from);
      }
    }
  }
  assert.equal(cases, 20);
});

test('a hold is not a posting; capture posts a DEPOSIT credit; refund posts a REFUND', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const { reservation, folioId } = await checkedIn(folio, guestId);
  // checkedIn() held the DEP30 deposit (30 % of 4 × 6,000.00 = 7,200.00) but did not capture it.
  const held = reservation.deposits[0]!;
  assert.equal(held.state, 'HELD');
  assert.equal(held.amountMinor, 720_000);
  assert.deepEqual((await folio.getFolio(folioId)).postings, []);

  const captured = await folio.captureDeposit({ depositId: held.id, by: 'fd-ravi' });
  assert.equal(captured.state, 'CAPTURED');
  assert.equal(captured.settledBy, 'fd-ravi');
  const [credit] = (await folio.getFolio(folioId)).postings;
  assert.equal(credit?.type, 'DEPOSIT');
  assert.equal(credit?.amountMinor, -720_000);
  assert.equal(credit?.id, captured.depositPostingId);
  assert.equal((await folio.getFolio(folioId)).balanceMinor, -720_000);

  const refunded = await folio.refundDeposit({ depositId: held.id, by: 'fd-ravi' });
  const refund = (await folio.getFolio(folioId)).postings.find((p) => p.id === refunded.refundPostingId);
  assert.equal(refund?.type, 'REFUND');
  assert.equal(refund?.amountMinor, 720_000);
  assert.equal((await folio.getFolio(folioId)).balanceMinor, 0);
});

test('a deposit captured before arrival waits in the deposit ledger and becomes a folio credit at check-in', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const r = await bookRoom(folio, guestId);
  await folio.transitionReservation({ reservationId: r.id, to: 'PendingDeposit', by: CLERK });
  const d = await folio.holdDeposit({ reservationId: r.id, method: 'UPI', reference: 'UPI-1', by: CLERK });
  assert.equal((await folio.getReservation(r.id)).status, 'Confirmed');
  const captured = await folio.captureDeposit({ depositId: d.id, by: CLERK });
  assert.equal(captured.depositPostingId, null);

  const inHouse = await folio.checkInReservation({ reservationId: r.id, by: CLERK });
  const window1 = await folio.getFolio(inHouse.folios[0]!.id);
  assert.deepEqual(
    window1.postings.map((p) => [p.type, p.amountMinor]),
    [['DEPOSIT', -720_000]],
  );
  assert.equal(inHouse.balanceMinor, -720_000);
});

test('expiry: not before it is due, and the job expires every hold past due', async (t) => {
  const { folio, clock } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const r = await bookRoom(folio, guestId);
  const d = await folio.holdDeposit({ reservationId: r.id, method: 'CASH', by: CLERK });
  await assert.rejects(
    folio.expireDeposit({ depositId: d.id, by: CLERK }),
    folioError('ILLEGAL_TRANSITION', { to: 'EXPIRED' }),
  );
  assert.equal(await folio.expireDueDeposits('night-audit'), 0);
  clock.set(d.expiresAt);
  await assert.rejects(
    folio.captureDeposit({ depositId: d.id, by: CLERK }),
    folioError('ILLEGAL_TRANSITION', { to: 'CAPTURED' }),
  );
  assert.equal(await folio.expireDueDeposits('night-audit'), 1);
  assert.equal((await folio.getReservation(r.id)).deposits[0]?.state, 'EXPIRED');
});

test('cancelling a reservation releases its open holds', async (t) => {
  const { folio } = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(folio);
  const r = await bookRoom(folio, guestId);
  await folio.holdDeposit({ reservationId: r.id, method: 'CASH', by: CLERK });
  const cancelled = await folio.transitionReservation({ reservationId: r.id, to: 'Cancelled', by: CLERK });
  assert.equal(cancelled.deposits[0]?.state, 'RELEASED');
});
