import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Kysely, type SqliteDatabase, SqliteDialect, sql } from 'kysely';
import { cachingStatements } from '../../../folio/src/persistence/statement-cache.js';

interface Db {
  t: { id: number; name: string };
}

function open() {
  const dir = mkdtempSync(join(tmpdir(), 'stmt-cache-'));
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (f: string) => SqliteDatabase;
  const handle = new Database(join(dir, 'x.db'));
  let prepares = 0;
  const counting: SqliteDatabase = {
    close: () => handle.close(),
    prepare(text) {
      prepares++;
      return handle.prepare(text);
    },
  };
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: cachingStatements(counting, 3) }) });
  return {
    db,
    prepares: () => prepares,
    done: async () => {
      await db.destroy();
      rmSync(dir, { recursive: true });
    },
  };
}

test('a query run again reuses its prepared statement, in and out of transactions', async () => {
  const s = open();
  await sql`create table t (id integer primary key, name text not null)`.execute(s.db);
  const before = s.prepares();
  for (let i = 0; i < 50; i++)
    await s.db
      .insertInto('t')
      .values({ id: i, name: `n${i}` })
      .execute();
  await s.db.transaction().execute(async (trx) => {
    for (let i = 50; i < 60; i++)
      await trx
        .insertInto('t')
        .values({ id: i, name: `n${i}` })
        .execute();
  });
  const rows = await s.db.selectFrom('t').selectAll().where('id', '>=', 55).orderBy('id').execute();
  assert.deepEqual(
    rows.map((r) => r.id),
    [55, 56, 57, 58, 59],
  );
  // insert + begin + commit + select: each prepared once, not once per run.
  assert.equal(s.prepares() - before, 4);
  await s.done();
});

test('least recently used statements leave a full cache; a schema change is picked up', async () => {
  const s = open();
  await sql`create table t (id integer primary key, name text not null)`.execute(s.db);
  const q = (n: number) =>
    s.db
      .selectFrom('t')
      .select('id')
      .where(
        'id',
        'in',
        Array.from({ length: n }, (_, i) => i),
      );
  await q(1).execute();
  const afterFirst = s.prepares();
  for (const n of [2, 3, 4]) await q(n).execute(); // pushes q(1) out (cache of 3)
  await q(1).execute();
  assert.equal(s.prepares() - afterFirst, 4);
  await s.db.insertInto('t').values({ id: 1, name: 'a' }).execute();
  const star = () => sql<Record<string, unknown>>`select * from t`.execute(s.db);
  assert.deepEqual(Object.keys((await star()).rows[0] ?? {}), ['id', 'name']);
  await sql`alter table t add column extra text`.execute(s.db);
  const all = await star(); // the cached statement, re-prepared by SQLite for the new schema
  assert.deepEqual(Object.keys(all.rows[0] ?? {}), ['id', 'name', 'extra']);
  await s.done();
});
