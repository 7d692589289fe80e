// QueryTemplate: a kysely query compiled once and run with other values, on the database and in
// its transactions; and the power-of-two helpers that keep bulk statements few.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { InsertTemplate, openSqlite, QueryTemplate } from '@roompost/folio';
import { sql } from 'kysely';
import { inLists, paddedToPowerOfTwo, powerOfTwoChunks } from '../../../folio/src/persistence/batches.js';

interface Db {
  t: { id: string; amount: number; note: string | null; kind: string };
}

test('a template compiles once and binds each call’s values by name, constants kept', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-template-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const store = openSqlite<Db>(join(dir, 't.sqlite'));
  t.after(() => store.close());
  await sql`create table t (id text primary key, amount integer not null, note text, kind text not null)`.execute(
    store.db,
  );
  let builds = 0;
  const insert = new QueryTemplate<{ id: string; amount: number; note: string | null }, never>(
    ['id', 'amount', 'note'],
    ({ id, amount, note }) => {
      builds++;
      // `kind` is a constant of the query, not an argument: it stays as compiled.
      return store.db
        .insertInto('t')
        .values({ amount, note, id, kind: 'fixed' })
        .onConflict((oc) => oc.column('id').doNothing());
    },
  );

  const first = await insert.execute(store.db, { id: 'a', amount: 5, note: 'x' });
  await store.db.transaction().execute(async (trx) => {
    await insert.execute(trx, { id: 'b', amount: 7, note: null });
  });
  const again = await insert.execute(store.db, { id: 'a', amount: 9, note: 'y' });

  assert.equal(builds, 1);
  assert.equal(first.numAffectedRows, 1n);
  assert.equal(again.numAffectedRows, 0n);
  assert.deepEqual(await store.db.selectFrom('t').selectAll().orderBy('id').execute(), [
    { id: 'a', amount: 5, note: 'x', kind: 'fixed' },
    { id: 'b', amount: 7, note: null, kind: 'fixed' },
  ]);
});

test('an insert template compiles once per row count and writes each row’s values; other rows go through kysely', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'roompost-template-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  const store = openSqlite<Db>(join(dir, 't.sqlite'));
  t.after(() => store.close());
  await sql`create table t (id text primary key, amount integer not null, note text, kind text not null default 'std')`.execute(
    store.db,
  );
  const sizes: number[] = [];
  const insert = new InsertTemplate<Partial<Db['t']>, { id: string }>(
    ['id', 'amount', 'note', 'kind'],
    (rows) => {
      sizes.push(rows.length);
      return store.db
        .insertInto('t')
        .values(rows as Db['t'][])
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id');
    },
  );
  const row = (id: string, amount: number) => ({ id, amount, note: amount % 2 ? null : `n${id}`, kind: 'k' });
  const first = await insert.execute(store.db, [row('a', 1), row('b', 2)]);
  await store.db.transaction().execute(async (trx) => {
    // 'a' again: ignored, and not returned.
    const second = await insert.execute(trx, [row('c', 3), row('a', 9)]);
    assert.deepEqual(second.rows, [{ id: 'c' }]);
  });
  await insert.execute(store.db, [row('d', 4), row('e', 5), row('f', 6), row('g', 7)]);
  // A row without `kind` (the default applies) and one with `undefined`: compiled by kysely as given.
  await insert.execute(store.db, [
    { id: 'h', amount: 8, note: null },
    { id: 'i', amount: 10, note: null },
  ]);
  await insert.execute(store.db, [{ id: 'j', amount: 11, note: null, kind: undefined }]);

  assert.deepEqual(first.rows, [{ id: 'a' }, { id: 'b' }]);
  // One compile for 2 rows, one for 4, then one per call that does not fit the template.
  assert.deepEqual(sizes, [2, 4, 2, 1]);
  assert.deepEqual(await store.db.selectFrom('t').selectAll().orderBy('id').execute(), [
    { id: 'a', amount: 1, note: null, kind: 'k' },
    { id: 'b', amount: 2, note: 'nb', kind: 'k' },
    { id: 'c', amount: 3, note: null, kind: 'k' },
    { id: 'd', amount: 4, note: 'nd', kind: 'k' },
    { id: 'e', amount: 5, note: null, kind: 'k' },
    { id: 'f', amount: 6, note: 'nf', kind: 'k' },
    { id: 'g', amount: 7, note: null, kind: 'k' },
    { id: 'h', amount: 8, note: null, kind: 'std' },
    { id: 'i', amount: 10, note: null, kind: 'std' },
    { id: 'j', amount: 11, note: null, kind: 'std' },
  ]);
});

test('a template refuses an argument that does not reach the query as a value', () => {
  const store = openSqlite<Db>(':memory:');
  try {
    assert.throws(
      () =>
        new QueryTemplate<{ id: string; unused: string }, never>(['id', 'unused'], ({ id }) =>
          store.db.selectFrom('t').selectAll().where('id', '=', id),
        ),
      /unused not bound/,
    );
  } finally {
    store.close();
  }
});

test('power-of-two chunks keep order and sizes; IN-lists are distinct, padded and bounded', () => {
  const rows = Array.from({ length: 100 }, (_, i) => i);
  const chunks = powerOfTwoChunks(rows, 64);
  assert.deepEqual(
    chunks.map((c) => c.length),
    [64, 32, 4],
  );
  assert.deepEqual(chunks.flat(), rows);
  assert.deepEqual(powerOfTwoChunks([], 64), []);
  assert.deepEqual(paddedToPowerOfTwo(['a', 'b', 'c']), ['a', 'b', 'c', 'c']);
  assert.deepEqual(paddedToPowerOfTwo([]), []);
  const lists = inLists(['x', 'y', 'x', ...Array.from({ length: 600 }, (_, i) => `k${i}`)], 512);
  assert.deepEqual(
    lists.map((l) => l.length),
    [512, 128],
  );
  assert.equal(new Set(lists.flat()).size, 602);
});
