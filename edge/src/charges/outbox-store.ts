import type { ChargeStatusMessage, OutboxEntry, OutboxStore } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import { acceptsStatus } from './charge-state.js';

/** The relay's view of the edge's SQLite outbox; a status update and the outbox row change together. */
export function sqliteOutboxStore(db: Kysely<EdgeDatabase>, now: () => Date): OutboxStore {
  return {
    async due(at: Date, limit: number): Promise<OutboxEntry[]> {
      return db
        .selectFrom('outbox')
        .select(['charge_id as chargeId', 'payload', 'attempts'])
        .where('done_at', 'is', null)
        .where('next_attempt_at', '<=', at.toISOString())
        .orderBy('next_attempt_at')
        .limit(limit)
        .execute();
    },

    async published(chargeId, nextAttemptAt) {
      await db
        .updateTable('outbox')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptAt.toISOString() }))
        .where('charge_id', '=', chargeId)
        .where('done_at', 'is', null)
        .execute();
    },

    async applyStatus(status: ChargeStatusMessage, nextAttemptAt: Date | null) {
      return db.transaction().execute(async (trx) => {
        const charge = await trx
          .selectFrom('charges')
          .select(['status', 'status_at'])
          .where('id', '=', status.chargeId)
          .executeTakeFirst();
        if (!charge) return false;
        const stamp = now().toISOString();
        if (acceptsStatus({ status: charge.status, statusAt: charge.status_at }, status)) {
          await trx
            .updateTable('charges')
            .set({
              status: status.status,
              status_at: status.at,
              error_code: status.error?.code ?? null,
              error_message: status.error?.message ?? null,
              pms_transaction_id: status.pmsTransactionId,
              folio_balance_minor: status.folioBalanceMinor,
              ...(status.status === 'withdrawn' ? { withdrawn_at: status.at } : {}),
              ...(status.attempts === undefined ? {} : { attempts: status.attempts }),
              updated_at: stamp,
            })
            .where('id', '=', status.chargeId)
            .execute();
        }
        await trx
          .updateTable('outbox')
          .set(nextAttemptAt === null ? { done_at: stamp } : { next_attempt_at: nextAttemptAt.toISOString() })
          .where('charge_id', '=', status.chargeId)
          .where('done_at', 'is', null)
          .execute();
        return true;
      });
    },
  };
}
