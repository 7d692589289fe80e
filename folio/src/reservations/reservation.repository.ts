import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { ReservationEventTable, ReservationNightTable, ReservationTable } from './reservation.table.js';
import { type ReservationStatus, ROOM_HOLDING_STATUSES } from './reservation-status.js';

type Db = Kysely<FolioDatabase>;
export type ReservationRow = Selectable<ReservationTable>;
export type ReservationNightRow = Selectable<ReservationNightTable>;

export async function insertReservation(db: Db, row: Insertable<ReservationTable>): Promise<void> {
  await db.insertInto('reservations').values(row).execute();
}

export async function findReservation(db: Db, id: string): Promise<ReservationRow | undefined> {
  return db.selectFrom('reservations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findReservationByConfirmation(
  db: Db,
  confirmation: string,
): Promise<ReservationRow | undefined> {
  return db
    .selectFrom('reservations')
    .selectAll()
    .where('confirmation', '=', confirmation)
    .executeTakeFirst();
}

export async function updateReservationStatus(
  db: Db,
  id: string,
  status: ReservationStatus,
  stayId?: string,
): Promise<void> {
  await db
    .updateTable('reservations')
    .set(stayId === undefined ? { status } : { status, stay_id: stayId })
    .where('id', '=', id)
    .execute();
}

export async function insertReservationEvent(db: Db, row: Insertable<ReservationEventTable>): Promise<void> {
  await db.insertInto('reservation_events').values(row).execute();
}

export async function insertNights(db: Db, rows: Insertable<ReservationNightTable>[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('reservation_nights').values(rows).execute();
}

export async function selectNights(db: Db, reservationId: string): Promise<ReservationNightRow[]> {
  return db
    .selectFrom('reservation_nights')
    .selectAll()
    .where('reservation_id', '=', reservationId)
    .orderBy('stay_date')
    .execute();
}

/** Reservations that hold the room on any night of [arrival, departure), other than `exceptId`. */
export async function findOverlappingReservation(
  db: Db,
  roomId: string,
  arrival: string,
  departure: string,
  exceptId?: string,
): Promise<ReservationRow | undefined> {
  let query = db
    .selectFrom('reservations')
    .selectAll()
    .where('room_id', '=', roomId)
    .where('status', 'in', [...ROOM_HOLDING_STATUSES])
    .where('arrival', '<', departure)
    .where('departure', '>', arrival);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  return query.executeTakeFirst();
}

/** A reservation's new dates, room, rate plan and party (a change before check-in). */
export async function updateReservationTerms(
  db: Db,
  id: string,
  terms: Pick<
    ReservationTable,
    'arrival' | 'departure' | 'room_id' | 'rate_plan_id' | 'adults' | 'children' | 'extra_beds'
  >,
): Promise<void> {
  await db.updateTable('reservations').set(terms).where('id', '=', id).execute();
}

/** Booked nights are the price agreed, not ledger lines: a change replaces them whole. */
export async function deleteNights(db: Db, reservationId: string): Promise<void> {
  await db.deleteFrom('reservation_nights').where('reservation_id', '=', reservationId).execute();
}

/** An in-house stay (with or without a reservation) in the room over any night of the range. */
export async function findOverlappingInHouseStay(db: Db, roomId: string, arrival: string, departure: string) {
  return db
    .selectFrom('stays')
    .select(['id', 'arrival', 'departure'])
    .where('room_id', '=', roomId)
    .where('status', '=', 'in_house')
    .where('arrival', '<', departure)
    .where('departure', '>', arrival)
    .executeTakeFirst();
}

export async function selectEvents(db: Db, reservationId: string) {
  return db
    .selectFrom('reservation_events')
    .selectAll()
    .where('reservation_id', '=', reservationId)
    .orderBy(sql`rowid`)
    .execute();
}

/** Confirmed reservations due on or before the date (arrival ≤ date), by confirmation: the night audit's no-shows. */
export async function findDueConfirmed(
  db: Db,
  date: string,
): Promise<Array<{ id: string; confirmation: string }>> {
  return db
    .selectFrom('reservations')
    .select(['id', 'confirmation'])
    .where('status', '=', 'Confirmed')
    .where('arrival', '<=', date)
    .orderBy('confirmation')
    .execute();
}
