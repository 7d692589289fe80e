// Opens a SQLite file for kysely with the pragmas every roompost store relies on. Edge and central both
// open their files here; the folio tables live in central's file next to central's own.
import { createRequire } from 'node:module';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type SqliteDatabase,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';
import { cachingStatements } from './statement-cache.js';
import type { WalCheckpointer } from './wal-checkpointer.js';
import { WalSyncSqliteDriver } from './wal-sync-driver.js';

/** The part of better-sqlite3 we use beyond what kysely needs; better-sqlite3 is loaded only on open. */
interface SqliteHandle extends SqliteDatabase {
  pragma(source: string): unknown;
}
type SqliteConstructor = new (file: string) => SqliteHandle;

/**
 * SQLite's page cache per connection, KiB: SQLite's own default. better-sqlite3 is built with 16 MB
 * (SQLITE_DEFAULT_CACHE_SIZE=-16000), which a file larger than that (central's in the benchmarks:
 * 25 MB) fills during a backlog and keeps: 16 MB of central's resident memory, not given back by
 * `PRAGMA shrink_memory` either (the freed pages stay inside glibc's heap among live allocations).
 * A page not in the cache is read from the kernel's page cache: 0.4 more reads a charge in an
 * ingest burst (2,668 against 1,860 for 2,000 charges), a few microseconds each (docs/performance.md).
 */
const PAGE_CACHE_KIB = 2000;

export interface OpenSqliteOptions {
  /** FULL (default) fsyncs every commit: a confirmed charge survives power loss. NORMAL for telemetry. */
  synchronous?: 'FULL' | 'NORMAL';
  /**
   * With `synchronous` FULL: commit durably as FULL does, but fsync the WAL on the thread pool instead
   * of inside SQLite on the event loop (wal-sync-driver.ts): every statement's promise still resolves
   * only after what it wrote or read is on disk, and the process keeps working during the fsync.
   */
  fsyncOffThread?: boolean;
}

export interface SqliteStore<DB> {
  db: Kysely<DB>;
  /**
   * With `fsyncOffThread`: the same connection, whose plain reads do not wait for commits still being
   * synced (WalSyncSqliteDriver.unsyncedReads), for answers nothing is written on. Otherwise `db`.
   */
  unsyncedReads: Kysely<DB>;
  /** With `fsyncOffThread`: the worker-thread checkpoints of the file (wal-checkpointer.ts). */
  walCheckpoints?: WalCheckpointer | undefined;
  close(): Promise<void>;
}

export function openSqlite<DB>(file: string, opts: OpenSqliteOptions = {}): SqliteStore<DB> {
  const synchronous = opts.synchronous ?? 'FULL';
  if (synchronous !== 'FULL' && synchronous !== 'NORMAL') {
    throw new RangeError(`synchronous must be FULL or NORMAL, got ${String(synchronous)}`);
  }
  const require = createRequire(import.meta.url);
  const Database = require('better-sqlite3') as SqliteConstructor;
  const handle = new Database(file);
  // Needs a WAL file of its own: not for an in-memory database.
  const offThread =
    opts.fsyncOffThread === true && synchronous === 'FULL' && file !== ':memory:' && file !== '';
  try {
    handle.pragma('journal_mode = WAL');
    // Off the thread: SQLite skips the fsync at commit and the driver does it (see WalSyncSqliteDriver).
    handle.pragma(`synchronous = ${offThread ? 'NORMAL' : synchronous}`);
    handle.pragma('foreign_keys = ON');
    handle.pragma('busy_timeout = 5000');
    handle.pragma(`cache_size = -${PAGE_CACHE_KIB}`);
    // Off the thread: checkpoints too, on a worker thread while the file is written (wal-checkpointer.ts).
    if (offThread) handle.pragma('wal_autocheckpoint = 0');
  } catch (error) {
    handle.close();
    throw error;
  }
  const database = cachingStatements(handle);
  if (!offThread) {
    const db = new Kysely<DB>({ dialect: new ImmediateSqliteDialect({ database }) });
    return { db, unsyncedReads: db, close: () => db.destroy() };
  }
  const driver = new WalSyncSqliteDriver(database, file, {
    sqliteModule: require.resolve('better-sqlite3'),
    enableAutoCheckpoint: () => handle.pragma('wal_autocheckpoint = 1000'),
  });
  const db = new Kysely<DB>({ dialect: new WalSyncSqliteDialect(database, driver) });
  const unsyncedReads = new Kysely<DB>({
    dialect: new WalSyncSqliteDialect(database, driver.unsyncedReads()),
  });
  return { db, unsyncedReads, walCheckpoints: driver.checkpoints, close: () => db.destroy() };
}

/** SQLite's kysely dialect over a WalSyncSqliteDriver or its `unsyncedReads()` (transactions begin immediate). */
class WalSyncSqliteDialect extends SqliteDialect {
  readonly #driver: Driver;

  constructor(database: SqliteDatabase, driver: Driver) {
    super({ database });
    this.#driver = driver;
  }

  override createDriver(): Driver {
    return this.#driver;
  }
}

/**
 * Every kysely transaction starts with BEGIN IMMEDIATE. Our transactions read then write (idempotency
 * check, balance, insert); a deferred BEGIN would take the write lock only at the first write, and if
 * another connection committed in between SQLite fails at once with SQLITE_BUSY_SNAPSHOT instead of
 * waiting for busy_timeout (sqlite.org/lang_transaction.html, "Deferred, immediate and exclusive").
 */
class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): SqliteDriver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}
