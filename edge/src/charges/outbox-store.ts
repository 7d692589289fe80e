import { GroupCommit, inLists } from '@roompost/folio';
import type { ChargeStatusMessage, InFlight, OutboxEntry, OutboxStore } from '@roompost/sync';
import type { Kysely, Transaction } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import { acceptsStatus } from './charge-state.js';

/**
 * The relay's view of the edge's SQLite outbox; a status update and the outbox row change together.
 * PUBACKs and statuses arriving together are recorded in one transaction (group commit): a drained
 * backlog costs one transaction per group, not one per message. These commits do not wait for the
 * disk (relaxed-commit.ts): what they record is found again if a power cut loses it. A lost PUBACK
 * record leaves the charge due, so it is published again and central's replay answer is the
 * charge's current status, writing nothing twice (it is keyed by charge id); a lost status is asked
 * for again the same way and by the status resync. The charge itself, with its outbox row, is
 * written by a durable commit before the guest sees it (charge.repository.ts).
 */
export function sqliteOutboxStore(db: Kysely<EdgeDatabase>, now: () => Date): OutboxStore {
  type Write =
    | { kind: 'published'; chargeId: string; nextAttemptAt: Date }
    | { kind: 'status'; status: ChargeStatusMessage; nextAttemptAt: Date | null };
  const writes = new GroupCommit(
    db,
    async (trx, w: Write): Promise<boolean> => {
      if (w.kind === 'status') return recordStatus(trx, w.status, w.nextAttemptAt, now);
      await markPublished(trx, w.chargeId, w.nextAttemptAt);
      return true;
    },
    500,
    { durable: false },
  );
  return {
    async due(at: Date, limit: number, inFlight?: InFlight): Promise<OutboxEntry[]> {
      // Ids first, then the payloads of the ones not in flight: as each PUBACK refills the window,
      // the entries still in flight (up to the window) are skipped without reading their payloads.
      const ids = await db
        .selectFrom('outbox')
        .select(['charge_id', 'attempts'])
        .where('done_at', 'is', null)
        .where('next_attempt_at', '<=', at.toISOString())
        .orderBy('next_attempt_at')
        .limit(limit + (inFlight?.size ?? 0))
        .execute();
      const fresh = ids.filter((row) => !inFlight?.has(row.charge_id)).slice(0, limit);
      if (fresh.length === 0) return [];
      const payloads = new Map<string, string>();
      for (const list of inLists(fresh.map((row) => row.charge_id))) {
        const rows = await db
          .selectFrom('outbox')
          .select(['charge_id', 'payload'])
          .where('charge_id', 'in', list)
          .execute();
        for (const row of rows) payloads.set(row.charge_id, row.payload);
      }
      return fresh.flatMap((row) => {
        const payload = payloads.get(row.charge_id);
        return payload === undefined ? [] : [{ chargeId: row.charge_id, payload, attempts: row.attempts }];
      });
    },

    async published(chargeId, nextAttemptAt) {
      await writes.submit({ kind: 'published', chargeId, nextAttemptAt });
    },

    applyStatus(status: ChargeStatusMessage, nextAttemptAt: Date | null) {
      return writes.submit({ kind: 'status', status, nextAttemptAt });
    },
  };
}

async function markPublished(trx: Transaction<EdgeDatabase>, chargeId: string, nextAttemptAt: Date) {
  await trx
    .updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: nextAttemptAt.toISOString() }))
    .where('charge_id', '=', chargeId)
    .where('done_at', 'is', null)
    .execute();
}

async function recordStatus(
  trx: Transaction<EdgeDatabase>,
  status: ChargeStatusMessage,
  nextAttemptAt: Date | null,
  now: () => Date,
): Promise<boolean> {
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
}
