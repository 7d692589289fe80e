import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { DepositTable } from './deposit.table.js';
import type { DepositState } from './deposit-state.js';

type Db = Kysely<FolioDatabase>;
export type DepositRow = Selectable<DepositTable>;

export async function insertDeposit(db: Db, row: Insertable<DepositTable>): Promise<void> {
  await db.insertInto('deposits').values(row).execute();
}

export async function findDeposit(db: Db, id: string): Promise<DepositRow | undefined> {
  return db.selectFrom('deposits').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectDeposits(db: Db, reservationId: string): Promise<DepositRow[]> {
  return db
    .selectFrom('deposits')
    .selectAll()
    .where('reservation_id', '=', reservationId)
    .orderBy(sql`rowid`)
    .execute();
}

/** Compare-and-set on the state, so two racing transitions cannot both win. */
export async function updateDeposit(
  db: Db,
  id: string,
  from: DepositState,
  set: Updateable<DepositTable>,
): Promise<void> {
  const result = await db
    .updateTable('deposits')
    .set(set)
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw new Error(`deposit ${id} changed state concurrently`);
}

export async function selectDueHolds(db: Db, nowIso: string): Promise<DepositRow[]> {
  return db
    .selectFrom('deposits')
    .selectAll()
    .where('state', '=', 'HELD')
    .where('expires_at', '<=', nowIso)
    .execute();
}
