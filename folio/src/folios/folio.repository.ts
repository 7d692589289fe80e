import type { Insertable, Kysely, Selectable } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { FolioTable } from './folio.table.js';

export type FolioRow = Selectable<FolioTable>;

export async function insertFolio(db: Kysely<FolioDatabase>, row: Insertable<FolioTable>): Promise<void> {
  await db.insertInto('folios').values(row).execute();
}

export async function findFolio(db: Kysely<FolioDatabase>, id: string): Promise<FolioRow | undefined> {
  return db.selectFrom('folios').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Folio window `windowNumber` of each of these stays (`stayIds` at most a few hundred), by stay id. */
export async function findFolioWindows(
  db: Kysely<FolioDatabase>,
  stayIds: readonly string[],
  windowNumber: number,
): Promise<Map<string, FolioRow>> {
  if (stayIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('folios')
    .selectAll()
    .where('stay_id', 'in', stayIds)
    .where('window_number', '=', windowNumber)
    .execute();
  return new Map(rows.map((row) => [row.stay_id, row]));
}

export async function findFolioWindow(
  db: Kysely<FolioDatabase>,
  stayId: string,
  windowNumber: number,
): Promise<FolioRow | undefined> {
  return db
    .selectFrom('folios')
    .selectAll()
    .where('stay_id', '=', stayId)
    .where('window_number', '=', windowNumber)
    .executeTakeFirst();
}
