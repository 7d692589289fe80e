import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  createFolioService,
  FOLIO_MIGRATION_TABLE,
  folioMigrations,
  migrateFolio,
  openSqlite,
  TRANSACTION_LOCK_KEY,
} from '@roompost/folio';
import Database from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { dbErrorCode, testDatabaseKind } from '../../support/test-database.js';
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
    { code: dbErrorCode('immutable'), message: /immutable/ },
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

  await assert.rejects(store.db.deleteFrom('postings').execute(), { code: dbErrorCode('immutable') });
  assert.equal((await folio.listPostings({ chargeRef: 'c-1' })).length, 2);
  assert.equal(result.postingIds.length, 2);
});

test('the database refuses to UPDATE or DELETE a charge receipt', async (t) => {
  const { store } = await postOneCharge(t);

  await assert.rejects(store.db.updateTable('charge_receipts').set({ total_minor: 0 }).execute(), {
    code: dbErrorCode('immutable'),
  });
  await assert.rejects(store.db.deleteFrom('charge_receipts').execute(), {
    code: dbErrorCode('immutable'),
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
      code: dbErrorCode('foreignKey'),
    },
  );
});

test('a transaction holds the write lock from BEGIN, so another connection cannot slip a write in', async (t) => {
  const { store, file } = await openFolioFixture(t);
  if (testDatabaseKind() === 'postgres') {
    // Every transaction takes the same advisory lock first: another worker's transaction waits for it.
    const other = new pg.Client({ connectionString: file });
    other.on('error', () => {}); // ended by the database's drop if the test fails early
    await other.connect();
    t.after(() => other.end());
    const tryLock = async () =>
      (
        await other.query<{ got: boolean }>('select pg_try_advisory_lock($1) as got', [
          String(TRANSACTION_LOCK_KEY),
        ])
      ).rows[0]?.got;
    await store.db.transaction().execute(async (trx) => {
      await trx.selectFrom('property').selectAll().execute();
      assert.equal(await tryLock(), false);
    });
    assert.equal(await tryLock(), true);
    await other.query('select pg_advisory_unlock_all()');
    return;
  }
  const other = new Database(file, { timeout: 0 });
  t.after(() => other.close());

  await store.db.transaction().execute(async (trx) => {
    await trx.selectFrom('property').selectAll().execute(); // a read only, yet the lock is already held
    assert.throws(() => other.exec('begin immediate'), { code: 'SQLITE_BUSY' });
  });
  other.exec('begin immediate');
  other.exec('rollback');
});

/** Tables and triggers in the store, by name (SQLite's catalogue or PostgreSQL's). */
async function schemaObjects(store: { db: Kysely<unknown> }, file: string): Promise<string[]> {
  if (testDatabaseKind() === 'postgres') {
    const rows = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = 'public'
      union select trigger_name from information_schema.triggers where trigger_schema = 'public'
      order by name`.execute(store.db);
    return rows.rows.map((r) => r.name);
  }
  const raw = new Database(file, { readonly: true });
  try {
    return raw
      .prepare("select name from sqlite_master where type in ('table', 'trigger') order by name")
      .pluck()
      .all() as string[];
  } finally {
    raw.close();
  }
}

test('folio migrations keep their own bookkeeping tables and run once', async (t) => {
  const { store, file } = await openFolioFixture(t);

  const again = await migrateFolio(store.db);

  assert.deepEqual(again.results, []);
  const applied = await sql<{
    name: string;
  }>`select name from ${sql.table(FOLIO_MIGRATION_TABLE)} order by name`.execute(store.db);
  assert.deepEqual(
    applied.rows.map((r) => r.name),
    Object.keys(folioMigrations),
  );
  assert.ok(!(await schemaObjects(store as never, file)).includes('kysely_migration'));
});

test('every folio migration can be rolled back and applied again', async (t) => {
  const { store, file } = await openFolioFixture(t);
  const names = Object.keys(folioMigrations).reverse();
  for (const name of names) await folioMigrations[name]!.down!(store.db);
  const left = (await schemaObjects(store as never, file)).filter((n) => !n.startsWith('folio_migration'));
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
