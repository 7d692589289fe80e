import type { Insertable, Kysely, Selectable } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { RoomTable, RoomTypeTable } from './room.table.js';

export type RoomTypeRow = Selectable<RoomTypeTable>;
export type RoomRow = Selectable<RoomTable>;

export async function insertRoomType(
  db: Kysely<FolioDatabase>,
  row: Insertable<RoomTypeTable>,
): Promise<void> {
  await db.insertInto('room_types').values(row).execute();
}

export async function findRoomTypeByCode(
  db: Kysely<FolioDatabase>,
  code: string,
): Promise<RoomTypeRow | undefined> {
  return db.selectFrom('room_types').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function insertRoom(db: Kysely<FolioDatabase>, row: Insertable<RoomTable>): Promise<void> {
  await db.insertInto('rooms').values(row).execute();
}

export async function findRoomByNumber(
  db: Kysely<FolioDatabase>,
  number: string,
): Promise<RoomRow | undefined> {
  return db.selectFrom('rooms').selectAll().where('number', '=', number).executeTakeFirst();
}
