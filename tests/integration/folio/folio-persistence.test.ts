import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  createFolioService,
  FOLIO_MIGRATION_TABLE,
  folioMigrations,
  migrateFolio,
  openSqlite,
} from '@roompost/folio';
import Database from 'better-sqlite3';
import { openFolioFixture, seedSmallHotel, testClock } from './folio-fixture.js';

async function postOneCharge(t: Parameters<typeof openFolioFixture>[0]) {
  const fixture = await openFolioFixture(t);
  const { stayRef } = await seedSmallHotel(fixture.folio);
  const result = await fixture.folio.postCharge({
    chargeId: 'c-1',
    stayRef,
    roomNumber: '412',
    outletCode: 'BAR',
    checkNumber: '7',
    description: 'Bar',
    currency: 'USD',
    subtotalMinor: 1_000,
    taxMinor: 89,
    tipMinor: 0,
    postedBy: 'EMP-1',
  });
  return { ...fixture, result };
}

test('the database refuses to UPDATE a posting', async (t) => {
  const { store, result } = await postOneCharge(t);

  await assert.rejects(
    store.db
      .updateTable('postings')
      .set({ amount_minor: 1 })
      .where('id', '=', result.postingIds[0]!)
      .execute(),
    { code: 'SQLITE_CONSTRAINT_TRIGGER', message: /immutable/ },
  );
  assert.equal(
    (
      await store.db
        .selectFrom('postings')
        .select('amount_minor')
        .where('id', '=', result.postingIds[0]!)
        .executeTakeFirst()
    )?.amount_minor,
    1_000,
  );
});

test('the database refuses to DELETE a posting', async (t) => {
  const { store, folio, result } = await postOneCharge(t);

  await assert.rejects(store.db.deleteFrom('postings').execute(), { code: 'SQLITE_CONSTRAINT_TRIGGER' });
  assert.equal((await folio.listPostings({ chargeRef: 'c-1' })).length, 2);
  assert.equal(result.postingIds.length, 2);
});

test('the database refuses to UPDATE or DELETE a charge receipt', async (t) => {
  const { store } = await postOneCharge(t);

  await assert.rejects(store.db.updateTable('charge_receipts').set({ total_minor: 0 }).execute(), {
    code: 'SQLITE_CONSTRAINT_TRIGGER',
  });
  await assert.rejects(store.db.deleteFrom('charge_receipts').execute(), {
    code: 'SQLITE_CONSTRAINT_TRIGGER',
  });
});

test('openSqlite turns on WAL, synchronous FULL, foreign keys and a busy timeout', async (t) => {
  const { dir } = await openFolioFixture(t);
  const store = openSqlite<PragmaTables>(join(dir, 'pragmas.sqlite'));
  t.after(() => store.close());

  // SQLite's table-valued pragma functions read the settings of this very connection.
  const { db } = store;
  const journal = await db.selectFrom('pragma_journal_mode').selectAll().executeTakeFirstOrThrow();
  const synchronous = await db.selectFrom('pragma_synchronous').selectAll().executeTakeFirstOrThrow();
  const foreignKeys = await db.selectFrom('pragma_foreign_keys').selectAll().executeTakeFirstOrThrow();
  const busy = await db.selectFrom('pragma_busy_timeout').selectAll().executeTakeFirstOrThrow();
  assert.equal(journal.journal_mode, 'wal');
  assert.equal(synchronous.synchronous, 2); // FULL
  assert.equal(foreignKeys.foreign_keys, 1);
  assert.equal(busy.timeout, 5000);
});

test('openSqlite with synchronous NORMAL sets NORMAL', async (t) => {
  const { dir } = await openFolioFixture(t);
  const store = openSqlite<PragmaTables>(join(dir, 'normal.sqlite'), { synchronous: 'NORMAL' });
  t.after(() => store.close());

  assert.equal(
    (await store.db.selectFrom('pragma_synchronous').selectAll().executeTakeFirstOrThrow()).synchronous,
    1,
  );
});

test('foreign keys are enforced on the folio tables', async (t) => {
  const { store, folio } = await openFolioFixture(t);
  await seedSmallHotel(folio);

  await assert.rejects(
    store.db.insertInto('rooms').values({ id: 'r', number: '999', room_type_id: 'nope' }).execute(),
    {
      code: 'SQLITE_CONSTRAINT_FOREIGNKEY',
    },
  );
});

test('a transaction holds the write lock from BEGIN, so another connection cannot slip a write in', async (t) => {
  const { store, file } = await openFolioFixture(t);
  const other = new Database(file, { timeout: 0 });
  t.after(() => other.close());

  await store.db.transaction().execute(async (trx) => {
    await trx.selectFrom('property').selectAll().execute(); // a read only, yet the lock is already held
    assert.throws(() => other.exec('begin immediate'), { code: 'SQLITE_BUSY' });
  });
  other.exec('begin immediate');
  other.exec('rollback');
});

test('folio migrations keep their own bookkeeping tables and run once', async (t) => {
  const { store, file } = await openFolioFixture(t);

  const again = await migrateFolio(store.db);

  assert.deepEqual(again.results, []);
  const raw = new Database(file, { readonly: true });
  t.after(() => raw.close());
  const applied = raw.prepare(`select name from ${FOLIO_MIGRATION_TABLE} order by name`).pluck().all();
  assert.deepEqual(applied, Object.keys(folioMigrations));
  assert.equal(
    raw.prepare("select count(*) from sqlite_master where name = 'kysely_migration'").pluck().get(),
    0,
  );
});

test('every folio migration can be rolled back and applied again', async (t) => {
  const { store, file } = await openFolioFixture(t);
  const names = Object.keys(folioMigrations).reverse();
  for (const name of names) await folioMigrations[name]!.down!(store.db);
  const raw = new Database(file, { readonly: true });
  const left = raw
    .prepare(
      "select name from sqlite_master where type in ('table', 'trigger') and name not like 'folio_migration%'",
    )
    .all();
  raw.close();
  assert.deepEqual(left, []);

  for (const name of names.reverse()) await folioMigrations[name]!.up(store.db);
  await seedSmallHotel(createFolioService(store.db, { clock: testClock() }));
});

interface PragmaTables {
  pragma_journal_mode: { journal_mode: string };
  pragma_synchronous: { synchronous: number };
  pragma_foreign_keys: { foreign_keys: number };
  pragma_busy_timeout: { timeout: number };
}
