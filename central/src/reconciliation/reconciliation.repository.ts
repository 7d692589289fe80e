import { inIdList } from '@roompost/folio';
import type { DailySummaryMessage } from '@roompost/sync';
import type { Kysely, Selectable } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import type { RoomChargeRow } from '../postings/room-charge.repository.js';
import type { PostingAttemptTable } from '../postings/room-charge.table.js';
import type { ChargeVoidRow } from '../voids/charge-void.repository.js';
import type { ReconciliationRunTable, ReconciliationSignOffTable } from './reconciliation.table.js';

type Db = Kysely<CentralDatabase>;
export type AttemptRow = Selectable<PostingAttemptTable>;
export type RunRow = Selectable<ReconciliationRunTable>;
export type SignOffRow = Selectable<ReconciliationSignOffTable>;

const CHUNK = 900;

/**
 * The columns of a charge reconciliation reads (match.ts): not the line items, the guest, the hashes
 * or the posting pipeline's bookkeeping. A day of 100,000 charges is read into memory at once, and
 * half the columns (`items_json` above all) were a third of the report's time.
 */
export const RECON_CHARGE_COLUMNS = [
  'id',
  'device',
  'source',
  'outlet_code',
  'check_number',
  'room_number',
  'total_minor',
  'created_at',
  'posting_status',
  'attempts',
  'next_attempt_at',
  'pms_transaction_id',
  'error_code',
  'error_message',
  'posted_at',
  'held_at',
] as const satisfies ReadonlyArray<keyof RoomChargeRow>;
export type ReconChargeRow = Pick<RoomChargeRow, (typeof RECON_CHARGE_COLUMNS)[number]>;

/** Stores a device's summary of a day; a replay of the same digest changes nothing. */
export async function storeEdgeSummary(
  db: Db,
  device: string,
  s: DailySummaryMessage,
  receivedAt: string,
): Promise<void> {
  const row = {
    device,
    outlet_code: s.outletCode,
    business_date: s.businessDate,
    digest: s.digest,
    closed: s.closed ? 1 : 0,
    currency: s.currency,
    summary_json: JSON.stringify(s),
    received_at: receivedAt,
  };
  await db
    .insertInto('edge_daily_summaries')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['device', 'business_date'])
        .doUpdateSet({ ...row })
        .where('edge_daily_summaries.digest', '!=', s.digest),
    )
    .execute();
}

export async function edgeSummariesOf(
  db: Db,
  date: string,
): Promise<Array<{ device: string; summary: DailySummaryMessage; receivedAt: string }>> {
  const rows = await db
    .selectFrom('edge_daily_summaries')
    .selectAll()
    .where('business_date', '=', date)
    .execute();
  return rows.map((r) => ({
    device: r.device,
    summary: JSON.parse(r.summary_json) as DailySummaryMessage,
    receivedAt: r.received_at,
  }));
}

/** Central's charges created in [from, to), with outlet filter; plus those the edges listed for the day. */
export async function chargesOfDay(
  db: Db,
  from: string,
  to: string,
  extraIds: readonly string[],
): Promise<ReconChargeRow[]> {
  const rows: ReconChargeRow[] = await db
    .selectFrom('room_charges')
    .select(RECON_CHARGE_COLUMNS)
    .where('created_at', '>=', from)
    .where('created_at', '<', to)
    .execute();
  const seen = new Set(rows.map((r) => r.id));
  const missing = extraIds.filter((id) => !seen.has(id));
  for (let i = 0; i < missing.length; i += CHUNK) {
    rows.push(
      ...(await db
        .selectFrom('room_charges')
        .select(RECON_CHARGE_COLUMNS)
        .where('id', 'in', missing.slice(i, i + CHUNK))
        .execute()),
    );
  }
  return rows;
}

/** Which of these charge ids central holds at all (on any day). */
export async function knownChargeIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('room_charges')
      .select('id')
      .where('id', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) known.add(r.id);
  }
  return known;
}

/** Attempts of charges that needed more than one (the recovered path) and every void, by charge. */
export async function attemptsAndVoids(
  db: Db,
  rows: readonly ReconChargeRow[],
): Promise<{ attempts: Map<string, AttemptRow[]>; voids: Map<string, ChargeVoidRow> }> {
  const attempts = new Map<string, AttemptRow[]>();
  const voids = new Map<string, ChargeVoidRow>();
  const interesting = rows
    .filter((r) => r.attempts > 1 || r.posting_status !== 'posted' || r.error_code !== null)
    .map((r) => r.id);
  for (let i = 0; i < interesting.length; i += CHUNK) {
    const list = await db
      .selectFrom('posting_attempts')
      .selectAll()
      .where('charge_id', 'in', interesting.slice(i, i + CHUNK))
      .orderBy('id')
      .execute();
    for (const a of list) {
      const l = attempts.get(a.charge_id) ?? [];
      l.push(a);
      attempts.set(a.charge_id, l);
    }
  }
  const posted = rows.filter((r) => r.posting_status === 'posted').map((r) => r.id);
  const anyVoid = await db.selectFrom('charge_voids').select('charge_id').limit(1).execute();
  if (anyVoid.length > 0 && posted.length > 0) {
    // A day's posted charges as one parameter (inIdList), not IN-lists of 900.
    const list = await db
      .selectFrom('charge_voids')
      .selectAll()
      .where(inIdList(db, 'charge_id', posted))
      .execute();
    for (const v of list) voids.set(v.charge_id, v);
  }
  return { attempts, voids };
}

export function findRun(db: Db, date: string): Promise<RunRow | undefined> {
  return db
    .selectFrom('reconciliation_runs')
    .selectAll()
    .where('business_date', '=', date)
    .executeTakeFirst();
}

export function listRuns(db: Db, limit: number): Promise<RunRow[]> {
  return db
    .selectFrom('reconciliation_runs')
    .selectAll()
    .orderBy('business_date', 'desc')
    .limit(limit)
    .execute();
}

export async function saveRun(
  db: Db,
  row: Omit<RunRow, 'auto_started_at' | 'auto_completed_at'> & Partial<RunRow>,
) {
  await db
    .insertInto('reconciliation_runs')
    .values({ auto_started_at: null, auto_completed_at: null, ...row })
    .onConflict((oc) =>
      oc.column('business_date').doUpdateSet({
        state: row.state,
        variance_minor: row.variance_minor,
        exceptions: row.exceptions,
        outlets_json: row.outlets_json,
        computed_at: row.computed_at,
        alert: row.alert,
        ...(row.auto_started_at === undefined ? {} : { auto_started_at: row.auto_started_at }),
        ...(row.auto_completed_at === undefined ? {} : { auto_completed_at: row.auto_completed_at }),
      }),
    )
    .execute();
}

export async function markAutoStarted(db: Db, date: string, at: string): Promise<void> {
  await db
    .insertInto('reconciliation_runs')
    .values({
      business_date: date,
      state: 'open',
      variance_minor: 0,
      exceptions: 0,
      outlets_json: '{}',
      computed_at: at,
      auto_started_at: at,
      auto_completed_at: null,
      alert: 0,
    })
    .onConflict((oc) => oc.column('business_date').doUpdateSet({ auto_started_at: at }))
    .execute();
}

export function signOffsOf(db: Db, date: string): Promise<SignOffRow[]> {
  return db
    .selectFrom('reconciliation_signoffs')
    .selectAll()
    .where('business_date', '=', date)
    .orderBy('id')
    .execute();
}

export function listSignOffs(db: Db, dates: readonly string[]): Promise<SignOffRow[]> {
  if (dates.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('reconciliation_signoffs')
    .selectAll()
    .where('business_date', 'in', dates)
    .orderBy('id')
    .execute();
}

export async function insertSignOff(db: Db, row: Omit<SignOffRow, 'id'>): Promise<SignOffRow> {
  return db.insertInto('reconciliation_signoffs').values(row).returningAll().executeTakeFirstOrThrow();
}

/** Business dates that have charges or edge summaries, newest first (for the list of days). */
export async function datesWithSummaries(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('edge_daily_summaries')
    .select('business_date')
    .distinct()
    .orderBy('business_date', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.business_date);
}
