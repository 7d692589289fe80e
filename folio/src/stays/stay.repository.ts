import type { Insertable, Kysely, Selectable } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { StayTable } from './stay.table.js';

export type StayRow = Selectable<StayTable>;

/** A stay with what an outlet needs to recognise the guest. */
export type StayDetailRow = StayRow & {
  room_number: string;
  room_type_name: string;
  guest_title: string | null;
  guest_first_name: string;
  guest_last_name: string;
  guest_vip_level: string | null;
};

export async function insertStay(db: Kysely<FolioDatabase>, row: Insertable<StayTable>): Promise<void> {
  await db.insertInto('stays').values(row).execute();
}

export async function findStay(db: Kysely<FolioDatabase>, id: string): Promise<StayRow | undefined> {
  return db.selectFrom('stays').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findStayByConfirmation(
  db: Kysely<FolioDatabase>,
  confirmation: string,
): Promise<StayRow | undefined> {
  return db.selectFrom('stays').selectAll().where('confirmation', '=', confirmation).executeTakeFirst();
}

export async function findInHouseStayInRoom(
  db: Kysely<FolioDatabase>,
  roomId: string,
): Promise<StayRow | undefined> {
  return db
    .selectFrom('stays')
    .selectAll()
    .where('room_id', '=', roomId)
    .where('status', '=', 'in_house')
    .executeTakeFirst();
}

export async function findStayCheckedOutOn(
  db: Kysely<FolioDatabase>,
  roomId: string,
  businessDate: string,
): Promise<StayRow | undefined> {
  return db
    .selectFrom('stays')
    .selectAll()
    .where('room_id', '=', roomId)
    .where('status', '=', 'checked_out')
    .where('checked_out_business_date', '=', businessDate)
    .orderBy('checked_out_at', 'desc')
    .executeTakeFirst();
}

export async function findStayDetail(
  db: Kysely<FolioDatabase>,
  id: string,
): Promise<StayDetailRow | undefined> {
  return stayDetails(db).where('stays.id', '=', id).executeTakeFirst();
}

/** The stays among `ids` (one IN-list; `ids` at most a few hundred), by id. */
export async function findStayDetails(
  db: Kysely<FolioDatabase>,
  ids: readonly string[],
): Promise<Map<string, StayDetailRow>> {
  if (ids.length === 0) return new Map();
  const rows = await stayDetails(db).where('stays.id', 'in', ids).execute();
  return new Map(rows.map((row) => [row.id, row]));
}

/** A stay with its room, room type and guest (a query to add a WHERE to). */
export function stayDetails(db: Kysely<FolioDatabase>) {
  return db
    .selectFrom('stays')
    .innerJoin('rooms', 'rooms.id', 'stays.room_id')
    .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
    .innerJoin('guests', 'guests.id', 'stays.guest_id')
    .selectAll('stays')
    .select([
      'rooms.number as room_number',
      'room_types.name as room_type_name',
      'guests.title as guest_title',
      'guests.first_name as guest_first_name',
      'guests.last_name as guest_last_name',
      'guests.vip_level as guest_vip_level',
    ]);
}

export async function markCheckedOut(
  db: Kysely<FolioDatabase>,
  id: string,
  at: { checkedOutAt: string; businessDate: string },
): Promise<void> {
  await db
    .updateTable('stays')
    .set({
      status: 'checked_out',
      checked_out_at: at.checkedOutAt,
      checked_out_business_date: at.businessDate,
    })
    .where('id', '=', id)
    .where('status', '=', 'in_house')
    .execute();
}

export async function updateNoPost(db: Kysely<FolioDatabase>, id: string, noPost: boolean): Promise<void> {
  await db
    .updateTable('stays')
    .set({ no_post: noPost ? 1 : 0 })
    .where('id', '=', id)
    .execute();
}
