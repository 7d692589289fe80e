import { GroupCommit, QueryTemplate } from '@roompost/folio';
import type { ChargeStatusMessage, InFlight, OutboxEntry, OutboxStore } from '@roompost/sync';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import type { ChargeTable } from './charge.table.js';
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
 *
 * A group is written with statements compiled once (QueryTemplate) and one read of the current
 * statuses of all its charges: a drained backlog records two or three messages per charge, and
 * building each kysely query again was most of the edge's own CPU per charge.
 */
export function sqliteOutboxStore(db: Kysely<EdgeDatabase>, now: () => Date): OutboxStore {
  const statements = outboxStatements(db, now);
  const writes = new GroupCommit(
    db,
    async (trx, w: OutboxWrite): Promise<boolean> => (await statements.writeMany(trx, [w]))[0] as boolean,
    500,
    { durable: false, writeMany: statements.writeMany },
  );
  return {
    async due(at: Date, limit: number, inFlight?: InFlight): Promise<OutboxEntry[]> {
      // Ids first, then the payloads of the ones not in flight: the entries still in flight (up to
      // the window) are skipped without reading their payloads again.
      const { rows: ids } = await statements.dueIds.execute(db, {
        at: at.toISOString(),
        limit: limit + (inFlight?.size ?? 0),
      });
      const fresh = ids.filter((row) => !inFlight?.has(row.charge_id)).slice(0, limit);
      if (fresh.length === 0) return [];
      const payloads = new Map<string, string>();
      const { rows } = await statements.payloads.execute(db, {
        ids: JSON.stringify(fresh.map((row) => row.charge_id)),
      });
      for (const row of rows) payloads.set(row.charge_id, row.payload);
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

type OutboxWrite =
  | { kind: 'published'; chargeId: string; nextAttemptAt: Date }
  | { kind: 'status'; status: ChargeStatusMessage; nextAttemptAt: Date | null };

type StatusColumns = Pick<
  ChargeTable,
  'status' | 'status_at' | 'error_code' | 'error_message' | 'pms_transaction_id' | 'folio_balance_minor'
> & { updated_at: string; id: string };

/**
 * The outbox's writes, compiled once. `writeMany` applies a group in order, each write as
 * `markPublished` / `recordStatus` did one by one: a status replaces the charge's current one only
 * when `acceptsStatus` says so (judged against the statuses the group applied before it), and the
 * outbox entry is done (final status) or due again later. Answers, per write, whether the charge is
 * known here (always true for a PUBACK record).
 */
function outboxStatements(db: Kysely<EdgeDatabase>, now: () => Date) {
  // A list of ids is one JSON parameter read by json_each: one statement text for any length, and
  // nothing for kysely to build per call (the edge's SQLite only; central's lists use inIdList).
  const inJson = (ref: string, ids: string) =>
    sql<boolean>`${sql.ref(ref)} in (select value from json_each(${ids}))`;
  const dueIds = new QueryTemplate<{ at: string; limit: number }, { charge_id: string; attempts: number }>(
    ['at', 'limit'],
    (a) =>
      db
        .selectFrom('outbox')
        .select(['charge_id', 'attempts'])
        .where('done_at', 'is', null)
        .where('next_attempt_at', '<=', a.at)
        .orderBy('next_attempt_at')
        .limit(a.limit),
  );
  const payloads = new QueryTemplate<{ ids: string }, { charge_id: string; payload: string }>(['ids'], (a) =>
    db.selectFrom('outbox').select(['charge_id', 'payload']).where(inJson('charge_id', a.ids)),
  );
  const statuses = new QueryTemplate<
    { ids: string },
    { id: string; status: ChargeTable['status']; status_at: string | null }
  >(['ids'], (a) =>
    db.selectFrom('charges').select(['id', 'status', 'status_at']).where(inJson('id', a.ids)),
  );
  const published = new QueryTemplate<{ chargeId: string; next: string }, never>(['chargeId', 'next'], (a) =>
    db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: a.next }))
      .where('charge_id', '=', a.chargeId)
      .where('done_at', 'is', null),
  );
  const outboxDone = new QueryTemplate<{ chargeId: string; at: string }, never>(['chargeId', 'at'], (a) =>
    db
      .updateTable('outbox')
      .set({ done_at: a.at })
      .where('charge_id', '=', a.chargeId)
      .where('done_at', 'is', null),
  );
  const outboxAgain = new QueryTemplate<{ chargeId: string; next: string }, never>(
    ['chargeId', 'next'],
    (a) =>
      db
        .updateTable('outbox')
        .set({ next_attempt_at: a.next })
        .where('charge_id', '=', a.chargeId)
        .where('done_at', 'is', null),
  );
  const statusKeys = [
    'id',
    'status',
    'status_at',
    'error_code',
    'error_message',
    'pms_transaction_id',
    'folio_balance_minor',
    'updated_at',
  ] as const;
  // One statement per shape: a withdrawal also stamps `withdrawn_at`, a status with attempts sets them.
  const statusUpdates = new Map<string, QueryTemplate<StatusColumns & { attempts: number }, never>>();
  const statusUpdate = (withdrawn: boolean, attempts: boolean) => {
    const key = `${withdrawn}:${attempts}`;
    let template = statusUpdates.get(key);
    if (!template) {
      template = new QueryTemplate<StatusColumns & { attempts: number }, never>(
        attempts ? [...statusKeys, 'attempts'] : [...statusKeys],
        (a) =>
          db
            .updateTable('charges')
            .set({
              status: a.status,
              status_at: a.status_at,
              error_code: a.error_code,
              error_message: a.error_message,
              pms_transaction_id: a.pms_transaction_id,
              folio_balance_minor: a.folio_balance_minor,
              ...(withdrawn ? { withdrawn_at: a.status_at } : {}),
              ...(attempts ? { attempts: a.attempts } : {}),
              updated_at: a.updated_at,
            })
            .where('id', '=', a.id),
      );
      statusUpdates.set(key, template);
    }
    return template;
  };

  async function writeMany(trx: Transaction<EdgeDatabase>, group: OutboxWrite[]): Promise<boolean[]> {
    const current = new Map<string, { status: ChargeTable['status']; statusAt: string | null }>();
    const asked = group.flatMap((w) => (w.kind === 'status' ? [w.status.chargeId] : []));
    if (asked.length > 0) {
      const { rows } = await statuses.execute(trx, { ids: JSON.stringify(asked) });
      for (const row of rows) current.set(row.id, { status: row.status, statusAt: row.status_at });
    }
    const stamp = now().toISOString();
    const answers: boolean[] = [];
    for (const w of group) {
      if (w.kind === 'published') {
        await published.execute(trx, { chargeId: w.chargeId, next: w.nextAttemptAt.toISOString() });
        answers.push(true);
        continue;
      }
      const { status, nextAttemptAt } = w;
      const charge = current.get(status.chargeId);
      if (!charge) {
        answers.push(false);
        continue;
      }
      if (acceptsStatus(charge, status)) {
        await statusUpdate(status.status === 'withdrawn', status.attempts !== undefined).execute(trx, {
          id: status.chargeId,
          status: status.status,
          status_at: status.at,
          error_code: status.error?.code ?? null,
          error_message: status.error?.message ?? null,
          pms_transaction_id: status.pmsTransactionId,
          folio_balance_minor: status.folioBalanceMinor,
          attempts: status.attempts ?? 0,
          updated_at: stamp,
        });
        current.set(status.chargeId, { status: status.status, statusAt: status.at });
      }
      if (nextAttemptAt === null) await outboxDone.execute(trx, { chargeId: status.chargeId, at: stamp });
      else await outboxAgain.execute(trx, { chargeId: status.chargeId, next: nextAttemptAt.toISOString() });
      answers.push(true);
    }
    return answers;
  }

  return { writeMany, dueIds, payloads };
}
