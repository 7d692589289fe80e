// Moving a reservation along its lifecycle: checked against the transition table, logged with its actor.
import type { Kysely } from 'kysely';
import type { FolioContext } from '../context.js';
import { FolioError } from '../errors.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import {
  findReservation,
  insertReservationEvent,
  type ReservationRow,
  updateReservationStatus,
} from './reservation.repository.js';
import { assertReservationTransition, type ReservationStatus } from './reservation-status.js';

type Db = Kysely<FolioDatabase>;

export async function requireReservation(db: Db, id: string): Promise<ReservationRow> {
  const row = await findReservation(db, id);
  if (!row) throw new FolioError('NOT_FOUND', 'unknown reservation', { reservationId: id });
  return row;
}

export async function moveReservation(
  db: Db,
  ctx: Pick<FolioContext, 'clock' | 'newId'>,
  reservation: ReservationRow,
  to: ReservationStatus,
  by: string,
  opts: { reason?: string | null; stayId?: string } = {},
): Promise<void> {
  assertReservationTransition(reservation.id, reservation.status, to);
  await updateReservationStatus(db, reservation.id, to, opts.stayId);
  await insertReservationEvent(db, {
    id: ctx.newId(),
    reservation_id: reservation.id,
    from_status: reservation.status,
    to_status: to,
    at: ctx.clock.now().toISOString(),
    by,
    reason: opts.reason ?? null,
  });
}
