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
