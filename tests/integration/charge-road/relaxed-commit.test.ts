// Commits that do not wait for the disk (the edge's PUBACK and status records, the last receipt):
// still atomic and visible to other connections at once, and the connection's own durable setting
// is back before any other statement runs on it, also when the transaction fails.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { GroupCommit, openSqlite, relaxedTransaction } from '@roompost/folio';
import { type Kysely, sql } from 'kysely';

interface Db {
  t: { id: string; n: number };
}

async function store(t: { after(fn: () => Promise<void>): void }) {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-relaxed-'));
  const file = join(dir, 'store.sqlite');
  const { db, close } = openSqlite<Db>(file);
  await sql`create table t (id text primary key, n integer not null check (n >= 0))`.execute(db);
  t.after(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (
    f: string,
    o: { readonly: boolean },
  ) => { prepare(s: string): { all(): unknown[] }; close(): void };
  const reader = new Database(file, { readonly: true });
  t.after(async () => reader.close());
  return { db, committed: () => reader.prepare('select id from t order by id').all() };
}

const level = async (db: Kysely<Db>) =>
  Number((await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous);

test('a relaxed transaction commits atomically and the connection is FULL again before the next statement', async (t) => {
  const { db, committed } = await store(t);
  assert.equal(await level(db), 2, 'stores open with synchronous = FULL');
  let release: () => void = () => {};
  const relaxed = relaxedTransaction(db, async (trx) => {
    assert.equal(await level(trx as unknown as Kysely<Db>), 1, 'NORMAL inside');
    await trx.insertInto('t').values({ id: 'a', n: 1 }).execute();
    await new Promise<void>((r) => {
      release = r;
    });
    await trx.insertInto('t').values({ id: 'b', n: 1 }).execute();
  });
  // A statement issued while the relaxed transaction holds the connection runs after it, under FULL.
  const during = level(db);
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(committed(), [], 'nothing visible before the commit');
  release();
  await relaxed;
  assert.equal(await during, 2);
  assert.deepEqual(committed(), [{ id: 'a' }, { id: 'b' }]);
});

test('a failed relaxed transaction keeps nothing and still restores FULL', async (t) => {
  const { db, committed } = await store(t);
  await assert.rejects(
    relaxedTransaction(db, async (trx) => {
      await trx.insertInto('t').values({ id: 'a', n: 1 }).execute();
      await trx.insertInto('t').values({ id: 'b', n: -1 }).execute(); // violates the check
    }),
    /CHECK constraint/,
  );
  assert.deepEqual(committed(), []);
  assert.equal(await level(db), 2);
});

test('a non-durable group commit: a bad write fails alone, the others commit, FULL afterwards', async (t) => {
  const { db, committed } = await store(t);
  const group = new GroupCommit(db, (trx, row: Db['t']) => trx.insertInto('t').values(row).execute(), 500, {
    durable: false,
  });
  const results = await Promise.allSettled([
    group.submit({ id: 'a', n: 1 }),
    group.submit({ id: 'b', n: -1 }),
    group.submit({ id: 'c', n: 2 }),
  ]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
  assert.deepEqual(committed(), [{ id: 'a' }, { id: 'c' }]);
  assert.equal(await level(db), 2);
});
