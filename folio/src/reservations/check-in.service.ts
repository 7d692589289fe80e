// Check-in (Confirmed → CheckedIn): the reservation becomes a stay, the record outlets look up and charge
// (lookupRoom, lookupCredential, postCharge work on it unchanged), with folio window 1 for the guest.
import type { FolioContext } from '../context.js';
import { applyCapturedDeposits } from '../deposits/deposit-apply.js';
import { FolioError } from '../errors.js';
import { requireProperty } from '../property/property.service.js';
import { findInHouseStayInRoom } from '../stays/stay.repository.js';
import { invalid, requireText } from '../validation.js';
import { moveReservation, requireReservation } from './reservation-lifecycle.js';
import { assertReservationTransition } from './reservation-status.js';
import { loadReservationView, type ReservationView } from './reservation-view.js';

export function createCheckInService(ctx: FolioContext) {
  const { db, clock, newId } = ctx;
  return {
    /** CheckedIn: opens the stay (outlets can charge it) and folio window 1, and applies captured deposits. */
    async checkInReservation(input: { reservationId: string; by: string }): Promise<ReservationView> {
      const by = requireText(input.by, 'by', 64);
      await db.transaction().execute(async (trx) => {
        const property = await requireProperty(trx);
        const reservation = await requireReservation(trx, input.reservationId);
        assertReservationTransition(reservation.id, reservation.status, 'CheckedIn');
        if (property.businessDate < reservation.arrival || property.businessDate >= reservation.departure) {
          throw invalid(
            'businessDate',
            'check-in is from the arrival date until the night before departure',
            {
              businessDate: property.businessDate,
              arrival: reservation.arrival,
              departure: reservation.departure,
            },
          );
        }
        const occupant = await findInHouseStayInRoom(trx, reservation.room_id);
        if (occupant) {
          throw new FolioError('ROOM_UNAVAILABLE', 'the room is still occupied', { stayRef: occupant.id });
        }
        const stayId = newId();
        const now = clock.now().toISOString();
        await trx
          .insertInto('stays')
          .values({
            id: stayId,
            confirmation: reservation.confirmation,
            room_id: reservation.room_id,
            guest_id: reservation.guest_id,
            arrival: reservation.arrival,
            departure: reservation.departure,
            adults: reservation.adults,
            credit_limit_minor: reservation.credit_limit_minor,
            checked_in_at: now,
            checked_out_at: null,
            checked_out_business_date: null,
            reservation_id: reservation.id,
          })
          .execute();
        await moveReservation(trx, ctx, reservation, 'CheckedIn', by, { stayId });
        const folio = {
          id: newId(),
          stay_id: stayId,
          window_number: 1,
          payer_label: 'Guest',
          currency: property.currency,
          created_at: now,
          closed_at: null,
          closed_by: null,
          invoice_later_reason: null,
        };
        await trx.insertInto('folios').values(folio).execute();
        await applyCapturedDeposits(trx, ctx, property, reservation.id, folio, by);
      });
      return loadReservationView(db, input.reservationId);
    },
  };
}
