// Seed 003 §3: the reservation lifecycle, as one transition table. Every status change goes through
// assertReservationTransition, so an illegal step is refused the same way wherever it is attempted.
import { FolioError } from '../errors.js';

export const RESERVATION_STATUSES = [
  'Draft',
  'PendingDeposit',
  'Confirmed',
  'CheckedIn',
  'CheckedOut',
  'Cancelled',
  'NoShow',
] as const;

export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** From → the statuses it may move to. CheckedOut, Cancelled and NoShow are final. */
export const RESERVATION_TRANSITIONS: Readonly<Record<ReservationStatus, readonly ReservationStatus[]>> = {
  Draft: ['PendingDeposit', 'Confirmed', 'Cancelled'],
  PendingDeposit: ['Confirmed', 'Cancelled'],
  Confirmed: ['CheckedIn', 'Cancelled', 'NoShow'],
  CheckedIn: ['CheckedOut'],
  CheckedOut: [],
  Cancelled: [],
  NoShow: [],
};

/** Statuses that hold the room: a new booking may not overlap them. */
export const ROOM_HOLDING_STATUSES: readonly ReservationStatus[] = [
  'Draft',
  'PendingDeposit',
  'Confirmed',
  'CheckedIn',
];

export function canTransition(from: ReservationStatus, to: ReservationStatus): boolean {
  return RESERVATION_TRANSITIONS[from].includes(to);
}

/** ILLEGAL_TRANSITION with from, to and the allowed next statuses in the context. */
export function assertReservationTransition(
  reservationId: string,
  from: ReservationStatus,
  to: ReservationStatus,
): void {
  if (!canTransition(from, to)) {
    throw new FolioError('ILLEGAL_TRANSITION', `a ${from} reservation cannot become ${to}`, {
      reservationId,
      from,
      to,
      allowed: RESERVATION_TRANSITIONS[from],
    });
  }
}
