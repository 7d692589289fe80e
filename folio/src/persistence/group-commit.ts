import type { Kysely, Transaction } from 'kysely';
import { relaxedTransaction } from './relaxed-commit.js';

/**
 * Group commit: writes submitted in the same turn of the event loop (or while the previous group
 * commits) go into one transaction, so a burst of charges costs one fsync instead of one each.
 * Each submitter's promise settles only after the commit that holds its write, never before.
 *
 * A group whose transaction fails is written again one item per transaction, so a bad item fails
 * alone and the others still commit (nothing of a failed transaction is kept).
 */
export class GroupCommit<DB, T, R> {
  readonly #db: Kysely<DB>;
  readonly #write: (trx: Transaction<DB>, item: T) => Promise<R>;
  readonly #max: number;
  readonly #durable: boolean;
  #pending: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  #flushing: Promise<void> | undefined;
  #scheduled = false;

  readonly #writeMany: ((trx: Transaction<DB>, items: T[]) => Promise<R[]>) | undefined;

  /**
   * `durable: false` (default true): each group commits without waiting for the disk
   * (relaxed-commit.ts), only for writes that a power cut may lose because they are found again.
   * `writeMany`, when given, stores a whole group in a few statements (one round trip to a database
   * server instead of one per item) and answers each item's result in order; a group that fails is
   * written again one by one with `write`.
   */
  constructor(
    db: Kysely<DB>,
    write: (trx: Transaction<DB>, item: T) => Promise<R>,
    maxGroup = 500,
    options: {
      durable?: boolean;
      writeMany?: ((trx: Transaction<DB>, items: T[]) => Promise<R[]>) | undefined;
    } = {},
  ) {
    this.#db = db;
    this.#write = write;
    this.#max = maxGroup;
    this.#durable = options.durable ?? true;
    this.#writeMany = options.writeMany;
  }

  #transaction<X>(body: (trx: Transaction<DB>) => Promise<X>): Promise<X> {
    return this.#durable ? this.#db.transaction().execute(body) : relaxedTransaction(this.#db, body);
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      this.#schedule();
    });
  }

  /** Resolves when everything submitted so far has committed (or failed). */
  async idle(): Promise<void> {
    while (this.#flushing || this.#pending.length > 0 || this.#scheduled) {
      await (this.#flushing ?? new Promise<void>((r) => setImmediate(r)));
    }
  }

  #schedule(): void {
    if (this.#scheduled || this.#flushing) return;
    this.#scheduled = true;
    // setImmediate, not a microtask: every message of the socket read that woke us joins the group.
    setImmediate(() => {
      this.#scheduled = false;
      this.#flushing = this.#flush().finally(() => {
        this.#flushing = undefined;
        if (this.#pending.length > 0) this.#schedule();
      });
    });
  }

  async #flush(): Promise<void> {
    const group = this.#pending.splice(0, this.#max);
    if (group.length === 0) return;
    let results: R[];
    try {
      results = await this.#transaction(async (trx) => {
        const many = this.#writeMany;
        if (many && group.length > 1)
          return many(
            trx,
            group.map((g) => g.item),
          );
        const out: R[] = [];
        for (const { item } of group) out.push(await this.#write(trx, item));
        return out;
      });
    } catch {
      // Each alone: the bad one gets its own error, the others commit.
      for (const one of group) {
        await this.#transaction((trx) => this.#write(trx, one.item)).then(one.resolve, one.reject);
      }
      return;
    }
    group.forEach((g, i) => {
      g.resolve(results[i] as R);
    });
  }
}
