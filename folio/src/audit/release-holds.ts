// Seed 003 §8 "release expired holds": a reservation waiting for its deposit (PendingDeposit) holds its room
// only until the deposit policy's hold time (expiry_hours after booking) has passed without a deposit held or
// captured; then it is Cancelled (reason "hold expired") and the room is free again. Each in its own
// transaction, logged with the actor; a re-run finds nothing more to release.
import type { FolioContext } from '../context.js';
import { findReservation } from '../reservations/reservation.repository.js';
import { moveReservation } from '../reservations/reservation-lifecycle.js';
import { requireText } from '../validation.js';

export function createHoldReleaseService(ctx: FolioContext) {
  const { db, clock } = ctx;
  return {
    /** Returns the confirmations released. */
    async releaseExpiredHolds(by: string): Promise<string[]> {
      const actor = requireText(by, 'by', 64);
      const now = clock.now();
      const waiting = await db
        .selectFrom('reservations')
        .innerJoin('deposit_policies', 'deposit_policies.id', 'reservations.deposit_policy_id')
        .select([
          'reservations.id',
          'reservations.confirmation',
          'reservations.created_at',
          'deposit_policies.expiry_hours',
        ])
        .where('reservations.status', '=', 'PendingDeposit')
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('deposits')
                .select('deposits.id')
                .whereRef('deposits.reservation_id', '=', 'reservations.id')
                .where('deposits.state', 'in', ['HELD', 'CAPTURED']),
            ),
          ),
        )
        .orderBy('reservations.confirmation')
        .execute();
      const released: string[] = [];
      for (const r of waiting) {
        const deadline = Date.parse(r.created_at) + r.expiry_hours * 3_600_000;
        if (deadline > now.getTime()) continue;
        await db.transaction().execute(async (trx) => {
          const row = await findReservation(trx, r.id);
          if (row?.status !== 'PendingDeposit') return;
          await moveReservation(trx, ctx, row, 'Cancelled', actor, {
            reason: 'hold expired: no deposit in time',
          });
          released.push(r.confirmation);
        });
      }
      return released;
    },
  };
}
