// A property with no demo data gets its rooms over central's API and IT's CLI: room types and rooms
// (all or none, coded errors naming the field), a rate plan with a decimal nightly rate, then a
// booking on one of those rooms; who may add them and who may only read.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { provisionMain } from '@roompost/provisioning';
import { expandRoomNumbers } from '../../../provisioning/src/room-numbers.js';
import { centralAs, startTestCentral, TEST_ADMIN, TODAY } from '../../support/stack.js';

// biome-ignore lint/suspicious/noExplicitAny: response bodies are walked by the assertions, which fail on a wrong shape
type Json = Record<string, any>;

test('room types and rooms over the API: added, listed, refused with codes, all or none', async (t) => {
  const central = await startTestCentral(t);
  await central.folio.configureProperty({
    name: 'Harbour View Hotel',
    currency: 'USD',
    timeZone: 'America/New_York',
    businessDate: TODAY,
  });
  const manager = centralAs(central.httpUrl, 'mgr-rooms', 'manager');
  const desk = centralAs(central.httpUrl, 'fd-rooms', 'front_desk');

  assert.deepEqual((await manager.get<Json>('/api/folio/room-types')).body, { roomTypes: [] });
  const dlx = await manager.post<Json>('/api/folio/room-types', { code: 'DLX', name: 'Deluxe King' });
  assert.deepEqual([dlx.status, dlx.body], [201, { code: 'DLX', name: 'Deluxe King', baseOccupancy: 2 }]);
  const again = await manager.post<Json>('/api/folio/room-types', { code: 'DLX', name: 'Other' });
  assert.deepEqual([again.status, again.body.code, again.body.field], [409, 'ALREADY_EXISTS', 'code']);
  const badCode = await manager.post<Json>('/api/folio/room-types', { code: 'D L X', name: 'x' });
  assert.deepEqual(
    [badCode.status, badCode.body.code, badCode.body.field],
    [400, 'VALIDATION_FAILED', 'code'],
  );
  const badOccupancy = await manager.post<Json>('/api/folio/room-types', {
    code: 'STE',
    name: 'Suite',
    baseOccupancy: 0,
  });
  assert.deepEqual([badOccupancy.body.code, badOccupancy.body.field], ['VALIDATION_FAILED', 'baseOccupancy']);

  const added = await manager.post<Json>('/api/folio/rooms', {
    roomTypeCode: 'DLX',
    numbers: ['412', '12A', '101'],
  });
  assert.equal(added.status, 201, JSON.stringify(added.body));
  assert.deepEqual(
    added.body.rooms.map((r: Json) => r.number),
    ['12A', '101', '412'],
  );
  const unknownType = await manager.post<Json>('/api/folio/rooms', {
    roomTypeCode: 'NOPE',
    numbers: ['500'],
  });
  assert.deepEqual(
    [unknownType.status, unknownType.body.code, unknownType.body.field],
    [404, 'NOT_FOUND', 'roomTypeCode'],
  );
  // One taken number refuses the whole set: 501 is not added either.
  const taken = await manager.post<Json>('/api/folio/rooms', {
    roomTypeCode: 'DLX',
    numbers: ['501', '412'],
  });
  assert.deepEqual([taken.status, taken.body.code], [409, 'ALREADY_EXISTS']);
  assert.deepEqual(taken.body.context?.numbers ?? ['412'], ['412']);
  const twice = await manager.post<Json>('/api/folio/rooms', {
    roomTypeCode: 'DLX',
    numbers: ['600', '600'],
  });
  assert.deepEqual([twice.status, twice.body.code, twice.body.field], [400, 'VALIDATION_FAILED', 'numbers']);
  const badNumber = await manager.post<Json>('/api/folio/rooms', { roomTypeCode: 'DLX', numbers: ['7 7'] });
  assert.deepEqual([badNumber.body.code, badNumber.body.field], ['VALIDATION_FAILED', 'numbers.0']);
  const empty = await manager.post<Json>('/api/folio/rooms', { roomTypeCode: 'DLX', numbers: [] });
  assert.deepEqual([empty.body.code, empty.body.field], ['VALIDATION_FAILED', 'numbers']);

  // The front desk reads them (its booking form lists the same), but may not add any.
  const rooms = (await desk.get<Json>('/api/folio/rooms')).body.rooms;
  assert.deepEqual(
    rooms.map((r: Json) => [r.number, r.roomTypeCode]),
    [
      ['12A', 'DLX'],
      ['101', 'DLX'],
      ['412', 'DLX'],
    ],
  );
  assert.deepEqual(
    (await desk.get<Json>('/api/desk/setup')).body.rooms.map((r: Json) => r.number),
    ['12A', '101', '412'],
  );
  const refused = await desk.post<Json>('/api/folio/rooms', { roomTypeCode: 'DLX', numbers: ['502'] });
  assert.deepEqual([refused.status, refused.body.code], [403, 'FORBIDDEN']);

  // A rate in the property currency as a decimal, then a booking and check-in on room 412.
  assert.equal(
    (await manager.post<Json>('/api/folio/rate-plans', { code: 'BAR', name: 'Best available' })).status,
    201,
  );
  const rate = await manager.post<Json>('/api/folio/rate-plans/BAR/rates', {
    roomTypeCode: 'DLX',
    from: TODAY,
    to: '2026-12-22',
    amount: '189.00',
  });
  assert.deepEqual([rate.status, rate.body.nights], [200, 30]);
  const floatRate = await manager.post<Json>('/api/folio/rate-plans/BAR/rates', {
    roomTypeCode: 'DLX',
    from: TODAY,
    to: '2026-12-22',
    amount: '189.005',
  });
  assert.deepEqual([floatRate.body.code, floatRate.body.field], ['VALIDATION_FAILED', 'rate.amount']);
  const both = await manager.post<Json>('/api/folio/rate-plans/BAR/rates', {
    roomTypeCode: 'DLX',
    from: TODAY,
    to: '2026-12-22',
    amount: '1.00',
    amountMinor: 100,
  });
  assert.deepEqual([both.body.code, both.body.field], ['VALIDATION_FAILED', 'rate']);
  const guest = (await desk.post<Json>('/api/folio/guests', { firstName: 'James', lastName: 'Wilson' })).body;
  const booked = await desk.post<Json>('/api/folio/reservations', {
    guestId: guest.id,
    roomNumber: '412',
    ratePlanCode: 'BAR',
    arrival: TODAY,
    departure: '2026-11-24',
    adults: 2,
  });
  assert.equal(booked.status, 201, JSON.stringify(booked.body));
  const confirmed = await desk.post<Json>(`/api/folio/reservations/${booked.body.id}/transitions`, {
    to: 'Confirmed',
  });
  assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  const checkedIn = await desk.post<Json>(`/api/folio/reservations/${booked.body.id}/check-in`);
  assert.equal(checkedIn.status, 200, JSON.stringify(checkedIn.body));
  const lookup = await central.folio.lookupRoom('412');
  assert.equal(lookup.guest.lastName, 'Wilson');
});

test('roompost-provision adds room types, ranges of rooms and rates; a bad range is a usage error', async (t) => {
  const central = await startTestCentral(t);
  await central.folio.configureProperty({
    name: 'Harbour View Hotel',
    currency: 'USD',
    timeZone: 'America/New_York',
    businessDate: TODAY,
  });
  const dir = await mkdtemp(join(tmpdir(), 'roompost-rooms-cli-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const passwordFile = join(dir, 'admin.pw');
  writeFileSync(passwordFile, `${TEST_ADMIN.password}\n`, { mode: 0o600 });
  const provision = async (args: string[]) => {
    const lines: string[] = [];
    const code = await provisionMain(
      [...args, '--central', central.httpUrl, '--user', TEST_ADMIN.username, '--password-file', passwordFile],
      (line) => lines.push(line),
    );
    return { code, out: lines.join('\n') };
  };

  const type = await provision([
    'add-room-type',
    '--code',
    'STD',
    '--name',
    'Standard Queen',
    '--occupancy',
    '2',
  ]);
  assert.equal(type.code, 0, type.out);
  const rooms = await provision(['add-rooms', '--type', 'STD', '101-103', '0201-0202', 'B-7']);
  assert.equal(rooms.code, 0, rooms.out);
  assert.match(rooms.out, /added 6 rooms of type STD: 101 102 103 0201 0202 B-7/);
  const listed = await provision(['list-rooms']);
  assert.match(listed.out, /STD\s+Standard Queen \(2 guests\): 101 102 103 0201 0202 B-7/);
  const taken = await provision(['add-rooms', '--type', 'STD', '103-104']);
  assert.deepEqual([taken.code, /ALREADY_EXISTS/.test(taken.out)], [1, true], taken.out);
  const backwards = await provision(['add-rooms', '--type', 'STD', '110-105']);
  assert.equal(backwards.code, 2, backwards.out);
  const noType = await provision(['add-rooms', '101']);
  assert.equal(noType.code, 2, noType.out);
  const plan = await provision(['add-rate-plan', '--code', 'BAR', '--name', 'Best available']);
  assert.equal(plan.code, 0, plan.out);
  const rate = await provision([
    'set-rate',
    '--plan',
    'BAR',
    '--type',
    'STD',
    '--from',
    TODAY,
    '--to',
    '2026-11-29',
    '--amount',
    '149.50',
  ]);
  assert.equal(rate.code, 0, rate.out);
  assert.match(rate.out, /for 7 nights/);
  const badRate = await provision([
    'set-rate',
    '--plan',
    'BAR',
    '--type',
    'STD',
    '--from',
    TODAY,
    '--to',
    '2026-11-29',
    '--amount',
    '1.2.3',
  ]);
  assert.deepEqual([badRate.code, /VALIDATION_FAILED/.test(badRate.out)], [1, true], badRate.out);
  assert.deepEqual(
    (await central.folio.listRooms()).map((r) => r.number),
    ['101', '102', '103', '0201', '0202', 'B-7'],
  );
});

test('room ranges expand in order, keep leading zeros, and refuse backwards or huge ranges', () => {
  assert.deepEqual(expandRoomNumbers(['9-11', '12A', 'B-204', '007-008']), [
    '9',
    '10',
    '11',
    '12A',
    'B-204',
    '007',
    '008',
  ]);
  assert.throws(() => expandRoomNumbers(['20-10']), /backwards/);
  assert.throws(() => expandRoomNumbers(['1-1000']), /500/);
});
