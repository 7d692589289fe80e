// A room can be booked for [arrival, departure) only when no other reservation holds it and no guest is
// in house in it on any of those nights (seed 003 §2). One check for booking and for changing a booking.
import type { Kysely } from 'kysely';
import { FolioError } from '../errors.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { findOverlappingInHouseStay, findOverlappingReservation } from './reservation.repository.js';

/** Throws ROOM_UNAVAILABLE naming the clash; `exceptReservationId` is the booking being changed. */
export async function assertRoomFree(
  db: Kysely<FolioDatabase>,
  room: { id: string; number: string },
  arrival: string,
  departure: string,
  exceptReservationId?: string,
): Promise<void> {
  const clash = await findOverlappingReservation(db, room.id, arrival, departure, exceptReservationId);
  const inHouse = await findOverlappingInHouseStay(db, room.id, arrival, departure);
  if (!clash && !inHouse) return;
  throw new FolioError('ROOM_UNAVAILABLE', 'the room is taken for some of these nights', {
    roomNumber: room.number,
    arrival,
    departure,
    ...(clash
      ? { reservationId: clash.id, clashArrival: clash.arrival, clashDeparture: clash.departure }
      : {}),
    ...(inHouse
      ? { stayRef: inHouse.id, clashArrival: inHouse.arrival, clashDeparture: inHouse.departure }
      : {}),
  });
}
