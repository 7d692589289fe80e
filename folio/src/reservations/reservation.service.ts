// Booking, the lifecycle steps that need no money, check-in, and reading a reservation whole.
import type { FolioContext } from '../context.js';
import { selectDeposits } from '../deposits/deposit.repository.js';
import { FolioError } from '../errors.js';
import { findGuest } from '../guests/guest.repository.js';
import { requireProperty } from '../property/property.service.js';
import {
  findDepositPolicyByCode,
  findRatePlanByCode,
  selectRates,
} from '../rate-plans/rate-plan.repository.js';
import { priceNights } from '../rate-plans/stay-price.js';
import { findStayByConfirmation } from '../stays/stay.repository.js';
import { invalid, requireInteger, requireIsoDate, requireText } from '../validation.js';
import { findReservationByConfirmation, insertNights, insertReservation } from './reservation.repository.js';
import { moveReservation, requireReservation } from './reservation-lifecycle.js';
import { RESERVATION_STATUSES, type ReservationStatus } from './reservation-status.js';
import { loadReservationView, type ReservationView } from './reservation-view.js';
import { assertRoomFree } from './room-free.js';
import { nightsOf } from './stay-dates.js';

export interface BookInput {
  guestId: string;
  roomNumber: string;
  ratePlanCode: string;
  arrival: string;
  departure: string;
  adults: number;
  children?: number;
  extraBeds?: number;
  depositPolicyCode?: string;
  creditLimitMinor?: number | null;
  /** Defaults to one derived from the reservation id. */
  confirmation?: string;
  by: string;
}

/** Steps `transitionReservation` takes; check-in and checkout have their own operations. */
const PLAIN_STEPS: readonly ReservationStatus[] = ['PendingDeposit', 'Confirmed', 'Cancelled', 'NoShow'];

export function createReservationService(ctx: FolioContext) {
  const { db, clock, newId } = ctx;
  return {
    /** A Draft reservation priced night by night. ROOM_UNAVAILABLE when it overlaps another stay. */
    async book(input: BookInput): Promise<ReservationView> {
      const by = requireText(input.by, 'by', 64);
      const arrival = requireIsoDate(input.arrival, 'arrival');
      const departure = requireIsoDate(input.departure, 'departure');
      if (departure <= arrival) throw invalid('departure', 'must be after arrival', { arrival, departure });
      const nights = nightsOf(arrival, departure);
      if (nights.length > 366) throw invalid('departure', 'a stay is at most 366 nights');
      const adults = requireInteger(input.adults, 'adults', 1);
      const children = requireInteger(input.children ?? 0, 'children');
      const extraBeds = requireInteger(input.extraBeds ?? 0, 'extraBeds');
      const creditLimit =
        input.creditLimitMinor == null ? null : requireInteger(input.creditLimitMinor, 'creditLimitMinor');
      const id = newId();
      const confirmation =
        input.confirmation === undefined
          ? `R${id.replace(/-/g, '').slice(-9).toUpperCase()}`
          : requireText(input.confirmation, 'confirmation', 40);

      await db.transaction().execute(async (trx) => {
        const property = await requireProperty(trx);
        if (arrival < property.businessDate)
          throw invalid('arrival', 'is before the business date', {
            arrival,
            businessDate: property.businessDate,
          });
        if (!(await findGuest(trx, input.guestId)))
          throw new FolioError('NOT_FOUND', 'unknown guest', { guestId: input.guestId });
        const room = await trx
          .selectFrom('rooms')
          .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
          .select(['rooms.id', 'rooms.room_type_id', 'room_types.base_occupancy'])
          .where('rooms.number', '=', input.roomNumber)
          .executeTakeFirst();
        if (!room) throw new FolioError('ROOM_NOT_FOUND', 'unknown room', { roomNumber: input.roomNumber });
        const plan = await findRatePlanByCode(trx, input.ratePlanCode);
        if (!plan)
          throw new FolioError('NOT_FOUND', 'unknown rate plan', { ratePlanCode: input.ratePlanCode });
        const policy =
          input.depositPolicyCode === undefined
            ? null
            : await findDepositPolicyByCode(trx, input.depositPolicyCode);
        if (policy === undefined)
          throw new FolioError('NOT_FOUND', 'unknown deposit policy', {
            depositPolicyCode: input.depositPolicyCode,
          });
        if (
          (await findReservationByConfirmation(trx, confirmation)) ||
          (await findStayByConfirmation(trx, confirmation))
        ) {
          throw invalid('confirmation', 'already used', { confirmation });
        }
        await assertRoomFree(trx, { id: room.id, number: input.roomNumber }, arrival, departure);
        const priced = priceNights(
          plan,
          await selectRates(trx, plan.id, room.room_type_id, arrival, departure),
          nights,
          {
            baseOccupancy: room.base_occupancy,
            adults,
            children,
            extraBeds,
          },
        );
        const now = clock.now().toISOString();
        await insertReservation(trx, {
          id,
          confirmation,
          guest_id: input.guestId,
          room_id: room.id,
          rate_plan_id: plan.id,
          deposit_policy_id: policy?.id ?? null,
          arrival,
          departure,
          adults,
          children,
          extra_beds: extraBeds,
          credit_limit_minor: creditLimit,
          status: 'Draft',
          stay_id: null,
          created_at: now,
          created_by: by,
        });
        await trx
          .insertInto('reservation_events')
          .values({
            id: newId(),
            reservation_id: id,
            from_status: null,
            to_status: 'Draft',
            at: now,
            by,
            reason: null,
          })
          .execute();
        await insertNights(
          trx,
          priced.map((n) => ({
            reservation_id: id,
            stay_date: n.stayDate,
            room_minor: n.roomMinor,
            extra_minor: n.extraMinor,
          })),
        );
      });
      return loadReservationView(db, id);
    },

    /**
     * PendingDeposit, Confirmed, Cancelled or NoShow, per the transition table. Confirming a reservation
     * whose policy asks a booking deposit needs one held or captured. Cancelling releases open holds.
     */
    async transitionReservation(input: {
      reservationId: string;
      to: ReservationStatus;
      by: string;
      reason?: string;
    }): Promise<ReservationView> {
      const by = requireText(input.by, 'by', 64);
      if (!RESERVATION_STATUSES.includes(input.to))
        throw invalid('to', `must be one of ${RESERVATION_STATUSES.join(', ')}`);
      if (!PLAIN_STEPS.includes(input.to))
        throw invalid('to', `${input.to} is reached by the check-in or checkout operation`);
      await db.transaction().execute(async (trx) => {
        const reservation = await requireReservation(trx, input.reservationId);
        const deposits = await selectDeposits(trx, reservation.id);
        if (input.to === 'Confirmed' && reservation.deposit_policy_id !== null) {
          const paid = deposits.some((d) => d.state === 'HELD' || d.state === 'CAPTURED');
          if (!paid && reservation.status !== 'Confirmed') {
            throw new FolioError('ILLEGAL_TRANSITION', 'the deposit policy asks for a deposit first', {
              reservationId: reservation.id,
              from: reservation.status,
              to: input.to,
              reason: 'DEPOSIT_REQUIRED',
            });
          }
        }
        await moveReservation(trx, ctx, reservation, input.to, by, { reason: input.reason ?? null });
        if (input.to === 'Cancelled') {
          const now = clock.now().toISOString();
          for (const d of deposits.filter((d) => d.state === 'HELD')) {
            await trx
              .updateTable('deposits')
              .set({ state: 'RELEASED', settled_at: now, settled_by: by })
              .where('id', '=', d.id)
              .where('state', '=', 'HELD')
              .execute();
          }
        }
      });
      return loadReservationView(db, input.reservationId);
    },

    async getReservation(reservationId: string): Promise<ReservationView> {
      return loadReservationView(db, reservationId);
    },

    /** NOT_FOUND for an unknown confirmation number. */
    async findReservation(confirmation: string): Promise<ReservationView> {
      const row = await findReservationByConfirmation(db, confirmation);
      if (!row) throw new FolioError('NOT_FOUND', 'no reservation with this confirmation', { confirmation });
      return loadReservationView(db, row.id);
    },
  };
}
