// Central's intake of a day's edge summary sent in parts, on a real SQLite file: the parts of one
// digest are kept until all are in (in any order), then the day is stored whole; a part of a newer
// digest replaces an older set; parts that do not add up to the day's counts are refused, and nothing
// of them is stored as the day.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { openSqlite } from '@roompost/folio';
import type { DailySummaryMessage } from '@roompost/sync';
import type { CentralDatabase } from '../../../central/src/db/central-database.js';
import { migrateCentral } from '../../../central/src/db/migrations.js';
import { edgeSummariesOf } from '../../../central/src/reconciliation/reconciliation.repository.js';
import { receiveEdgeSummary } from '../../../central/src/reconciliation/summary-parts.js';

const DAY = '2026-12-08';

function day(digestChar: string, n: number): DailySummaryMessage {
  return {
    v: 1,
    outletCode: 'POOL',
    businessDate: DAY,
    timeZone: 'UTC',
    currency: 'USD',
    closed: false,
    digest: digestChar.repeat(64),
    byStatus: [{ status: 'posted', count: n, totalMinor: n * 100 }],
    charges: Array.from({ length: n }, (_, i) => ({
      chargeId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      checkNumber: String(1000 + i),
      roomNumber: '101',
      totalMinor: 100,
      status: 'posted',
      createdAt: `${DAY}T12:00:00.000Z`,
    })),
    at: `${DAY}T23:00:00.000Z`,
  };
}

/** The day cut into `parts` slices, as the edge's publisher sends them. */
function partsOf(s: DailySummaryMessage, parts: number): DailySummaryMessage[] {
  const size = Math.ceil(s.charges.length / parts);
  return Array.from({ length: parts }, (_, i) => ({
    ...s,
    charges: s.charges.slice(i * size, (i + 1) * size),
    part: i + 1,
    parts,
  }));
}

test('parts are kept until all are in, then the day is stored whole; a newer digest replaces an older set; a set that does not add up is refused', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-summary-parts-'));
  const store = openSqlite<CentralDatabase>(join(dir, 'central.sqlite'));
  t.after(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });
  await migrateCentral(store.db);
  const at = new Date().toISOString();
  const stored = async () => (await edgeSummariesOf(store.db, DAY)).map((r) => r.summary);
  const held = async () =>
    (await store.db.selectFrom('edge_daily_summary_parts').selectAll().execute()).length;

  // Three parts in the order 3, 1, 2: the first two wait, the third completes the day.
  const first = day('a', 9);
  const [p1, p2, p3] = partsOf(first, 3) as [DailySummaryMessage, DailySummaryMessage, DailySummaryMessage];
  assert.deepEqual(await receiveEdgeSummary(store.db, 'kiosk-1', p3, at), {
    state: 'waiting',
    have: 1,
    parts: 3,
  });
  assert.deepEqual(await receiveEdgeSummary(store.db, 'kiosk-1', p1, at), {
    state: 'waiting',
    have: 2,
    parts: 3,
  });
  // A part sent again (the edge re-publishes until acknowledged) replaces itself.
  assert.deepEqual(await receiveEdgeSummary(store.db, 'kiosk-1', p1, at), {
    state: 'waiting',
    have: 2,
    parts: 3,
  });
  assert.deepEqual(await stored(), [], 'nothing stored as the day before every part is in');
  assert.deepEqual(await receiveEdgeSummary(store.db, 'kiosk-1', p2, at), { state: 'stored' });
  const [whole] = await stored();
  assert.deepEqual(whole?.charges, first.charges, 'every charge, in order');
  assert.equal(whole?.digest, first.digest);
  assert.equal((whole as { part?: number } | undefined)?.part, undefined);
  assert.equal(await held(), 0);

  // The day changed while its parts were on the way: the newer digest's part drops the older set.
  const second = day('b', 6);
  const [q1, q2] = partsOf(second, 2) as [DailySummaryMessage, DailySummaryMessage];
  const older = day('c', 6);
  const [o1] = partsOf(older, 2) as [DailySummaryMessage];
  assert.equal((await receiveEdgeSummary(store.db, 'kiosk-1', o1, at)).state, 'waiting');
  assert.equal((await receiveEdgeSummary(store.db, 'kiosk-1', q1, at)).state, 'waiting');
  assert.equal(await held(), 1, "the older digest's part is gone");
  assert.equal((await receiveEdgeSummary(store.db, 'kiosk-1', q2, at)).state, 'stored');
  assert.equal((await stored())[0]?.digest, second.digest);
  assert.equal((await stored())[0]?.charges.length, 6);

  // Parts whose charges do not add up to byStatus (one charge listed twice, one missing): refused;
  // the day stored before stays as it was.
  const third = day('d', 4);
  const [r1, r2] = partsOf(third, 2) as [DailySummaryMessage, DailySummaryMessage];
  const doubled = { ...r2, charges: [r1.charges[0], ...r2.charges.slice(1)] } as DailySummaryMessage;
  assert.equal((await receiveEdgeSummary(store.db, 'kiosk-1', r1, at)).state, 'waiting');
  const refused = await receiveEdgeSummary(store.db, 'kiosk-1', doubled, at);
  assert.equal(refused.state, 'refused');
  assert.equal((await stored())[0]?.digest, second.digest, 'the refused set did not replace the stored day');
  assert.equal(await held(), 0);

  // Another device's parts are its own set.
  const [d1] = partsOf(day('e', 4), 2) as [DailySummaryMessage];
  assert.equal((await receiveEdgeSummary(store.db, 'kiosk-2', d1, at)).state, 'waiting');
  assert.equal((await stored()).length, 1);
});
