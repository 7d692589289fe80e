// The front desk's reads over central's HTTP API on the demo hotel: the day's board, the booking form's
// setup, the early-departure fee before anything is posted (and equal to what checkout then posts),
// night audit's pre-checks, and who may read them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedDemoHotel } from '@roompost/central';
import { centralAs, startTestCentral, TODAY } from '../../support/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

test('the desk board, setup, early-departure preview and audit pre-checks match the folio engine', async (t) => {
  const central = await startTestCentral(t);
  await seedDemoHotel(central.folio, TODAY);
  const desk = centralAs(central.httpUrl, 'fd-omar', 'front_desk');

  const board = (await desk.get<Json>('/api/desk/board')).body;
  assert.equal(board.businessDate, TODAY);
  const wilson = board.inHouse.find((r: Json) => r.roomNumber === '412');
  assert.equal(wilson.guestName, 'Mr. James Wilson');
  assert.ok(wilson.stayRef, 'a walk-in stay is listed with its stay');
  assert.ok(
    board.departures.some((r: Json) => r.roomNumber === '305' && r.status === 'CheckedOut'),
    'checked out today is among the departures',
  );
  assert.ok(board.upcoming.some((r: Json) => r.confirmation === 'HX78460309'));
  assert.equal(board.rooms.find((r: Json) => r.number === '412').occupiedBy, 'Mr. James Wilson');

  const setup = (await desk.get<Json>('/api/desk/setup')).body;
  assert.deepEqual(setup.ratePlans.find((p: Json) => p.code === 'BAR').earlyDeparture, {
    kind: 'NIGHTS',
    value: '1',
  });
  assert.ok(setup.depositPolicies.some((p: Json) => p.code === 'DEP25' && p.percent === '25'));
  assert.ok(setup.outlets.some((o: Json) => o.code === 'POOL'));

  // 301 for three nights, checked in: leaving today releases all three, the fee is one night (189.00).
  const guest = (await desk.post<Json>('/api/folio/guests', { firstName: 'Rajesh', lastName: 'Kumar' })).body;
  const booked = await desk.post<Json>('/api/folio/reservations', {
    guestId: guest.id,
    roomNumber: '301',
    ratePlanCode: 'BAR',
    arrival: TODAY,
    departure: '2026-11-25',
    adults: 2,
  });
  const id = booked.body.id;
  await desk.post(`/api/folio/reservations/${id}/transitions`, { to: 'Confirmed' });
  const arrivals = (await desk.get<Json>('/api/desk/board')).body.arrivals;
  assert.deepEqual(
    arrivals.map((r: Json) => [r.roomNumber, r.guestName, r.status]),
    [['301', 'Rajesh Kumar', 'Confirmed']],
  );
  const checks = (await desk.get<Json>('/api/desk/night-audit/checks')).body;
  assert.deepEqual(
    checks.arrivalsNotCheckedIn.map((r: Json) => r.roomNumber),
    ['301'],
    'an arrival not checked in would become a no-show',
  );
  assert.equal(checks.pendingPosCharges, 0);
  const checkedIn = (await desk.post<Json>(`/api/folio/reservations/${id}/check-in`)).body;
  const folioId = checkedIn.folios[0].id;
  assert.equal((await desk.get<Json>(`/api/desk/reservations/${id}/guest`)).body.guestName, 'Rajesh Kumar');

  const preview = (await desk.get<Json>(`/api/desk/reservations/${id}/early-departure`)).body;
  assert.deepEqual(
    [preview.allowed, preview.removedNights, preview.feeMinor],
    [true, ['2026-11-22', '2026-11-23', '2026-11-24'], 18_900],
  );
  assert.equal(
    (await desk.get<Json>(`/api/folio/folios/${folioId}`)).body.postings.length,
    0,
    'the preview writes nothing',
  );
  const prepared = (
    await desk.post<Json>(`/api/folio/reservations/${id}/checkout/prepare`, { mode: 'early' })
  ).body;
  assert.equal(prepared.fee.amountMinor, preview.feeMinor, 'checkout posts the fee the desk showed');

  const missing = await desk.get<Json>('/api/desk/reservations/nope/early-departure');
  assert.deepEqual([missing.status, missing.body.code], [404, 'NOT_FOUND']);
  const badDate = await desk.get<Json>('/api/desk/board?date=yesterday');
  assert.deepEqual([badDate.status, badDate.body.code], [400, 'VALIDATION_FAILED']);
  const office = centralAs(central.httpUrl, 'olga.office', 'office');
  const forbidden = await office.get<Json>('/api/desk/board');
  assert.deepEqual([forbidden.status, forbidden.body.code], [403, 'FORBIDDEN']);
});
