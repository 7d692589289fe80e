// Changing a reservation before check-in over central's real HTTP API (folio reservation-change.service.ts):
// the preview shows the money consequence and writes nothing, the change re-prices every night, the room
// must be free, an in-house reservation is refused, and a front desk user may do it (office may not).
// Hotel: front-office fixture — BAR ₹6,000.00 a night, extra adult ₹1,000.00, extra bed ₹500.00, DEP30.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { centralAs, startTestCentral } from '../../support/stack.js';
import { CLERK, seedFrontOffice } from '../folio/front-office-fixture.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

test('a reservation is changed before check-in: preview first, then nights priced again', async (t) => {
  const central = await startTestCentral(t);
  const { guestId } = await seedFrontOffice(central.folio);
  const desk = centralAs(central.httpUrl, 'fd-omar', 'front_desk');
  const booked = await desk.post<Json>('/api/folio/reservations', {
    guestId,
    roomNumber: '301',
    ratePlanCode: 'BAR',
    arrival: '2026-03-10',
    departure: '2026-03-14',
    adults: 2,
    depositPolicyCode: 'DEP30',
  });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  const id = booked.body.id;
  await desk.post(`/api/folio/reservations/${id}/transitions`, { to: 'PendingDeposit' });
  await desk.post(`/api/folio/reservations/${id}/deposits`, { method: 'CARD', reference: 'AUTH-9' });
  // Another guest holds 302 on 15–16 March.
  await central.folio.book({
    guestId,
    roomNumber: '302',
    ratePlanCode: 'BAR',
    arrival: '2026-03-15',
    departure: '2026-03-17',
    adults: 2,
    by: CLERK,
  });

  // One more night (10–15 March), three adults and an extra bed, in room 303:
  // 5 × (6,000 + 1,000 extra adult + 500 extra bed) = ₹37,500.00 against 4 × 6,000 = ₹24,000.00 booked.
  const change = { departure: '2026-03-15', adults: 3, extraBeds: 1, roomNumber: '303' };
  const preview = await desk.post<Json>(`/api/folio/reservations/${id}/change-preview`, change);
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.deepEqual(
    [preview.body.before.stayTotalMinor, preview.body.after.stayTotalMinor, preview.body.differenceMinor],
    [2_400_000, 3_750_000, 1_350_000],
  );
  // The held deposit: DEP30 of ₹24,000.00 = ₹7,200.00 (held when taken without an amount).
  assert.equal(preview.body.heldMinor, 720_000);
  const unchanged = (await desk.get<Json>(`/api/folio/reservations/${id}`)).body;
  assert.deepEqual(
    [unchanged.roomNumber, unchanged.stayTotalMinor],
    ['301', 2_400_000],
    'a preview writes nothing',
  );

  const made = await desk.post<Json>(`/api/folio/reservations/${id}/change`, {
    ...change,
    reason: 'guest asked',
  });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  const r = made.body.reservation;
  assert.deepEqual(
    [r.roomNumber, r.departure, r.adults, r.extraBeds, r.nights.length, r.stayTotalMinor, r.status],
    ['303', '2026-03-15', 3, 1, 5, 3_750_000, 'Confirmed'],
  );
  assert.deepEqual(
    r.nights.map((n: Json) => [n.roomMinor, n.extraMinor]),
    Array(5).fill([600_000, 150_000]),
  );
  assert.equal(r.deposits[0].state, 'HELD', 'the deposit stays as it was');
  assert.match(r.history.at(-1).reason, /roomNumber 301 → 303/);
  assert.equal(r.history.at(-1).by, 'fd-omar');

  // 302 is held on the 15th: moving there for 14–16 March clashes; nothing changes.
  const clash = await desk.post<Json>(`/api/folio/reservations/${id}/change`, {
    roomNumber: '302',
    departure: '2026-03-16',
  });
  assert.deepEqual([clash.status, clash.body.code], [409, 'ROOM_UNAVAILABLE']);
  const bad = await desk.post<Json>(`/api/folio/reservations/${id}/change`, { departure: '2026-03-09' });
  assert.deepEqual([bad.status, bad.body.code, bad.body.field], [400, 'VALIDATION_FAILED', 'departure']);
  const office = centralAs(central.httpUrl, 'office-1', 'office');
  const forbidden = await office.post<Json>(`/api/folio/reservations/${id}/change`, { adults: 2 });
  assert.deepEqual([forbidden.status, forbidden.body.code], [403, 'FORBIDDEN']);
  const after = (await desk.get<Json>(`/api/folio/reservations/${id}`)).body;
  assert.deepEqual([after.roomNumber, after.stayTotalMinor], ['303', 3_750_000]);

  // Checked in: the terms are no longer changed here.
  await desk.post(`/api/folio/reservations/${id}/check-in`);
  const inHouse = await desk.post<Json>(`/api/folio/reservations/${id}/change-preview`, { adults: 2 });
  assert.deepEqual([inHouse.status, inHouse.body.code], [409, 'ILLEGAL_TRANSITION']);
});

test('a change recomputes the deposit due: a dearer stay asks only the top-up, a cheaper one keeps what is held', async (t) => {
  const central = await startTestCentral(t);
  const { guestId } = await seedFrontOffice(central.folio);
  const desk = centralAs(central.httpUrl, 'fd-omar', 'front_desk');
  const booked = await desk.post<Json>('/api/folio/reservations', {
    guestId,
    roomNumber: '301',
    ratePlanCode: 'BAR',
    arrival: '2026-03-10',
    departure: '2026-03-12',
    adults: 2,
    depositPolicyCode: 'DEP30',
  });
  const id = booked.body.id;
  await desk.post(`/api/folio/reservations/${id}/transitions`, { to: 'PendingDeposit' });
  // DEP30 of 2 × ₹6,000.00 = ₹3,600.00, held and captured.
  const first = await desk.post<Json>(`/api/folio/reservations/${id}/deposits`, { method: 'CARD' });
  assert.equal(first.body.amountMinor, 360_000);
  await desk.post(`/api/folio/deposits/${first.body.id}/capture`, {});

  // Two more nights: ₹24,000.00, DEP30 asks ₹7,200.00; ₹3,600.00 is covered, ₹3,600.00 to take.
  const longer = await desk.post<Json>(`/api/folio/reservations/${id}/change-preview`, {
    departure: '2026-03-14',
  });
  assert.equal(longer.status, 200, JSON.stringify(longer.body));
  assert.deepEqual(longer.body.deposit, {
    policyCode: 'DEP30',
    dueBeforeMinor: 360_000,
    dueAfterMinor: 720_000,
    topUpMinor: 360_000,
    excessMinor: 0,
  });
  const made = await desk.post<Json>(`/api/folio/reservations/${id}/change`, { departure: '2026-03-14' });
  assert.equal(made.status, 200, JSON.stringify(made.body));
  assert.match(made.body.reservation.history.at(-1).reason, /depositDue 360000 → 720000 \(top-up 360000\)/);
  assert.deepEqual(
    made.body.reservation.deposits.map((d: Json) => [d.state, d.amountMinor]),
    [['CAPTURED', 360_000]],
    'the change itself takes and gives back nothing',
  );
  // Taking a deposit without an amount asks the top-up, not the whole deposit again.
  const topUp = await desk.post<Json>(`/api/folio/reservations/${id}/deposits`, { method: 'UPI' });
  assert.equal(topUp.status, 201, JSON.stringify(topUp.body));
  assert.equal(topUp.body.amountMinor, 360_000);
  const covered = await desk.post<Json>(`/api/folio/reservations/${id}/deposits`, { method: 'UPI' });
  assert.deepEqual(
    [covered.status, covered.body.code, covered.body.field],
    [400, 'VALIDATION_FAILED', 'amountMinor'],
  );

  // Back to one night: DEP30 asks ₹1,800.00 while ₹7,200.00 is held and captured. Nothing is refunded or
  // released: the excess is shown, kept, and credits the folio at check-in (or a manager refunds it).
  const shorter = await desk.post<Json>(`/api/folio/reservations/${id}/change`, { departure: '2026-03-11' });
  assert.equal(shorter.status, 200, JSON.stringify(shorter.body));
  assert.deepEqual(
    [
      shorter.body.change.deposit.dueAfterMinor,
      shorter.body.change.deposit.topUpMinor,
      shorter.body.change.deposit.excessMinor,
    ],
    [180_000, 0, 540_000],
  );
  assert.deepEqual(shorter.body.reservation.deposits.map((d: Json) => [d.state, d.amountMinor]).sort(), [
    ['CAPTURED', 360_000],
    ['HELD', 360_000],
  ]);
  assert.equal(shorter.body.reservation.status, 'Confirmed');

  // A reservation without a policy has no deposit due to follow.
  const plain = await desk.post<Json>('/api/folio/reservations', {
    guestId,
    roomNumber: '302',
    ratePlanCode: 'BAR',
    arrival: '2026-03-10',
    departure: '2026-03-12',
    adults: 2,
  });
  const noPolicy = await desk.post<Json>(`/api/folio/reservations/${plain.body.id}/change-preview`, {
    departure: '2026-03-13',
  });
  assert.equal(noPolicy.body.deposit, null);
});
