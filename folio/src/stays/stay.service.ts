// Check-in, check-out and the no-post flag: the stay lifecycle the charge flow depends on.
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import { insertFolio } from '../folios/folio.repository.js';
import { findGuest } from '../guests/guest.repository.js';
import { requireProperty } from '../property/property.service.js';
import { findOverlappingReservation } from '../reservations/reservation.repository.js';
import { findRoomByNumber } from '../rooms/room.repository.js';
import { invalid, requireInteger, requireIsoDate, requireText } from '../validation.js';
import {
  findInHouseStayInRoom,
  findStay,
  findStayByConfirmation,
  insertStay,
  markCheckedOut,
  type StayRow,
  updateNoPost,
} from './stay.repository.js';

export interface CheckInInput {
  roomNumber: string;
  guestId: string;
  confirmation: string;
  arrival: string;
  departure: string;
  adults: number;
  /** Minor units of the property currency; null for no limit. */
  creditLimitMinor: number | null;
  noPost?: boolean;
}

export function createStayService({ db, clock, newId }: FolioContext) {
  return {
    /**
     * Puts the guest in house and opens folio window 1. Returns the stay id (the outlets' stayRef).
     * ROOM_NOT_FOUND for an unknown room, NOT_FOUND for an unknown guest, VALIDATION_FAILED for an
     * occupied room or a confirmation already used.
     */
    async checkIn(input: CheckInInput): Promise<string> {
      const confirmation = requireText(input.confirmation, 'confirmation', 40);
      const arrival = requireIsoDate(input.arrival, 'arrival');
      const departure = requireIsoDate(input.departure, 'departure');
      if (departure <= arrival) throw invalid('departure', 'must be after arrival', { arrival, departure });
      const adults = requireInteger(input.adults, 'adults', 1);
      const creditLimitMinor =
        input.creditLimitMinor === null ? null : requireInteger(input.creditLimitMinor, 'creditLimitMinor');

      return db.transaction().execute(async (trx) => {
        const property = await requireProperty(trx);
        const room = await findRoomByNumber(trx, input.roomNumber);
        if (!room) throw new FolioError('ROOM_NOT_FOUND', 'unknown room', { roomNumber: input.roomNumber });
        if (!(await findGuest(trx, input.guestId))) {
          throw new FolioError('NOT_FOUND', 'unknown guest', { guestId: input.guestId });
        }
        const occupant = await findInHouseStayInRoom(trx, room.id);
        if (occupant) {
          throw invalid('roomNumber', 'room is occupied', {
            roomNumber: input.roomNumber,
            stayRef: occupant.id,
          });
        }
        // A walk-in may not take nights a reservation holds (overlapping stays are refused).
        const booked = await findOverlappingReservation(trx, room.id, arrival, departure);
        if (booked && booked.status !== 'CheckedIn') {
          throw new FolioError('ROOM_UNAVAILABLE', 'a reservation holds the room for some of these nights', {
            roomNumber: input.roomNumber,
            reservationId: booked.id,
          });
        }
        if (await findStayByConfirmation(trx, confirmation)) {
          throw invalid('confirmation', 'already used by another stay', { confirmation });
        }
        const now = clock.now().toISOString();
        const stayId = newId();
        await insertStay(trx, {
          id: stayId,
          confirmation,
          room_id: room.id,
          guest_id: input.guestId,
          arrival,
          departure,
          adults,
          credit_limit_minor: creditLimitMinor,
          no_post: input.noPost === true ? 1 : 0,
          checked_in_at: now,
          checked_out_at: null,
          checked_out_business_date: null,
        });
        await insertFolio(trx, {
          id: newId(),
          stay_id: stayId,
          window_number: 1,
          payer_label: 'Guest',
          currency: property.currency,
          created_at: now,
        });
        return stayId;
      });
    },

    /** Checks the stay out on the current business date. Checking out a checked-out stay does nothing. */
    async checkOut(stayId: string): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const stay = await requireStay(trx, stayId);
        if (stay.status === 'checked_out') return;
        const property = await requireProperty(trx);
        await markCheckedOut(trx, stay.id, {
          checkedOutAt: clock.now().toISOString(),
          businessDate: property.businessDate,
        });
      });
    },

    /** Blocks (on) or allows (off) room charges to the stay. */
    async setNoPost(stayId: string, on: boolean): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await requireStay(trx, stayId);
        await updateNoPost(trx, stayId, on);
      });
    },
  };
}

export async function requireStay(db: FolioContext['db'], stayId: string): Promise<StayRow> {
  const stay = await findStay(db, stayId);
  if (!stay) throw new FolioError('NOT_FOUND', 'unknown stay', { stayRef: stayId });
  return stay;
}
