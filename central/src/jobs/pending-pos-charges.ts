// The night audit's port into central: outlet room charges not yet posted to the folio (seed 000 rule 6).
// Received, queued (retrying), held (outlet `autoPost: false`: stored as queued with `held_at`) and
// failed (waiting for a manager) charges count; posted and rejected are final.
import type { Kysely } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';

export async function countPendingPosCharges(db: Kysely<CentralDatabase>): Promise<number> {
  const row = await db
    .selectFrom('room_charges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('posting_status', 'in', ['received', 'queued', 'failed'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
