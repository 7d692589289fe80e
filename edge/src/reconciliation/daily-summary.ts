// Ledger (a) of daily reconciliation: what this outlet itself recorded, per business day (the
// hotel's local date of each charge), computed from the edge's SQLite and sent to central until it
// acknowledges the exact version (digest). Central compares it, charge id by charge id, with what it
// received and with what the PMS holds.
import { createHash } from 'node:crypto';
import { localDate, localDayBounds } from '@roompost/folio';
import type { DailySummaryAckMessage, DailySummaryMessage } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';

/** The digest of each business day's summary central acknowledged last. */
export interface DailySummaryAckTable {
  business_date: string;
  digest: string;
  acked_at: string;
}

export interface DailySummaryScope {
  outletCode: string;
  timeZone: string;
  currency: string;
  now: () => Date;
  /** How many past days are summarized (a day's statuses keep changing while postings settle). */
  days?: number;
}

/** Every business day of the last `days` with charges, summarized, whether acknowledged or not. */
export async function dailySummaries(
  db: Kysely<EdgeDatabase>,
  scope: DailySummaryScope,
): Promise<DailySummaryMessage[]> {
  const now = scope.now();
  const today = localDayBounds(now, scope.timeZone);
  const since = new Date(Date.parse(today.from) - (scope.days ?? 7) * 86_400_000).toISOString();
  const rows = await db
    .selectFrom('charges')
    .innerJoin('checks', 'checks.id', 'charges.check_id')
    .select([
      'charges.id',
      'checks.number as check_number',
      'charges.room_number',
      'charges.total_minor',
      'charges.status',
      'charges.created_at',
    ])
    .where('checks.outlet_code', '=', scope.outletCode)
    .where('charges.created_at', '>=', since)
    .orderBy('charges.id')
    .execute();
  const byDay = new Map<string, typeof rows>();
  // The local day of a charge from the bounds of the previous one's (rows in id order are in time
  // order, almost always the same day): a time-zone conversion per charge was most of a pass.
  let day = '';
  let from = 0;
  let to = 0;
  for (const row of rows) {
    const t = Date.parse(row.created_at);
    if (!(t >= from && t < to)) {
      const b = localDayBounds(new Date(t), scope.timeZone);
      day = b.date;
      from = Date.parse(b.from);
      to = Date.parse(b.to);
    }
    const list = byDay.get(day) ?? [];
    list.push(row);
    byDay.set(day, list);
  }
  const at = now.toISOString();
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([businessDate, list]) => {
      const byStatus = new Map<string, { count: number; totalMinor: number }>();
      const hash = createHash('sha256');
      for (const c of list) {
        const s = byStatus.get(c.status) ?? { count: 0, totalMinor: 0 };
        s.count++;
        s.totalMinor += c.total_minor;
        byStatus.set(c.status, s);
        hash.update(`${c.id}|${c.total_minor}|${c.status}\n`);
      }
      return {
        v: 1 as const,
        outletCode: scope.outletCode,
        businessDate,
        timeZone: scope.timeZone,
        currency: scope.currency,
        closed: businessDate < today.date,
        digest: hash.digest('hex'),
        byStatus: [...byStatus.entries()].map(([status, s]) => ({ status, ...s })),
        charges: list.map((c) => ({
          chargeId: c.id,
          checkNumber: c.check_number,
          roomNumber: c.room_number,
          totalMinor: c.total_minor,
          status: c.status,
          createdAt: c.created_at,
        })),
        at,
      };
    });
}

/** The summaries central has not acknowledged in their current version. */
export async function unacknowledgedSummaries(
  db: Kysely<EdgeDatabase>,
  scope: DailySummaryScope,
): Promise<DailySummaryMessage[]> {
  const all = await dailySummaries(db, scope);
  if (all.length === 0) return [];
  const acks = await db
    .selectFrom('daily_summary_acks')
    .selectAll()
    .where(
      'business_date',
      'in',
      all.map((s) => s.businessDate),
    )
    .execute();
  const acked = new Map(acks.map((a) => [a.business_date, a.digest]));
  return all.filter((s) => acked.get(s.businessDate) !== s.digest);
}

export async function recordSummaryAck(
  db: Kysely<EdgeDatabase>,
  ack: DailySummaryAckMessage,
  now: Date,
): Promise<void> {
  await db
    .insertInto('daily_summary_acks')
    .values({ business_date: ack.businessDate, digest: ack.digest, acked_at: now.toISOString() })
    .onConflict((oc) =>
      oc.column('business_date').doUpdateSet({ digest: ack.digest, acked_at: now.toISOString() }),
    )
    .execute();
}

/** Today's local date at the outlet (for tests and logs). */
export const outletToday = (now: Date, timeZone: string) => localDate(now, timeZone);
