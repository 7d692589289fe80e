// The FIAS link and the adapter beyond the shared contract, against the simulator over real TCP.
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { PmsError } from '@roompost/central';
import { chargeFor } from '@roompost/central/pms-contract';
import { field } from '../../../central/src/pms/fias/fias-codec.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { until } from '../../unit/central/fias/memory-stream.js';
import { fiasRig } from './fias-harness.js';

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function codeOf(work: Promise<unknown>): Promise<PmsError> {
  const err = await work.then(
    () => assert.fail('expected an error'),
    (e: unknown) => e,
  );
  assert.ok(err instanceof PmsError, String(err));
  return err;
}

test('link start over TCP: the IFC opens with LS, we describe ourselves with LD and LRs, LA makes it Alive', async (t) => {
  const rig = await fiasRig();
  t.after(() => rig.close());
  assert.equal(rig.sim.linkAlive, true);
  const [ld, ...lrs] = rig.sim.declared;
  assert.equal(ld?.type, 'LD');
  assert.equal(field(ld!, 'IF'), 'PO');
  assert.ok(lrs.length >= 3 && lrs.every((r) => r.type === 'LR'));
  assert.equal(rig.adapter.link.health, 'connected');
  await rig.adapter.testConnection();
});

test('LE from the PMS: a charge waits, the next LS re-links and the charge posts once', async (t) => {
  const rig = await fiasRig({ timeouts: { linkWaitMs: 2_000 } });
  t.after(() => rig.close());
  rig.sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson' });
  await rig.sim.linkEnd();
  await until(() => rig.adapter.link.state === 'ended');
  const posting = rig.adapter.postCharge(chargeFor('412', 'USD'));
  await settle(50);
  assert.equal(rig.sim.state.postings.length, 0, 'nothing is sent while the link is ended');
  await rig.sim.linkStart();
  const result = await posting;
  assert.match(result.pmsTransactionId, /^P#\d+\//);
  assert.equal(rig.sim.state.postings.length, 1);
});

test('an unanswered alive check drops the link; it reconnects and links again', async (t) => {
  const logger = recordingLogger();
  const rig = await fiasRig({ logger, timeouts: { aliveIntervalMs: 60, aliveTimeoutMs: 400 } });
  t.after(() => rig.close());
  await settle(150);
  assert.equal(rig.adapter.link.state, 'alive', 'answered alive checks keep the link');
  rig.sim.silent = true;
  const states: string[] = [];
  rig.adapter.link.onState((s) => states.push(s));
  while (!states.includes('disconnected')) await settle(20);
  rig.sim.silent = false;
  assert.ok(await rig.adapter.link.waitAlive(2_000));
  assert.ok(logger.find('fias: alive check unanswered; reconnecting').length >= 1);
});

test('one client per port: a new connection replaces ours; we reconnect when it leaves', async (t) => {
  const rig = await fiasRig();
  t.after(() => rig.close());
  const states: string[] = [];
  rig.adapter.link.onState((s) => states.push(s));
  const port = rig.config.transport.type === 'tcp' ? rig.config.transport.port : 0;
  const intruder = connect({ port, host: '127.0.0.1' });
  const greeting = await new Promise<Buffer>((resolve) => intruder.once('data', resolve));
  assert.equal(greeting[0], 0x02, 'STX');
  assert.equal(greeting.subarray(1, 4).toString('latin1'), 'LS|');
  while (!states.includes('disconnected')) await settle(10);
  intruder.destroy();
  // Our reconnect in turn replaces the intruder, whichever comes first.
  assert.ok(await rig.adapter.link.waitAlive(2_000));
});

test('night audit: NS, postings answered NA (retryable CONNECTION_FAILED), NE, then they post', async (t) => {
  const logger = recordingLogger();
  const rig = await fiasRig({ logger });
  t.after(() => rig.close());
  rig.sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson' });
  await rig.sim.startNightAudit();
  const err = await codeOf(rig.adapter.postCharge(chargeFor('412', 'USD')));
  assert.equal(err.code, 'CONNECTION_FAILED');
  assert.equal(err.retryable, true);
  assert.equal(err.context.answerStatus, 'NA');
  await rig.sim.endNightAudit();
  await rig.adapter.postCharge(chargeFor('412', 'USD'));
  assert.equal(rig.sim.state.postings.length, 1);
  const unsolicited = logger
    .find('fias: unsolicited record')
    .map((e) => (e.obj as { record: string }).record);
  assert.ok(unsolicited.some((r) => r.startsWith('NS|')) && unsolicited.some((r) => r.startsWith('NE|')));
});

test('lookups: sharers, name prefix, key-card track 2, no-post and credit shown before posting', async (t) => {
  const rig = await fiasRig();
  t.after(() => rig.close());
  const { sim, adapter } = rig;
  sim.seedGuest({
    roomNumber: '2781',
    firstName: 'Mr.',
    lastName: 'Guest',
    creditLimitMinor: 50_000,
    balanceMinor: 24_500,
  });
  sim.seedGuest({ roomNumber: '2781', firstName: 'Mr.', lastName: 'Sharer' });
  sim.seedGuest({
    roomNumber: '407',
    firstName: 'Robert',
    lastName: 'Garcia',
    noPost: true,
    track2: '1234567890',
  });
  const room = await adapter.lookupRoom('2781');
  assert.equal(room.guest.lastName, 'Guest');
  assert.equal(room.billing.creditLimitMinor, 50_000);
  assert.equal(room.billing.currentBalanceMinor, 24_500);
  assert.equal(room.billing.availableCreditMinor, 25_500);
  assert.equal(room.reservation.checkIn, '2026-01-25');
  const byName = await adapter.lookupByName!('Gar');
  assert.deepEqual(
    byName.map((r) => r.roomNumber),
    ['407'],
  );
  assert.equal(byName[0]?.restriction?.code, 'CHARGES_BLOCKED');
  assert.deepEqual(await adapter.lookupByName!('Nobody'), []);
  assert.equal((await adapter.lookupCredential('1234567890')).roomNumber, '407');
  assert.equal((await codeOf(adapter.lookupCredential('04A1B2C3'))).code, 'CREDENTIAL_NOT_FOUND');
});

test('a charge for a verified stay whose guest has left is GUEST_CHECKED_OUT, even if the room is re-let', async (t) => {
  const rig = await fiasRig();
  t.after(() => rig.close());
  const first = rig.sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson' });
  const lookup = await rig.adapter.lookupRoom('412');
  first.status = 'checked_out';
  rig.sim.seedGuest({ roomNumber: '412', firstName: 'Next', lastName: 'Guest' });
  const err = await codeOf(rig.adapter.postCharge(chargeFor('412', 'USD', { stayRef: lookup.stayRef })));
  assert.equal(err.code, 'GUEST_CHECKED_OUT');
  assert.equal(rig.sim.state.postings.length, 0);
});

test('a posting carries the guest of the inquiry, amounts in minor units, and the total rule holds', async (t) => {
  const rig = await fiasRig({ lrc: true });
  t.after(() => rig.close());
  const g = rig.sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson' });
  const charge = chargeFor('412', 'USD', {
    subtotalMinor: 8000,
    taxMinor: 2575,
    tipMinor: 0,
    totalMinor: 10575,
  });
  await rig.adapter.postCharge(charge);
  const [p] = rig.sim.state.postings;
  assert.equal(p?.reservation, g.reservation);
  assert.equal(p?.totalMinor, 10575);
  assert.equal(p?.checkNumber, '1247');
  assert.equal(g.balanceMinor, 10575);
});

test('a void posts the reversing amounts to the same guest', async (t) => {
  const rig = await fiasRig();
  t.after(() => rig.close());
  const g = rig.sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson' });
  const charge = chargeFor('412', 'USD');
  const posted = await rig.adapter.postCharge(charge);
  await rig.adapter.voidCharge!({
    voidId: crypto.randomUUID(),
    original: charge,
    pmsTransactionId: posted.pmsTransactionId,
    reason: 'wrong room',
  });
  assert.deepEqual(
    rig.sim.state.postings.map((p) => p.totalMinor),
    [10500, -10500],
  );
  assert.equal(g.balanceMinor, 0);
});

test('a charge in another currency is refused before anything is sent', async (t) => {
  const rig = await fiasRig();
  t.after(() => rig.close());
  rig.sim.seedGuest({ roomNumber: '412', firstName: 'James', lastName: 'Wilson' });
  const err = await codeOf(rig.adapter.postCharge(chargeFor('412', 'EUR')));
  assert.equal(err.code, 'POSTING_REJECTED');
  assert.equal(rig.sim.state.postings.length, 0);
});
