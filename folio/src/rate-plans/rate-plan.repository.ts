import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DepositPolicyTable } from '../deposits/deposit.table.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { RatePlanTable } from './rate-plan.table.js';

export type RatePlanRow = Selectable<RatePlanTable>;
export type DepositPolicyRow = Selectable<DepositPolicyTable>;
type Db = Kysely<FolioDatabase>;

export async function insertRatePlan(db: Db, row: Insertable<RatePlanTable>): Promise<void> {
  await db.insertInto('rate_plans').values(row).execute();
}

export async function findRatePlanByCode(db: Db, code: string): Promise<RatePlanRow | undefined> {
  return db.selectFrom('rate_plans').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findRatePlan(db: Db, id: string): Promise<RatePlanRow | undefined> {
  return db.selectFrom('rate_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts or replaces the nightly rate of each date. */
export async function upsertRates(
  db: Db,
  rows: Array<{ rate_plan_id: string; room_type_id: string; stay_date: string; amount_minor: number }>,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('rate_plan_rates')
    .values(rows)
    .onConflict((oc) =>
      oc
        .columns(['rate_plan_id', 'room_type_id', 'stay_date'])
        .doUpdateSet((eb) => ({ amount_minor: eb.ref('excluded.amount_minor') })),
    )
    .execute();
}

export async function selectRates(
  db: Db,
  ratePlanId: string,
  roomTypeId: string,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('rate_plan_rates')
    .select(['stay_date', 'amount_minor'])
    .where('rate_plan_id', '=', ratePlanId)
    .where('room_type_id', '=', roomTypeId)
    .where('stay_date', '>=', from)
    .where('stay_date', '<', to)
    .execute();
  return new Map(rows.map((r) => [r.stay_date, r.amount_minor]));
}

export async function insertDepositPolicy(db: Db, row: Insertable<DepositPolicyTable>): Promise<void> {
  await db.insertInto('deposit_policies').values(row).execute();
}

export async function findDepositPolicyByCode(db: Db, code: string): Promise<DepositPolicyRow | undefined> {
  return db.selectFrom('deposit_policies').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findDepositPolicy(db: Db, id: string): Promise<DepositPolicyRow | undefined> {
  return db.selectFrom('deposit_policies').selectAll().where('id', '=', id).executeTakeFirst();
}
