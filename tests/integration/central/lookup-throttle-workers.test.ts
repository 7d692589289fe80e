// The self-service lookup throttle holds across central workers: two workers (each its own
// connection to one database, SQLite file or PostgreSQL with ROOMPOST_TEST_DB=postgres) answering the
// same guessing device count its misses together, so N workers do not give it N × the attempts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFolioService, type FolioDatabase } from '@roompost/folio';
import type { CentralDatabase } from '../../../central/src/db/central-database.js';
import { migrateCentral } from '../../../central/src/db/migrations.js';
import { createBuiltinAdapter } from '../../../central/src/pms/builtin/builtin-adapter.js';
import { databaseMissLog } from '../../../central/src/postings/lookup-misses.js';
import { OutletLookups } from '../../../central/src/postings/outlet-lookups.js';
import { openFolioFixture, openStoreAt, seedSmallHotel } from '../folio/folio-fixture.js';

const LIMIT = { count: 4, windowMs: 60_000 };

test('two workers on one database count a device’s lookup misses together', async (t) => {
  const fixture = await openFolioFixture(t);
  await migrateCentral(fixture.store.db);
  await seedSmallHotel(fixture.folio);
  const second = openStoreAt<FolioDatabase>(fixture.file);
  t.after(() => second.close());

  /** A worker's lookups over its own connection, as outlet-rpc.ts builds them. */
  const worker = (db: typeof fixture.store.db) =>
    new OutletLookups({
      adapter: createBuiltinAdapter(createFolioService(db, { clock: fixture.clock })),
      outletOf: async (device) => (device.startsWith('kiosk') ? 'POOL' : undefined),
      isStaffOutlet: () => false,
      signInOf: () => 'pin',
      // A self-service outlet never reaches the staff checks.
      staff: { roster: { roleOf: async () => undefined }, signer: {} as never },
      now: () => fixture.clock.now(),
      missLimit: LIMIT,
      misses: databaseMissLog(db as never),
    });
  const workers = [worker(fixture.store.db), worker(second.db)];
  const codeOf = (p: Promise<unknown>) =>
    p.then(
      () => 'OK',
      (e: { code?: string }) => e.code ?? 'no code',
    );

  // Four wrong names, alternating workers: each worker saw two, the device has used its four.
  const misses: string[] = [];
  for (let i = 0; i < LIMIT.count; i++) {
    misses.push(await codeOf(workers[i % 2]!.room('kiosk-1', { roomNumber: '412', lastName: `Guess${i}` })));
  }
  assert.deepEqual(misses, Array(LIMIT.count).fill('ROOM_NOT_FOUND'));
  for (const w of workers) {
    const refused = await w.room('kiosk-1', { roomNumber: '412', lastName: 'Wilson' }).catch((e) => e);
    assert.equal(refused.code, 'LOOKUP_THROTTLED', 'the right name waits too, on either worker');
    assert.ok(refused.context.retryAfterSeconds > 0 && refused.context.retryAfterSeconds <= 60);
  }
  assert.equal(
    await codeOf(workers[1]!.credential('kiosk-1', '04A1B2C3')),
    'LOOKUP_THROTTLED',
    'a key card from the throttled device waits as well',
  );

  // Another device has its own count; the first one may try again once the window has passed.
  const other = await workers[0]!.room('kiosk-2', { roomNumber: '412', lastName: 'Wilson' });
  assert.equal(other.scope, 'guest');
  fixture.clock.set(new Date(fixture.clock.now().getTime() + LIMIT.windowMs + 1000).toISOString());
  const again = await workers[1]!.room('kiosk-1', { roomNumber: '412', lastName: 'wilson' });
  assert.equal(again.stayRef !== '', true);

  // Old misses are forgotten as new ones are recorded: the table does not grow without end.
  assert.equal(
    await codeOf(workers[0]!.room('kiosk-1', { roomNumber: '412', lastName: 'Nope' })),
    'ROOM_NOT_FOUND',
  );
  const kept = await (fixture.store.db as unknown as import('kysely').Kysely<CentralDatabase>)
    .selectFrom('lookup_misses')
    .select(['device_id'])
    .where('device_id', '=', 'kiosk-1')
    .execute();
  assert.equal(kept.length, 1);
});
