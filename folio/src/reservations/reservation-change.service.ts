// Changing a reservation before check-in (seed 003 §3: dates, room, rate plan, guests): the nights are
// priced again from the rate plan exactly as at booking, the room must be free on every new night, and
// the money consequence (old and new stay total, the deposits held and captured against it) is shown by a
// preview that writes nothing before the change is made. An in-house stay is not changed here.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { selectDeposits } from '../deposits/deposit.repository.js';
import { depositCover, policyDueMinor } from '../deposits/deposit-due.js';
import { FolioError } from '../errors.js';
import { asMinorUnits, type MinorUnits } from '../money/index.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { requireProperty } from '../property/property.service.js';
import { findDepositPolicy, findRatePlanByCode, selectRates } from '../rate-plans/rate-plan.repository.js';
import { priceNights } from '../rate-plans/stay-price.js';
import { invalid, optionalText, requireInteger, requireIsoDate, requireText } from '../validation.js';
import {
  deleteNights,
  insertNights,
  insertReservationEvent,
  selectNights,
  updateReservationTerms,
} from './reservation.repository.js';
import { requireReservation } from './reservation-lifecycle.js';
import type { ReservationStatus } from './reservation-status.js';
import { loadReservationView, type ReservationView } from './reservation-view.js';
import { assertRoomFree } from './room-free.js';
import { nightsOf } from './stay-dates.js';

type Db = Kysely<FolioDatabase>;

/** Statuses whose terms may change; once in house, a stay is extended or shortened at checkout. */
const CHANGEABLE: readonly ReservationStatus[] = ['Draft', 'PendingDeposit', 'Confirmed'];

/** What changes; an omitted field keeps its value. */
export interface ReservationChangeInput {
  reservationId: string;
  arrival?: string;
  departure?: string;
  roomNumber?: string;
  ratePlanCode?: string;
  adults?: number;
  children?: number;
  extraBeds?: number;
  reason?: string;
  by: string;
}

export interface ReservationTerms {
  arrival: string;
  departure: string;
  roomNumber: string;
  ratePlanCode: string;
  adults: number;
  children: number;
  extraBeds: number;
  nights: number;
  stayTotalMinor: MinorUnits;
}

export interface ReservationChangePreview {
  reservationId: string;
  status: ReservationStatus;
  before: ReservationTerms;
  after: ReservationTerms;
  /** after − before: what the stay costs more (or less) before tax. */
  differenceMinor: MinorUnits;
  /** Deposits against the stay now: held (authorised) and captured (on the folio at check-in). */
  heldMinor: MinorUnits;
  capturedMinor: MinorUnits;
  /**
   * The reservation's deposit policy on the old and the new stay total (null: it has none). `topUpMinor`
   * is what the desk still asks after the change (taking a deposit without an amount asks exactly that);
   * `excessMinor` is what the deposits hold beyond the new due: kept, never released or refunded by the
   * change (it credits the folio at check-in, or a manager releases or refunds it).
   */
  deposit: {
    policyCode: string;
    dueBeforeMinor: MinorUnits;
    dueAfterMinor: MinorUnits;
    topUpMinor: MinorUnits;
    excessMinor: MinorUnits;
  } | null;
}

async function roomByNumber(db: Db, number: string) {
  return db
    .selectFrom('rooms')
    .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
    .select(['rooms.id', 'rooms.number', 'rooms.room_type_id', 'room_types.base_occupancy'])
    .where('rooms.number', '=', number)
    .executeTakeFirst();
}

async function roomById(db: Db, id: string) {
  return db
    .selectFrom('rooms')
    .innerJoin('room_types', 'room_types.id', 'rooms.room_type_id')
    .select(['rooms.id', 'rooms.number', 'rooms.room_type_id', 'room_types.base_occupancy'])
    .where('rooms.id', '=', id)
    .executeTakeFirstOrThrow();
}

export function createReservationChangeService({ db, clock, newId }: FolioContext) {
  /** Validates and prices the change inside `trx`; writes nothing. */
  async function plan(trx: Db, input: ReservationChangeInput) {
    const reservation = await requireReservation(trx, requireText(input.reservationId, 'reservationId', 100));
    if (!CHANGEABLE.includes(reservation.status)) {
      throw new FolioError('ILLEGAL_TRANSITION', `a ${reservation.status} reservation is not changed`, {
        from: reservation.status,
        reservationId: reservation.id,
      });
    }
    const property = await requireProperty(trx);
    const arrival =
      input.arrival === undefined ? reservation.arrival : requireIsoDate(input.arrival, 'arrival');
    const departure =
      input.departure === undefined ? reservation.departure : requireIsoDate(input.departure, 'departure');
    if (departure <= arrival) throw invalid('departure', 'must be after arrival', { arrival, departure });
    if (arrival !== reservation.arrival && arrival < property.businessDate) {
      throw invalid('arrival', 'is before the business date', {
        arrival,
        businessDate: property.businessDate,
      });
    }
    const nights = nightsOf(arrival, departure);
    if (nights.length > 366) throw invalid('departure', 'a stay is at most 366 nights');
    const adults =
      input.adults === undefined ? reservation.adults : requireInteger(input.adults, 'adults', 1);
    const children =
      input.children === undefined ? reservation.children : requireInteger(input.children, 'children');
    const extraBeds =
      input.extraBeds === undefined ? reservation.extra_beds : requireInteger(input.extraBeds, 'extraBeds');
    const oldRoom = await roomById(trx, reservation.room_id);
    const room =
      input.roomNumber === undefined
        ? oldRoom
        : await roomByNumber(trx, requireText(input.roomNumber, 'roomNumber', 20));
    if (!room) throw new FolioError('ROOM_NOT_FOUND', 'unknown room', { roomNumber: input.roomNumber });
    const oldPlan = await trx
      .selectFrom('rate_plans')
      .selectAll()
      .where('id', '=', reservation.rate_plan_id)
      .executeTakeFirstOrThrow();
    const ratePlan =
      input.ratePlanCode === undefined
        ? oldPlan
        : await findRatePlanByCode(trx, requireText(input.ratePlanCode, 'ratePlanCode', 32));
    if (!ratePlan)
      throw new FolioError('NOT_FOUND', 'unknown rate plan', { ratePlanCode: input.ratePlanCode });
    await assertRoomFree(trx, room, arrival, departure, reservation.id);
    const priced = priceNights(
      ratePlan,
      await selectRates(trx, ratePlan.id, room.room_type_id, arrival, departure),
      nights,
      { baseOccupancy: room.base_occupancy, adults, children, extraBeds },
    );
    const oldNights = await selectNights(trx, reservation.id);
    const total = (rows: Array<{ roomMinor: number; extraMinor: number }>) =>
      asMinorUnits(rows.reduce((sum, n) => sum + n.roomMinor + n.extraMinor, 0));
    const deposits = await selectDeposits(trx, reservation.id);
    const sumOf = (state: string) =>
      asMinorUnits(deposits.filter((d) => d.state === state).reduce((sum, d) => sum + d.amount_minor, 0));
    const before: ReservationTerms = {
      arrival: reservation.arrival,
      departure: reservation.departure,
      roomNumber: oldRoom.number,
      ratePlanCode: oldPlan.code,
      adults: reservation.adults,
      children: reservation.children,
      extraBeds: reservation.extra_beds,
      nights: oldNights.length,
      stayTotalMinor: total(oldNights.map((n) => ({ roomMinor: n.room_minor, extraMinor: n.extra_minor }))),
    };
    const after: ReservationTerms = {
      arrival,
      departure,
      roomNumber: room.number,
      ratePlanCode: ratePlan.code,
      adults,
      children,
      extraBeds,
      nights: priced.length,
      stayTotalMinor: total(priced),
    };
    const heldMinor = sumOf('HELD');
    const capturedMinor = sumOf('CAPTURED');
    const policy =
      reservation.deposit_policy_id === null
        ? undefined
        : await findDepositPolicy(trx, reservation.deposit_policy_id);
    const dueAfter = policy ? policyDueMinor(policy, after.stayTotalMinor) : null;
    const cover = dueAfter === null ? null : depositCover(dueAfter, heldMinor + capturedMinor);
    const preview: ReservationChangePreview = {
      reservationId: reservation.id,
      status: reservation.status,
      before,
      after,
      differenceMinor: asMinorUnits(after.stayTotalMinor - before.stayTotalMinor),
      heldMinor,
      capturedMinor,
      deposit:
        policy && cover
          ? {
              policyCode: policy.code,
              dueBeforeMinor: policyDueMinor(policy, before.stayTotalMinor),
              dueAfterMinor: cover.dueMinor,
              topUpMinor: cover.topUpMinor,
              excessMinor: cover.excessMinor,
            }
          : null,
    };
    return { reservation, room, ratePlan, priced, preview };
  }

  return {
    /** The change's money consequence, computed as the change would be made; writes nothing. */
    async previewReservationChange(input: ReservationChangeInput): Promise<ReservationChangePreview> {
      return (await plan(db, input)).preview;
    },

    /**
     * Makes the change in one transaction: new terms, the nights priced again, an entry in the history
     * naming what changed (the deposit due too). Deposits stay as they are: a held deposit still holds, a
     * captured one is never refunded by a change; a top-up is asked by the next deposit taken without an
     * amount. ILLEGAL_TRANSITION once checked in or closed; ROOM_UNAVAILABLE; VALIDATION_FAILED.
     */
    async changeReservation(
      input: ReservationChangeInput,
    ): Promise<{ change: ReservationChangePreview; reservation: ReservationView }> {
      const by = requireText(input.by, 'by', 64);
      const reason = optionalText(input.reason, 'reason', 200);
      const change = await db.transaction().execute(async (trx) => {
        const planned = await plan(trx, input);
        const { reservation, room, ratePlan, priced, preview } = planned;
        await updateReservationTerms(trx, reservation.id, {
          arrival: preview.after.arrival,
          departure: preview.after.departure,
          room_id: room.id,
          rate_plan_id: ratePlan.id,
          adults: preview.after.adults,
          children: preview.after.children,
          extra_beds: preview.after.extraBeds,
        });
        await deleteNights(trx, reservation.id);
        await insertNights(
          trx,
          priced.map((n) => ({
            reservation_id: reservation.id,
            stay_date: n.stayDate,
            room_minor: n.roomMinor,
            extra_minor: n.extraMinor,
          })),
        );
        const { deposit } = preview;
        const changed = [
          ...(Object.keys(preview.after) as Array<keyof ReservationTerms>)
            .filter((k) => preview.after[k] !== preview.before[k])
            .map((k) => `${k} ${preview.before[k]} → ${preview.after[k]}`),
          // The deposit asked follows the new total; the deposits themselves are not touched.
          ...(deposit && deposit.dueAfterMinor !== deposit.dueBeforeMinor
            ? [
                `depositDue ${deposit.dueBeforeMinor} → ${deposit.dueAfterMinor}` +
                  (deposit.topUpMinor > 0 ? ` (top-up ${deposit.topUpMinor})` : '') +
                  (deposit.excessMinor > 0 ? ` (kept beyond due ${deposit.excessMinor})` : ''),
              ]
            : []),
        ].join('; ');
        await insertReservationEvent(trx, {
          id: newId(),
          reservation_id: reservation.id,
          from_status: reservation.status,
          to_status: reservation.status,
          at: clock.now().toISOString(),
          by,
          reason: `changed: ${changed || 'nothing'}${reason ? ` (${reason})` : ''}`.slice(0, 500),
        });
        return preview;
      });
      return { change, reservation: await loadReservationView(db, change.reservationId) };
    },
  };
}
