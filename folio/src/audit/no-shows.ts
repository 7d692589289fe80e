// The night audit's first step: Confirmed reservations that were due and did not arrive become NoShow.
import type { FolioContext } from '../context.js';
import { findDueConfirmed, findReservation } from '../reservations/reservation.repository.js';
import { moveReservation } from '../reservations/reservation-lifecycle.js';

/** Marks each Confirmed reservation due on or before the date NoShow (one transaction each); their confirmations. */
export async function markNoShows(ctx: FolioContext, businessDate: string, by: string): Promise<string[]> {
  const due = await findDueConfirmed(ctx.db, businessDate);
  for (const r of due) {
    await ctx.db.transaction().execute(async (trx) => {
      const row = await findReservation(trx, r.id);
      if (row?.status === 'Confirmed') {
        await moveReservation(trx, ctx, row, 'NoShow', by, { reason: `night audit ${businessDate}` });
      }
    });
  }
  return due.map((r) => r.confirmation);
}
