import type { Kysely, Selectable } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import type { PostingAttemptTable } from '../postings/room-charge.table.js';
import type { ChargeVoidTable } from './charge-void.table.js';

export type ChargeVoidRow = Selectable<ChargeVoidTable>;

/** Stores the void unless the charge already has one; answers the charge's void either way. */
export async function insertVoidOnce(
  db: Kysely<CentralDatabase>,
  row: ChargeVoidTable,
): Promise<ChargeVoidRow> {
  await db
    .insertInto('charge_voids')
    .values(row)
    .onConflict((oc) => oc.column('charge_id').doNothing())
    .execute();
  const stored = await findVoidOf(db, row.charge_id);
  if (!stored) throw new Error(`void of ${row.charge_id} vanished after insert`);
  return stored;
}

export function findVoidOf(
  db: Kysely<CentralDatabase>,
  chargeId: string,
): Promise<ChargeVoidRow | undefined> {
  return db.selectFrom('charge_voids').selectAll().where('charge_id', '=', chargeId).executeTakeFirst();
}

/** Which of these charges the PMS has voided. */
export async function voidedAmong(db: Kysely<CentralDatabase>, chargeIds: string[]): Promise<Set<string>> {
  if (chargeIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('charge_voids')
    .select('charge_id')
    .where('status', '=', 'voided')
    .where('charge_id', 'in', chargeIds)
    .execute();
  return new Set(rows.map((r) => r.charge_id));
}

export function findDueVoids(db: Kysely<CentralDatabase>, nowIso: string, limit: number) {
  return db
    .selectFrom('charge_voids')
    .selectAll()
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', nowIso)
    .orderBy('requested_at')
    .limit(limit)
    .execute();
}

type VoidOutcome = Pick<
  ChargeVoidTable,
  'status' | 'attempts' | 'next_attempt_at' | 'pms_void_id' | 'error_code' | 'error_message' | 'voided_at'
>;

/** The void's new state plus a line in the charge's append-only attempt log, in one transaction. */
export async function recordVoidAttempt(
  db: Kysely<CentralDatabase>,
  row: ChargeVoidRow,
  outcome: VoidOutcome,
  log: { at: string; outcome: PostingAttemptTable['outcome']; actor: string | null; note: string | null },
): Promise<ChargeVoidRow> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('charge_voids').set(outcome).where('void_id', '=', row.void_id).execute();
    await trx
      .insertInto('posting_attempts')
      .values({
        charge_id: row.charge_id,
        attempt: outcome.attempts,
        at: log.at,
        outcome: log.outcome,
        error_code: outcome.error_code,
        error_message: outcome.error_message,
        actor: log.actor,
        note: log.note,
      })
      .execute();
  });
  return { ...row, ...outcome };
}
