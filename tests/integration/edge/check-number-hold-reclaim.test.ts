// Room Found holds a check number until its check is made or the screen is cancelled. A power cut (or a
// closed kiosk) ends Room Found without either: such holds are reclaimed once older than the hold time,
// at the edge's start and whenever a number is held, and their numbers go to the next checks, lowest
// first, so the outlet's sequence keeps no gap and never uses a number twice. Real SQLite file, closed
// and reopened as a power cut does.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { hashPin, startEdge } from '@roompost/edge';
import { openSqlite } from '@roompost/folio';
import type { StaffSessionView } from '@roompost/sync';
import {
  holdCheckNumber,
  reclaimStaleHolds,
  releaseCheckNumber,
} from '../../../edge/src/charges/charge.repository.js';
import type { EdgeDatabase } from '../../../edge/src/db/edge-database.js';
import { migrateEdge } from '../../../edge/src/db/migrations.js';
import { recordingLogger } from '../../support/recording-logger.js';
import { api, edgeConfig, startTestStack } from '../../support/stack.js';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 8, 12, minute)).toISOString();

test('holds left by a power cut are reclaimed after the hold time and their numbers go to the next checks, no gap, no repeat', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-holds-'));
  const file = join(dir, 'edge.sqlite');
  t.after(() => rm(dir, { recursive: true, force: true }));

  let store = openSqlite<EdgeDatabase>(file);
  await migrateEdge(store.db);
  assert.deepEqual(
    [await holdCheckNumber(store.db, 'a', at(0)), await holdCheckNumber(store.db, 'b', at(1))],
    ['1001', '1002'],
  );
  // The power goes: neither Room Found ends.
  await store.close();
  store = openSqlite<EdgeDatabase>(file);
  t.after(() => store.close());

  // At start, 5 minutes on: both holds are younger than the 10-minute hold time and stay held.
  assert.equal(await reclaimStaleHolds(store.db, at(5 - 10)), 0);
  assert.equal(await holdCheckNumber(store.db, 'c', at(5), at(5 - 10)), '1003');
  // 12 minutes on: the first two are stale. The next hold reclaims them and takes the lowest, 1001.
  assert.equal(await holdCheckNumber(store.db, 'd', at(12), at(12 - 10)), '1001');
  assert.equal(await holdCheckNumber(store.db, 'e', at(12), at(12 - 10)), '1002');
  assert.equal(await holdCheckNumber(store.db, 'f', at(12), at(12 - 10)), '1004', 'then the counter goes on');
  // Asking again keeps a hold alive: c (asked at 5) asked at 13 is not stale at 20.
  assert.equal(await holdCheckNumber(store.db, 'c', at(13), at(13 - 10)), '1003');
  assert.equal(await reclaimStaleHolds(store.db, at(20 - 10)), 0);

  // A cancelled hold is not given back twice: d is released, then c, e and f go stale.
  await releaseCheckNumber(store.db, 'd');
  assert.equal(await reclaimStaleHolds(store.db, at(30 - 10)), 3);
  const rows = await store.db.selectFrom('check_number_holds').select(['request_id', 'number']).execute();
  assert.deepEqual(rows.map((r) => [r.request_id, r.number]).sort(), [
    ['released:1001', '1001'],
    ['released:1002', '1002'],
    ['released:1003', '1003'],
    ['released:1004', '1004'],
  ]);
  // The numbers come back in order, each once: 1001, 1002, 1003, 1004, then 1005.
  const next: string[] = [];
  for (const id of ['g', 'h', 'i', 'j', 'k']) next.push(await holdCheckNumber(store.db, id, at(31), at(21)));
  assert.deepEqual(next, ['1001', '1002', '1003', '1004', '1005']);
});

test('an edge that starts after a power cut gives back the numbers of holds older than the hold time', async (t) => {
  const staff = [
    { id: 'staff-server', name: 'The server', role: 'server' as const, pinHash: await hashPin('1111') },
  ];
  const stack = await startTestStack(t, { mode: 'staff', staff });
  const session = await api<StaffSessionView>(stack.edge.httpUrl, '/api/staff/session', { pin: '1111' });
  const held = await api<{ checkNumber: string }>(
    stack.edge.httpUrl,
    '/api/checks/number',
    { holdId: 'a0c1d2e3-0000-4000-8000-000000000001' },
    session.body.token,
  );
  assert.equal(held.body.checkNumber, '1001');
  // The power goes with Room Found open; the edge comes back 11 minutes later.
  await stack.edge.stop();
  const later = () => new Date(Date.now() + 11 * 60_000);
  stack.edge = await startEdge(edgeConfig(stack.mqttPort, 'staff', staff), {
    dataDir: stack.dir,
    logger: recordingLogger(),
    kioskDir: join(stack.dir, 'no-kiosk-build'),
    now: later,
  });
  const store = openSqlite<EdgeDatabase>(join(stack.dir, 'edge.sqlite'));
  t.after(() => store.close());
  const rows = await store.db.selectFrom('check_number_holds').select(['request_id', 'number']).execute();
  assert.deepEqual(
    rows.map((r) => [r.request_id, r.number]),
    [['released:1001', '1001']],
    'reclaimed at start, before any new hold',
  );
});
