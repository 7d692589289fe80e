import type { Insertable, Kysely, Selectable } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { GuestTable } from './guest.table.js';

export type GuestRow = Selectable<GuestTable>;

export async function insertGuest(db: Kysely<FolioDatabase>, row: Insertable<GuestTable>): Promise<void> {
  await db.insertInto('guests').values(row).execute();
}

export async function findGuest(db: Kysely<FolioDatabase>, id: string): Promise<GuestRow | undefined> {
  return db.selectFrom('guests').selectAll().where('id', '=', id).executeTakeFirst();
}
