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

/** The numbers among `numbers` that are rooms already. */
export async function existingRoomNumbers(
  db: Kysely<FolioDatabase>,
  numbers: readonly string[],
): Promise<string[]> {
  if (numbers.length === 0) return [];
  const rows = await db.selectFrom('rooms').select('number').where('number', 'in', numbers).execute();
  return rows.map((r) => r.number);
}

export async function listRoomTypeRows(db: Kysely<FolioDatabase>): Promise<RoomTypeRow[]> {
  return db.selectFrom('room_types').selectAll().orderBy('code').execute();
}

export async function listRoomRows(
  db: Kysely<FolioDatabase>,
): Promise<Array<{ id: string; number: string; roomTypeCode: string }>> {
  return db
    .selectFrom('rooms')
    .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
    .select(['rooms.id as id', 'rooms.number as number', 'room_types.code as roomTypeCode'])
    .execute();
}
