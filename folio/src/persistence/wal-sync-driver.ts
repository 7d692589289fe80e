// A kysely driver for better-sqlite3 in WAL mode whose commits are made durable by an fsync of the
// WAL file on libuv's thread pool instead of inside SQLite on the event loop.
import { fstatSync } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import { WalCheckpointer } from './wal-checkpointer.js';

/**
 * With `synchronous=FULL`, better-sqlite3 fsyncs the WAL inside every COMMIT, and since it is
 * synchronous the whole process stops for the disk (several milliseconds per commit on a loaded
 * machine; a SQLite commit without the fsync takes under 0.1 ms). This driver runs the connection
 * with `synchronous=NORMAL` (in WAL mode SQLite then writes a commit's frames to the WAL file but
 * does not fsync them; checkpoints still fsync the WAL before and the database after copying) and
 * fsyncs the WAL file itself, on the thread pool, so that the process keeps reading sockets and
 * working while the disk syncs. One fsync covers every commit made before it started, so commits
 * that arrive during a sync share the next one.
 *
 * What callers see is the guarantee of FULL: nothing written or read through this store is observed
 * before it is on disk.
 * - A transaction's commit resolves only after an fsync that started after the COMMIT.
 * - A statement outside a transaction that writes resolves only after an fsync that started after it.
 * - A statement outside a transaction that reads, while some commit is not yet on disk, resolves only
 *   after that commit is (it may have read it): a replay is never answered from a row that a crash
 *   could still take away.
 * - Statements inside a transaction are not held back: what they read reaches the outside world only
 *   through the transaction's commit, which waits for its own fsync (a WAL that lost an earlier
 *   commit never keeps a later one: recovery stops at the first frame whose checksum breaks).
 * `unsyncedReads()` is a second driver on the same connection for answers that nothing durable
 * depends on (a room lookup, re-checked inside the posting transaction): its plain reads do not wait
 * for commits still being synced; its writes and transactions wait as above.
 * The connection is released while a statement waits for the disk, so the next transaction can run
 * meanwhile. A failed fsync fails every later wait too (after a failed fsync the kernel may have
 * dropped the dirty pages, so a later successful one proves nothing): restart the process.
 */
export class WalSyncSqliteDriver implements Driver {
  readonly #database: SqliteDatabase;
  readonly #wal: WalSync;
  readonly #mutex = new Mutex();
  readonly #checkpoints: WalCheckpointer | undefined;

  /**
   * `checkpoints`: the connection runs with `wal_autocheckpoint=0` and its WAL is checkpointed on a
   * worker thread (wal-checkpointer.ts); `enableAutoCheckpoint` gives SQLite its own back if that fails.
   */
  constructor(
    database: SqliteDatabase,
    file: string,
    checkpoints?: { sqliteModule: string; enableAutoCheckpoint: () => void },
  ) {
    this.#database = database;
    this.#wal = new WalSync(`${file}-wal`);
    this.#checkpoints = checkpoints
      ? new WalCheckpointer({
          file,
          sqliteModule: checkpoints.sqliteModule,
          lock: () => this.#mutex.lock(),
          unlock: () => this.#mutex.unlock(),
          fallback: checkpoints.enableAutoCheckpoint,
        })
      : undefined;
  }

  /** The worker-thread checkpoints of this file, when it has them. */
  get checkpoints(): WalCheckpointer | undefined {
    return this.#checkpoints;
  }

  /** A commit or a write outside a transaction went into the WAL. */
  wrote(): void {
    this.#wal.wrote();
    this.#checkpoints?.wrote();
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return new Lease(this, true);
  }

  /**
   * The same connection, mutex and WAL bookkeeping, for reads that may see a commit whose fsync has
   * not ended: if the process dies first, that commit was never answered to anyone, so whoever made
   * it sends it again. Only for answers nothing is written on (room lookups): a replay's answer, or
   * anything that tells a client its write is safe, goes through the waiting driver. Destroying it
   * does nothing; the main driver closes the file.
   */
  unsyncedReads(): Driver {
    return {
      init: async () => {},
      acquireConnection: async () => {
        await this.#mutex.lock();
        return new Lease(this, false);
      },
      beginTransaction: (c) => this.beginTransaction(c),
      commitTransaction: (c) => this.commitTransaction(c),
      rollbackTransaction: (c) => this.rollbackTransaction(c),
      savepoint: (c, name) => this.savepoint(c, name),
      rollbackToSavepoint: (c, name) => this.rollbackToSavepoint(c, name),
      releaseSavepoint: (c, name) => this.releaseSavepoint(c, name),
      releaseConnection: (c) => this.releaseConnection(c),
      destroy: async () => {},
    };
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    await lease.hold();
    this.run(CompiledQuery.raw('begin immediate'));
    lease.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    this.run(CompiledQuery.raw('commit'));
    lease.inTransaction = false;
    this.wrote();
    lease.let();
    await this.#wal.durable();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    const lease = connection as Lease;
    // A commit that went through but whose fsync failed: nothing is left to roll back.
    if (!lease.inTransaction) return;
    try {
      this.run(CompiledQuery.raw('rollback'));
    } finally {
      lease.inTransaction = false;
    }
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as Lease).let();
  }

  async destroy(): Promise<void> {
    await this.#checkpoints?.close();
    await this.#wal.settled();
    await this.#wal.close();
    this.#database.close();
  }

  /** Runs one statement at once (better-sqlite3 is synchronous); true in `wrote` if it may have written. */
  run(query: CompiledQuery): { result: QueryResult<unknown>; wrote: boolean } {
    const statement = this.#database.prepare(query.sql) as SqliteStatement & { readonly: boolean };
    const parameters = query.parameters as unknown[];
    if (statement.reader) {
      return { result: { rows: statement.all(parameters) as unknown[] }, wrote: !statement.readonly };
    }
    const { changes, lastInsertRowid } = statement.run(parameters);
    return {
      result: {
        numAffectedRows: BigInt(changes),
        insertId: BigInt(lastInsertRowid),
        rows: [],
      },
      wrote: true,
    };
  }

  get wal(): WalSync {
    return this.#wal;
  }

  get mutex(): Mutex {
    return this.#mutex;
  }
}

function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** One use of the single connection by kysely (a query, a transaction, or a `connection()` scope). */
class Lease implements DatabaseConnection {
  readonly #driver: WalSyncSqliteDriver;
  /** False on `unsyncedReads()`: a plain read returns without waiting for the disk. */
  readonly #readsWait: boolean;
  #held = true;
  inTransaction = false;

  constructor(driver: WalSyncSqliteDriver, readsWait: boolean) {
    this.#driver = driver;
    this.#readsWait = readsWait;
  }

  /** Takes the connection again after it was let go while waiting for the disk. */
  async hold(): Promise<void> {
    if (this.#held) return;
    await this.#driver.mutex.lock();
    this.#held = true;
  }

  /** Lets go of the connection (once). */
  let(): void {
    if (!this.#held) return;
    this.#held = false;
    this.#driver.mutex.unlock();
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    await this.hold();
    const { result, wrote } = this.#driver.run(query);
    if (this.inTransaction) return result as QueryResult<R>;
    const wal = this.#driver.wal;
    if (wrote) this.#driver.wrote();
    if (wal.pending && (wrote || this.#readsWait)) {
      this.let();
      await wal.durable();
    } else wal.throwIfFailed();
    return result as QueryResult<R>;
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered by this driver
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries is not supported on this SQLite driver');
  }
}

/** Counts commits and fsyncs of the WAL file; `durable()` waits until everything committed so far is on disk. */
export class WalSync {
  readonly #file: string;
  #written = 0;
  #synced = 0;
  #running: Promise<void> | undefined;
  #failed: unknown;
  /** The WAL file, kept open between syncs (opening and closing it for each was two more trips to the thread pool per commit). */
  #handle: FileHandle | undefined;

  constructor(file: string) {
    this.#file = file;
  }

  wrote(): void {
    this.#written++;
  }

  get pending(): boolean {
    return this.#synced < this.#written;
  }

  /** After a failed fsync nothing read from the file is trusted, waiting or not. */
  throwIfFailed(): void {
    if (this.#failed !== undefined) throw this.#failed;
  }

  /** Resolves once an fsync that started after every commit so far has finished. */
  async durable(): Promise<void> {
    const target = this.#written;
    while (this.#synced < target) {
      if (this.#failed !== undefined) throw this.#failed;
      this.#running ??= this.#syncOnce().finally(() => {
        this.#running = undefined;
      });
      await this.#running;
    }
  }

  /** Waits for a running fsync (before the file is closed). */
  async settled(): Promise<void> {
    await this.#running?.catch(() => {});
  }

  /** Closes the WAL file's handle (after `settled`). */
  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    await handle?.close().catch(() => {});
  }

  async #syncOnce(): Promise<void> {
    const target = this.#written;
    try {
      // SQLite may delete the WAL file (when its last connection closes) and create a new one under
      // the same name: a kept handle whose file has no name left is replaced by the file the name
      // holds now (fstat on the event loop: no disk access, about a microsecond).
      let handle = this.#handle;
      if (handle && fstatSync(handle.fd).nlink === 0) {
        this.#handle = undefined;
        await handle.close().catch(() => {});
        handle = undefined;
      }
      if (!handle) {
        handle = await open(this.#file, 'r+');
        this.#handle = handle;
      }
      await handle.datasync();
    } catch (error) {
      this.#failed = new Error(`fsync of ${this.#file} failed: committed writes may not be on disk`, {
        cause: error,
      });
      throw this.#failed;
    }
    this.#synced = Math.max(this.#synced, target);
  }
}

/** First come, first served; an unlock hands the connection to the next waiter (no stampede of retries). */
class Mutex {
  #locked = false;
  readonly #waiters: Array<() => void> = [];

  lock(): Promise<void> {
    if (!this.#locked) {
      this.#locked = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  unlock(): void {
    const next = this.#waiters.shift();
    if (next) next();
    else this.#locked = false;
  }
}
