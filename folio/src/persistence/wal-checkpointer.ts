// Checkpoints of a WAL-mode SQLite file run on a worker thread instead of inside a commit on the
// event loop.
import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * SQLite checkpoints a WAL file by itself once it holds 1,000 pages (`wal_autocheckpoint`), inside
 * the COMMIT that crossed the mark: it copies the pages into the database file and fsyncs the WAL
 * before and the database after, all synchronously on the event loop (central in a burst: a
 * checkpoint every 100–150 ms, 10–15 ms each). With `wal_autocheckpoint=0` on the writing connection
 * this does it instead, on a second connection in a worker thread that lives only while the file is
 * being written:
 * - once the WAL holds `framesPerCheckpoint` frames (2,000: 8 MB of 4 KiB pages; read from the
 *   wal-index after each commit), `wal_checkpoint(PASSIVE)` on the worker's connection, while
 *   the writer goes on committing (SQLite's own locks keep the two apart; the checkpoint copies only
 *   frames no reader still needs and fsyncs as SQLite always does, so durability does not change);
 * - then the same again while the writer's mutex is held (no transaction open: nothing new to copy
 *   but what came during the first pass), so that the whole WAL is in the database file and the next
 *   commit starts the WAL from its beginning: the WAL stays bounded under a sustained burst. Writes
 *   wait during this short pass; the event loop does not;
 * - once nothing was written for `idleMs`, `wal_checkpoint(TRUNCATE)` (the WAL file back to 0 bytes),
 *   then the worker's connection is closed and the thread ends (an idle service keeps no thread).
 * A trickle of commits never starts a worker until its WAL reaches the mark. If the worker fails,
 * the writing connection gets SQLite's auto-checkpoint back.
 */
export class WalCheckpointer {
  readonly #file: string;
  readonly #sqliteModule: string;
  readonly #lock: () => Promise<void>;
  readonly #unlock: () => void;
  readonly #fallback: () => void;
  readonly #framesPerCheckpoint: number;
  readonly #idleMs: number;
  #worker: Worker | undefined;
  #reply: ((r: CheckpointResult | Error) => void) | undefined;
  #shm: number | undefined;
  readonly #header = Buffer.alloc(4);
  readonly #littleEndian = endianness() === 'LE';
  #running: Promise<void> | undefined;
  #idle: NodeJS.Timeout | undefined;
  #failed = false;
  #closed = false;
  /** Checkpoints run (for tests and diagnostics). */
  readonly stats = { passive: 0, truncate: 0, workers: 0 };

  constructor(options: {
    file: string;
    /** The path better-sqlite3 resolves to (the worker loads the same module). */
    sqliteModule: string;
    /** The writer's mutex: held, no transaction is open on the writing connection. */
    lock: () => Promise<void>;
    unlock: () => void;
    /** Called once if the worker fails: the writing connection checkpoints by itself again. */
    fallback: () => void;
    framesPerCheckpoint?: number;
    idleMs?: number;
  }) {
    this.#file = options.file;
    this.#sqliteModule = options.sqliteModule;
    this.#lock = options.lock;
    this.#unlock = options.unlock;
    this.#fallback = options.fallback;
    this.#framesPerCheckpoint = options.framesPerCheckpoint ?? 2_000;
    this.#idleMs = options.idleMs ?? 1_000;
  }

  /** A commit (or a write outside a transaction) went into the WAL. */
  wrote(): void {
    if (this.#failed || this.#closed) return;
    if (this.#idle) this.#idle.refresh();
    else {
      this.#idle = setTimeout(() => this.#whenIdle(), this.#idleMs);
      this.#idle.unref();
    }
    if (!this.#running && this.#framesInWal() >= this.#framesPerCheckpoint)
      this.#start(() => this.#checkpoint());
  }

  /**
   * The WAL's frame count since it last started over: `mxFrame` of the wal-index header, at byte 16
   * of the `-shm` file in native byte order (sqlite.org/walformat.html). One 4-byte read per commit.
   */
  #framesInWal(): number {
    try {
      this.#shm ??= openSync(`${this.#file}-shm`, 'r');
      if (readSync(this.#shm, this.#header, 0, 4, 16) < 4) return 0;
    } catch {
      return 0;
    }
    return this.#littleEndian ? this.#header.readUInt32LE(0) : this.#header.readUInt32BE(0);
  }

  /** Ends the worker (after a running checkpoint); the file is left as it is. */
  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#idle);
    this.#idle = undefined;
    await this.#running;
    await this.#endWorker();
    if (this.#shm !== undefined) closeSync(this.#shm);
    this.#shm = undefined;
  }

  #start(work: () => Promise<void>): void {
    this.#running = work()
      .catch(() => this.#fail())
      .finally(() => {
        this.#running = undefined;
      });
  }

  async #checkpoint(): Promise<void> {
    await this.#ask('PASSIVE');
    await this.#lock();
    try {
      await this.#ask('PASSIVE');
    } finally {
      this.#unlock();
    }
    this.stats.passive++;
  }

  #whenIdle(): void {
    this.#idle = undefined;
    // No worker (a trickle of commits): the WAL waits until it is worth one.
    if (this.#closed || this.#failed || !this.#worker) return;
    if (this.#running) {
      // Still checkpointing: look again once that is done.
      this.#idle = setTimeout(() => this.#whenIdle(), this.#idleMs);
      this.#idle.unref();
      return;
    }
    this.#start(async () => {
      await this.#lock();
      try {
        await this.#ask('TRUNCATE');
      } finally {
        this.#unlock();
      }
      this.stats.truncate++;
      await this.#endWorker();
    });
  }

  #ask(mode: 'PASSIVE' | 'TRUNCATE'): Promise<CheckpointResult> {
    const worker = this.#ensureWorker();
    // Kept referenced only while it works: an idle worker never holds the process open.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.#reply = (r) => {
        this.#reply = undefined;
        worker.unref();
        if (r instanceof Error) reject(r);
        else resolve(r);
      };
      worker.postMessage(mode);
    });
  }

  #ensureWorker(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file: this.#file, sqlite: this.#sqliteModule },
      // It only copies pages: a small heap, and no stdin/stdout of its own.
      resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 16 },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    worker.on('message', (m: { ok?: CheckpointResult; error?: string }) => {
      this.#reply?.(m.ok ?? new Error(`WAL checkpoint of ${this.#file} failed: ${m.error ?? 'no answer'}`));
    });
    const gone = (error: unknown) => {
      if (this.#worker === worker) this.#worker = undefined;
      this.#reply?.(
        error instanceof Error ? error : new Error(`WAL checkpoint worker of ${this.#file} ended`),
      );
    };
    worker.on('error', gone);
    worker.on('exit', gone);
    this.#worker = worker;
    this.stats.workers++;
    return worker;
  }

  async #endWorker(): Promise<void> {
    const worker = this.#worker;
    if (!worker) return;
    this.#worker = undefined;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  #fail(): void {
    if (this.#failed) return;
    this.#failed = true;
    clearTimeout(this.#idle);
    this.#idle = undefined;
    void this.#worker?.terminate();
    this.#worker = undefined;
    this.#fallback();
  }
}

interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

// Plain CommonJS run by the worker thread (eval): one connection, one checkpoint per message.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('cache_size = -256');
parentPort.on('message', (mode) => {
  if (mode === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(' + (mode === 'TRUNCATE' ? 'TRUNCATE' : 'PASSIVE') + ')');
    parentPort.postMessage({ ok: result });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
  }
});
`;
