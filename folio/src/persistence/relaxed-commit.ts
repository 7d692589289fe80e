import { type Kysely, sql, type Transaction } from 'kysely';
import { dialectOf } from './dialect.js';

/**
 * A transaction whose commit does not wait for the disk: for writes that can be lost in a power cut
 * and found again, never for money or for anything acknowledged to another party. The commit is
 * atomic and the store stays consistent; only the last such commits may be missing after the
 * machine (not the process: a killed process loses nothing the kernel holds) loses power, and the
 * next durable commit writes them to disk with its own.
 *
 * SQLite in WAL mode: `synchronous = NORMAL` for this transaction, then the connection's own setting
 * again (the transaction holds the connection, so no other write commits under the relaxed
 * setting). PostgreSQL: `SET LOCAL synchronous_commit = off`, which ends with the transaction.
 */
export async function relaxedTransaction<DB, R>(
  db: Kysely<DB>,
  body: (trx: Transaction<DB>) => Promise<R>,
): Promise<R> {
  if (dialectOf(db) === 'postgres') {
    return db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      return body(trx);
    });
  }
  return db.connection().execute(async (conn) => {
    const before = await sql<{ synchronous: number }>`pragma synchronous`.execute(conn);
    const level = Number(before.rows[0]?.synchronous ?? 2);
    await sql`pragma synchronous = NORMAL`.execute(conn);
    try {
      return await conn.transaction().execute(body);
    } finally {
      await sql.raw(`pragma synchronous = ${level}`).execute(conn);
    }
  });
}
