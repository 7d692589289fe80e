// The edge's copy of the roster on a real SQLite file: snapshots and deltas arrive in any order
// (MQTT ordering is not assumed) and an older entry never replaces a newer one.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqlite } from '@roompost/folio';
import type { RosterEntry } from '@roompost/sync';
import { RawNode, sql } from 'kysely';
import type { EdgeDatabase } from '../../../edge/src/db/edge-database.js';
import { migrateEdge } from '../../../edge/src/db/migrations.js';
import {
  applyDelta,
  applySnapshot,
  findRosterEntry,
  rosterInfo,
} from '../../../edge/src/roster/roster.repository.js';

function entry(room: string, version: number, credit: number | null): RosterEntry {
  return {
    roomNumber: room,
    inHouse: true,
    stayRef: `S-${room}`,
    maskedName: 'P. S****',
    lastNameKey: null,
    checkIn: '2026-11-20',
    checkOut: '2026-11-25',
    currency: 'USD',
    noPost: false,
    availableCreditMinor: credit,
    asOf: new Date(Date.UTC(2026, 10, 22, 10, 0, version)).toISOString(),
    version,
  };
}

test('a late snapshot or delta never undoes a newer roster entry, and a snapshot drops rooms it no longer names', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-roster-'));
  const store = openSqlite<EdgeDatabase>(join(dir, 'edge.sqlite'));
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateEdge(store.db);
  const at = '2026-11-22T10:00:00.000Z';

  await applySnapshot(
    store.db,
    { v: 1, version: 5, asOf: at, entries: [entry('310', 5, 1000), entry('412', 4, null)] },
    at,
  );
  await applyDelta(store.db, { v: 1, version: 7, entries: [entry('310', 7, 564)] }, at);
  // The snapshot of version 6 arrives after the delta of version 7.
  await applySnapshot(store.db, { v: 1, version: 6, asOf: at, entries: [entry('310', 6, 800)] }, at);
  assert.equal(
    (await findRosterEntry(store.db, '310'))?.available_credit_minor,
    564,
    'the newer delta stands',
  );
  assert.equal(
    await findRosterEntry(store.db, '412'),
    undefined,
    'a room the snapshot no longer names is gone',
  );
  // A stale delta changes nothing.
  assert.equal(await applyDelta(store.db, { v: 1, version: 3, entries: [entry('310', 3, 9999)] }, at), 0);
  assert.equal((await findRosterEntry(store.db, '310'))?.available_credit_minor, 564);
  assert.deepEqual(await rosterInfo(store.db), { version: 7, rooms: 1, receivedAt: at });
});

test('a roster delta commits without waiting for the disk, and the store is durable (FULL) again after it', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-roster-'));
  const store = openSqlite<EdgeDatabase>(join(dir, 'edge.sqlite'));
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateEdge(store.db);
  // Every raw statement the delta runs, as SQL text.
  const raw: string[] = [];
  const recorded = store.db.withPlugin({
    transformQuery({ node }) {
      if (RawNode.is(node)) raw.push(node.sqlFragments.join('?').trim());
      return node;
    },
    async transformResult({ result }) {
      return result;
    },
  });
  const at = '2026-11-22T10:00:00.000Z';
  assert.equal(await applyDelta(recorded, { v: 1, version: 2, entries: [entry('310', 2, 700)] }, at), 1);
  assert.ok(raw.includes('pragma synchronous = NORMAL'), `relaxed commit: ${raw.join('; ')}`);
  assert.equal((await findRosterEntry(store.db, '310'))?.available_credit_minor, 700);
  const level = await sql<{ synchronous: number }>`pragma synchronous`.execute(store.db);
  assert.equal(Number(level.rows[0]?.synchronous), 2, 'FULL again for the next charge');
});
