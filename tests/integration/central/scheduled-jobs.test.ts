// Central's scheduled jobs with a clock the test moves: deposit holds expire after the policy's hours, a
// reservation still waiting for its deposit is released, and night audit runs at the configured local time.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import { createBackOffice } from '@roompost/folio';
import { auditDueAt, CentralJobs, JOBS_ACTOR } from '../../../central/src/jobs/central-jobs.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { openFolioFixture } from '../folio/folio-fixture.js';
import { bookRoom, CLERK, checkedIn, seedFrontOffice } from '../folio/front-office-fixture.js';

async function hotelWithJobs(t: TestContext, autoAuditTime: string | null, pending = { count: 0 }) {
  const fx = await openFolioFixture(t);
  const { guestId } = await seedFrontOffice(fx.folio); // Asia/Kolkata, business date 2026-03-10
  fx.clock.set('2026-03-10T04:30:00.000Z'); // 10:00 IST
  const office = createBackOffice(
    fx.store.db,
    { clock: fx.clock },
    { pendingPosCharges: async () => pending.count },
  );
  const jobs = new CentralJobs({
    office: { ...office, expireDueDeposits: (by) => fx.folio.expireDueDeposits(by) },
    getProperty: () => fx.folio.getProperty(),
    clock: fx.clock,
    logger: recordingLogger(),
    autoAuditTime,
    pollMs: 0,
  });
  t.after(() => jobs.stop());
  return { ...fx, guestId, office, jobs };
}

test('the audit of a business date is due that evening, or the next morning for a time before noon', () => {
  assert.equal(auditDueAt('2026-03-10', '23:30'), '2026-03-10T23:30');
  assert.equal(auditDueAt('2026-03-10', '02:00'), '2026-03-11T02:00');
});

test('a deposit hold expires and a reservation without its deposit is released once their hours have passed', async (t) => {
  const { folio, clock, guestId, jobs } = await hotelWithJobs(t, null);
  // 301: held at 10:00 IST (DEP30: 48 h) but never captured; 302: booked, PendingDeposit, no deposit at all
  const held = await bookRoom(folio, guestId, { confirmation: 'HOLD301' });
  await folio.transitionReservation({ reservationId: held.id, to: 'PendingDeposit', by: CLERK });
  const deposit = await folio.holdDeposit({
    reservationId: held.id,
    method: 'CARD',
    reference: 'AUTH-9',
    by: CLERK,
  });
  const waiting = await bookRoom(folio, guestId, { roomNumber: '302', confirmation: 'WAIT302' });
  await folio.transitionReservation({ reservationId: waiting.id, to: 'PendingDeposit', by: CLERK });

  clock.set('2026-03-12T04:29:00.000Z'); // 47 h 59 min later: nothing yet
  let tick = await jobs.tick();
  assert.deepEqual(
    [tick.expiredDeposits, tick.releasedHolds, tick.nightAudit],
    [0, [], { skipped: 'manual' }],
  );

  clock.set('2026-03-12T04:30:00.000Z'); // 48 h
  tick = await jobs.tick();
  assert.equal(tick.expiredDeposits, 1);
  assert.deepEqual(tick.releasedHolds, ['WAIT302']);
  const view = await folio.getReservation(held.id);
  assert.equal(view.deposits.find((d) => d.id === deposit.id)?.state, 'EXPIRED');
  assert.equal((await folio.getReservation(waiting.id)).status, 'Cancelled');
  // holding the deposit had confirmed 301; its only deposit expired, so it is no longer guaranteed and
  // is Cancelled ("deposit expired"): the room does not stay taken
  assert.equal((await folio.getReservation(held.id)).status, 'Cancelled');

  tick = await jobs.tick();
  assert.deepEqual([tick.expiredDeposits, tick.releasedHolds], [0, []]);
});

test('night audit runs at the configured local time, once per business date', async (t) => {
  const pending = { count: 0 };
  const { folio, clock, guestId, jobs, office } = await hotelWithJobs(t, '02:00', pending);
  await checkedIn(folio, guestId);

  clock.set('2026-03-10T20:29:00.000Z'); // 01:59 IST on the 11th: not due
  assert.deepEqual((await jobs.tick()).nightAudit, { skipped: 'not due' });
  assert.equal((await folio.getProperty())?.businessDate, '2026-03-10');

  pending.count = 1; // an outlet charge still queued at 02:00: the scheduled audit waits for a manager
  clock.set('2026-03-10T20:30:00.000Z'); // 02:00 IST
  const blocked = (await jobs.tick()).nightAudit;
  assert.equal('code' in blocked ? blocked.code : null, 'AUDIT_BLOCKED');
  assert.equal((await folio.getProperty())?.businessDate, '2026-03-10');

  pending.count = 0;
  clock.set('2026-03-10T20:45:00.000Z');
  const ran = (await jobs.tick()).nightAudit;
  assert.ok('postings' in ran, JSON.stringify(ran));
  assert.equal(ran.businessDate, '2026-03-10');
  assert.equal(ran.postings, 1); // 301's room night, ₹6,000.00
  assert.equal((await folio.getProperty())?.businessDate, '2026-03-11');
  assert.equal((await office.nightAuditStatus()).runs[0]?.startedBy, JOBS_ACTOR);

  clock.set('2026-03-11T12:00:00.000Z'); // later the same day: the 11th is not due before 02:00 on the 12th
  assert.deepEqual((await jobs.tick()).nightAudit, { skipped: 'not due' });
  assert.equal((await folio.getProperty())?.businessDate, '2026-03-11');
});
