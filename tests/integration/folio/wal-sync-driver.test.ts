// openSqlite with `fsyncOffThread`: commits are made durable by an fsync of the WAL on the thread
// pool. A real SQLite file; the FileHandle's datasync is observed (and held back, or failed) to check
// that no promise resolves before the fsync that covers it, and that the connection is free meanwhile.
import assert from 'node:assert/strict';
import { fstatSync, mkdtempSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql } from 'kysely';
import { openSqlite } from '../../../folio/src/persistence/sqlite.js';
import { WalSync } from '../../../folio/src/persistence/wal-sync-driver.js';

interface Db {
  t: { id: number; name: string };
}

interface Reader {
  prepare(s: string): { all(): unknown[]; get(): unknown };
  close(): void;
}

// Every datasync of a FileHandle in this process goes through `gate`: the test sees when each starts
// and decides when (and whether) it finishes.
const handleProto = await (async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wal-sync-proto-'));
  const fh = await open(join(dir, 'x'), 'w');
  const proto = Object.getPrototypeOf(fh) as { datasync: () => Promise<void> };
  await fh.close();
  rmSync(dir, { recursive: true });
  return proto;
})();
const realDatasync = handleProto.datasync;
let gate: (() => Promise<void>) | null = null;
const syncs: string[] = [];
/** The inode of each file synced, in order. */
const syncedInodes: number[] = [];
handleProto.datasync = async function (this: { fd: number }) {
  syncs.push('start');
  syncedInodes.push(fstatSync(this.fd).ino);
  if (gate) await gate();
  await realDatasync.call(this);
  syncs.push('end');
};

function held() {
  let release!: () => void;
  let fail!: (e: Error) => void;
  const p = new Promise<void>((res, rej) => {
    release = res;
    fail = rej;
  });
  return { wait: () => p, release, fail };
}

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'wal-sync-'));
  const file = join(dir, 'x.sqlite');
  const store = openSqlite<Db>(file, { fsyncOffThread: true });
  await sql`create table t (id integer primary key, name text not null)`.execute(store.db);
  const Database = createRequire(import.meta.url)('better-sqlite3') as new (f: string) => Reader;
  const other = new Database(file);
  return {
    db: store.db,
    unsynced: store.unsyncedReads,
    /** Rows as a second connection sees them (what is committed, synced or not). */
    committed: () =>
      (other.prepare('select id from t order by id').all() as Array<{ id: number }>).map((r) => r.id),
    done: async () => {
      gate = null;
      other.close();
      await store.close();
      rmSync(dir, { recursive: true });
    },
  };
}

const settledFlag = (p: Promise<unknown>) => {
  const s = { done: false, error: undefined as unknown };
  p.then(
    () => {
      s.done = true;
    },
    (e) => {
      s.error = e;
    },
  );
  return s;
};
const turn = () => new Promise((r) => setTimeout(r, 20));

test('SQLite runs synchronous=NORMAL in WAL mode; the driver does the fsync', async () => {
  const s = await setup();
  const rows = await sql<{ synchronous: number }>`pragma synchronous`.execute(s.db);
  assert.equal(rows.rows[0]?.synchronous, 1);
  const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(s.db);
  assert.equal(mode.rows[0]?.journal_mode, 'wal');
  await s.done();
});

test('a commit resolves only after an fsync that started after it; the connection is free meanwhile', async () => {
  const s = await setup();
  const h = held();
  gate = h.wait;
  syncs.length = 0;
  const first = s.db
    .transaction()
    .execute((trx) => trx.insertInto('t').values({ id: 1, name: 'a' }).execute());
  const firstState = settledFlag(first);
  await turn();
  assert.deepEqual(s.committed(), [1], 'committed to the WAL');
  assert.deepEqual(syncs, ['start'], 'its fsync started');
  assert.equal(firstState.done, false, 'not answered before the fsync ends');

  // The connection is not held by the waiting commit: a second transaction commits meanwhile.
  gate = null;
  const second = s.db
    .transaction()
    .execute((trx) => trx.insertInto('t').values({ id: 2, name: 'b' }).execute());
  const secondState = settledFlag(second);
  await turn();
  assert.deepEqual(s.committed(), [1, 2]);
  assert.equal(secondState.done, false, 'its fsync waits for the running one, then runs again');
  // A read outside a transaction while commits are not yet on disk waits for them too.
  const read = s.db.selectFrom('t').select('id').execute();
  const readState = settledFlag(read);
  await turn();
  assert.equal(readState.done, false, 'a read never sees what a crash could still take away');

  h.release();
  await Promise.all([first, second, read]);
  assert.deepEqual(
    (await read).map((r) => r.id),
    [1, 2],
  );
  // The second commit came after the first fsync had started: it needed one of its own.
  assert.deepEqual(syncs, ['start', 'end', 'start', 'end']);
  await s.done();
});

test('commits made while an fsync runs share the next one; writes outside a transaction wait too', async () => {
  const s = await setup();
  const h = held();
  gate = h.wait;
  syncs.length = 0;
  const first = s.db.insertInto('t').values({ id: 1, name: 'a' }).execute();
  await turn();
  gate = null;
  const many = Array.from({ length: 20 }, (_, i) =>
    s.db.transaction().execute((trx) =>
      trx
        .insertInto('t')
        .values({ id: 10 + i, name: 'x' })
        .execute(),
    ),
  );
  await turn();
  assert.equal(s.committed().length, 21, 'all committed while the first fsync is held');
  h.release();
  await Promise.all([first, ...many]);
  assert.deepEqual(syncs, ['start', 'end', 'start', 'end'], 'twenty commits, one fsync');
  // Nothing pending: a read answers without any fsync.
  await s.db.selectFrom('t').select('id').execute();
  assert.equal(syncs.length, 4);
  await s.done();
});

test('a failed fsync fails the commit waiting for it and every later one', async () => {
  const s = await setup();
  const h = held();
  gate = h.wait;
  const first = s.db
    .transaction()
    .execute((trx) => trx.insertInto('t').values({ id: 1, name: 'a' }).execute());
  const firstState = settledFlag(first);
  await turn();
  h.fail(Object.assign(new Error('EIO'), { code: 'EIO' }));
  await turn();
  assert.ok(firstState.error instanceof Error, 'the commit waiting for the failed fsync fails');
  gate = null;
  await assert.rejects(
    s.db.transaction().execute((trx) => trx.insertInto('t').values({ id: 2, name: 'b' }).execute()),
    /fsync .* failed/,
  );
  await assert.rejects(s.db.selectFrom('t').select('id').execute(), /fsync .* failed/);
  await s.done();
});

test('a transaction that fails is rolled back and waits for nothing', async () => {
  const s = await setup();
  await s.db.insertInto('t').values({ id: 1, name: 'a' }).execute();
  syncs.length = 0;
  await assert.rejects(
    s.db.transaction().execute(async (trx) => {
      await trx.insertInto('t').values({ id: 2, name: 'b' }).execute();
      await trx.insertInto('t').values({ id: 1, name: 'dup' }).execute();
    }),
    (e: { code?: string }) => e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY',
  );
  assert.deepEqual(s.committed(), [1]);
  assert.deepEqual(syncs, []);
  await s.done();
});

test('unsyncedReads: a read answers without waiting for a commit being synced; its writes still wait', async () => {
  const s = await setup();
  const h = held();
  gate = h.wait;
  syncs.length = 0;
  const first = s.db
    .transaction()
    .execute((trx) => trx.insertInto('t').values({ id: 1, name: 'a' }).execute());
  const firstState = settledFlag(first);
  await turn();
  assert.equal(firstState.done, false, 'the commit waits for its fsync');

  // A room lookup's read: it sees the commit at once (its maker has not been answered yet).
  const rows = await s.unsynced.selectFrom('t').select('id').execute();
  assert.deepEqual(
    rows.map((r) => r.id),
    [1],
  );
  assert.equal(firstState.done, false, 'answering the read did not end the fsync');
  // The waiting store's read on the same connection still waits.
  const durableRead = settledFlag(s.db.selectFrom('t').select('id').execute());
  // A write through unsyncedReads is held like any other until it is on disk.
  gate = null;
  const write = settledFlag(s.unsynced.insertInto('t').values({ id: 2, name: 'b' }).execute());
  await turn();
  assert.equal(durableRead.done, false);
  assert.equal(write.done, false, 'a write is answered only once it is on disk');
  h.release();
  await first;
  while (!write.done || !durableRead.done) await turn();
  assert.deepEqual(syncs, ['start', 'end', 'start', 'end']);

  // After a failed fsync no read is answered, waiting or not.
  const failing = held();
  gate = failing.wait;
  const third = settledFlag(s.db.insertInto('t').values({ id: 3, name: 'c' }).execute());
  await turn();
  failing.fail(Object.assign(new Error('EIO'), { code: 'EIO' }));
  await turn();
  assert.ok(third.error instanceof Error);
  await assert.rejects(s.unsynced.selectFrom('t').select('id').execute(), /fsync .* failed/);
  await s.done();
});

test('checkpoints run on a worker thread: the WAL stays bounded under a stream of commits and is truncated once idle', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wal-ckpt-'));
  const file = join(dir, 'x.sqlite');
  const store = openSqlite<Db>(file, { fsyncOffThread: true });
  try {
    const auto = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
    assert.equal(auto.rows[0]?.wal_autocheckpoint, 0, 'SQLite does not checkpoint inside a commit');
    await sql`create table t (id integer primary key, name text not null)`.execute(store.db);
    const N = 6_000;
    const name = 'x'.repeat(600);
    let largest = 0;
    for (let base = 0; base < N; base += 500) {
      // 500 commits at a time (they share fsyncs), each at least one WAL frame of 4 KiB.
      await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          store.db.transaction().execute((trx) =>
            trx
              .insertInto('t')
              .values({ id: base + i, name })
              .execute(),
          ),
        ),
      );
      largest = Math.max(largest, statSync(`${file}-wal`).size);
    }
    const stats = store.walCheckpoints?.stats;
    assert.ok(stats && stats.passive > 0, 'checkpoints ran during the stream');
    assert.ok(
      largest < N * 4096 * 0.75,
      `the WAL started over during the stream (largest ${largest} bytes for ${N} commits)`,
    );
    // Idle for a second: the WAL is checkpointed whole, truncated, and the worker ends.
    const deadline = Date.now() + 5_000;
    while (stats.truncate === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.equal(stats.truncate, 1);
    assert.equal(statSync(`${file}-wal`).size, 0, 'the WAL file is back to 0 bytes');
    assert.equal(stats.workers, 1, 'one worker for the whole stream');
    const Database = createRequire(import.meta.url)('better-sqlite3') as new (f: string) => Reader;
    const other = new Database(file);
    assert.deepEqual(
      other.prepare('select count(*) as n from t').get(),
      { n: N },
      'every row is in the file',
    );
    other.close();
    // The next write brings a worker back.
    await store.db.insertInto('t').values({ id: N, name }).execute();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true });
  }
});

test('the WAL file is kept open between syncs; one deleted and created again under its name is the one synced', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wal-sync-file-'));
  const wal = join(dir, 'x.sqlite-wal');
  const sync = new WalSync(wal);
  try {
    writeFileSync(wal, 'first');
    const first = statSync(wal).ino;
    syncedInodes.length = 0;
    sync.wrote();
    await sync.durable();
    sync.wrote();
    await sync.durable();
    // As SQLite does when its last connection closes and a new one starts a WAL.
    unlinkSync(wal);
    writeFileSync(wal, 'second');
    const second = statSync(wal).ino;
    sync.wrote();
    await sync.durable();
    assert.deepEqual(syncedInodes, [first, first, second]);
  } finally {
    await sync.close();
    rmSync(dir, { recursive: true });
  }
});
