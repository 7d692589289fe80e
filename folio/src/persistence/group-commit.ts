import type { Kysely, Transaction } from 'kysely';
import { relaxedTransaction } from './relaxed-commit.js';

interface Pending<T, R> {
  item: T;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

/** What a CommitCycle needs of each GroupCommit that shares it. */
interface Member<DB> {
  /** Takes the member's next group (up to its maximum); empty when it has nothing. */
  take(): Array<Pending<unknown, unknown>>;
  hasPending(): boolean;
  /** Writes a group inside a transaction, its results in order. */
  writeGroup(trx: Transaction<DB>, group: Array<Pending<unknown, unknown>>): Promise<unknown[]>;
  /** Writes one item in its own transaction (after the shared one failed). */
  writeAlone(one: Pending<unknown, unknown>): Promise<void>;
}

/**
 * Several GroupCommits whose groups go into one transaction: what they hold when the cycle flushes
 * commits together (one commit and one fsync instead of one per GroupCommit; the pages they both
 * touch, such as an index's last page, are written to the WAL once). Each submitter's promise still
 * settles only after the commit that holds its write. If the shared transaction fails, every item
 * of it is written again alone, so a bad one fails alone.
 */
export class CommitCycle<DB> {
  readonly #db: Kysely<DB>;
  readonly #durable: boolean;
  readonly #members: Array<Member<DB>> = [];
  #flushing: Promise<void> | undefined;
  #scheduled = false;

  /** `durable: false`: see GroupCommit. */
  constructor(db: Kysely<DB>, options: { durable?: boolean } = {}) {
    this.#db = db;
    this.#durable = options.durable ?? true;
  }

  /** @internal GroupCommit joins its cycle. */
  join(member: Member<DB>): void {
    this.#members.push(member);
  }

  transaction<X>(body: (trx: Transaction<DB>) => Promise<X>): Promise<X> {
    return this.#durable ? this.#db.transaction().execute(body) : relaxedTransaction(this.#db, body);
  }

  /** Resolves when everything submitted so far to any member has committed (or failed). */
  async idle(hasPending: () => boolean): Promise<void> {
    while (this.#flushing || hasPending() || this.#scheduled) {
      await (this.#flushing ?? new Promise<void>((r) => setImmediate(r)));
    }
  }

  schedule(): void {
    if (this.#scheduled || this.#flushing) return;
    this.#scheduled = true;
    // setImmediate, not a microtask: every message of the socket read that woke us joins the group.
    setImmediate(() => {
      this.#scheduled = false;
      this.#flushing = this.#flush().finally(() => {
        this.#flushing = undefined;
        if (this.#members.some((m) => m.hasPending())) this.schedule();
      });
    });
  }

  async #flush(): Promise<void> {
    const groups = this.#members
      .map((m) => ({ member: m, group: m.take() }))
      .filter((g) => g.group.length > 0);
    if (groups.length === 0) return;
    let results: unknown[][];
    try {
      results = await this.transaction(async (trx) => {
        const out: unknown[][] = [];
        for (const { member, group } of groups) out.push(await member.writeGroup(trx, group));
        return out;
      });
    } catch {
      // Each alone: the bad one gets its own error, the others commit.
      for (const { member, group } of groups) for (const one of group) await member.writeAlone(one);
      return;
    }
    groups.forEach(({ group }, g) => {
      group.forEach((p, i) => {
        p.resolve(results[g]?.[i]);
      });
    });
  }
}

/**
 * Group commit: writes submitted in the same turn of the event loop (or while the previous group
 * commits) go into one transaction, so a burst of charges costs one fsync instead of one each.
 * Each submitter's promise settles only after the commit that holds its write, never before.
 *
 * A group whose transaction fails is written again one item per transaction, so a bad item fails
 * alone and the others still commit (nothing of a failed transaction is kept).
 */
export class GroupCommit<DB, T, R> {
  readonly #cycle: CommitCycle<DB>;
  readonly #write: (trx: Transaction<DB>, item: T) => Promise<R>;
  readonly #max: number;
  #pending: Array<Pending<T, R>> = [];

  readonly #writeMany: ((trx: Transaction<DB>, items: T[]) => Promise<R[]>) | undefined;

  /**
   * `durable: false` (default true): each group commits without waiting for the disk
   * (relaxed-commit.ts), only for writes that a power cut may lose because they are found again.
   * `writeMany`, when given, stores a whole group in a few statements (one round trip to a database
   * server instead of one per item) and answers each item's result in order; a group that fails is
   * written again one by one with `write`. `cycle`: commit together with the other GroupCommits of
   * that CommitCycle (its `durable` applies then).
   */
  constructor(
    db: Kysely<DB>,
    write: (trx: Transaction<DB>, item: T) => Promise<R>,
    maxGroup = 500,
    options: {
      durable?: boolean;
      writeMany?: ((trx: Transaction<DB>, items: T[]) => Promise<R[]>) | undefined;
      cycle?: CommitCycle<DB>;
    } = {},
  ) {
    this.#write = write;
    this.#max = maxGroup;
    this.#writeMany = options.writeMany;
    this.#cycle =
      options.cycle ?? new CommitCycle(db, options.durable === undefined ? {} : { durable: options.durable });
    this.#cycle.join({
      take: () => this.#pending.splice(0, this.#max) as Array<Pending<unknown, unknown>>,
      hasPending: () => this.#pending.length > 0,
      writeGroup: (trx, group) => this.#writeGroup(trx, group as Array<Pending<T, R>>),
      writeAlone: (one) => this.#writeAlone(one as Pending<T, R>),
    });
  }

  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#pending.push({ item, resolve, reject });
      this.#cycle.schedule();
    });
  }

  /** Resolves when everything submitted so far has committed (or failed). */
  idle(): Promise<void> {
    return this.#cycle.idle(() => this.#pending.length > 0);
  }

  #writeGroup(trx: Transaction<DB>, group: Array<Pending<T, R>>): Promise<R[]> {
    const many = this.#writeMany;
    if (many && group.length > 1)
      return many(
        trx,
        group.map((g) => g.item),
      );
    return (async () => {
      const out: R[] = [];
      for (const { item } of group) out.push(await this.#write(trx, item));
      return out;
    })();
  }

  async #writeAlone(one: Pending<T, R>): Promise<void> {
    await this.#cycle.transaction((trx) => this.#write(trx, one.item)).then(one.resolve, one.reject);
  }
}
