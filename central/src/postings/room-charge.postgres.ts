// The charge road's two group-commit writes on PostgreSQL, a whole group per statement: storing the
// charges that arrived together, and recording the attempts that ended together. Each column travels
// as one array parameter (`unnest($1::text[], $2::bigint[], …)`), so the SQL is the same for a group of
// any size and a group costs one round trip to the server per statement instead of one per charge.
// SQLite runs the per-charge statements of room-charge.repository.ts (in-process, no round trips).
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import type { AttemptLog, AttemptOutcome } from './room-charge.repository.js';
import type { RoomChargeTable } from './room-charge.table.js';

type Db = Kysely<CentralDatabase> | Transaction<CentralDatabase>;
type PgType = 'text' | 'bigint';

/** Every column of `room_charges` with its PostgreSQL type (`integer` columns are bigint there). */
const CHARGE_COLUMNS: Record<keyof RoomChargeTable, PgType> = {
  id: 'text',
  device: 'text',
  source: 'text',
  outlet_code: 'text',
  check_number: 'text',
  room_number: 'text',
  stay_ref: 'text',
  guest_name: 'text',
  currency: 'text',
  subtotal_minor: 'bigint',
  tax_minor: 'bigint',
  tip_minor: 'bigint',
  total_minor: 'bigint',
  items_json: 'text',
  employee_id: 'text',
  created_at: 'text',
  received_at: 'text',
  content_hash: 'text',
  posting_status: 'text',
  attempts: 'bigint',
  next_attempt_at: 'text',
  last_attempt_at: 'text',
  pms_transaction_id: 'text',
  folio_balance_minor: 'bigint',
  error_code: 'text',
  error_message: 'text',
  posted_at: 'text',
  override_json: 'text',
  held_at: 'text',
  stand_in: 'bigint',
  withdrawn_at: 'text',
  withdrawn_by: 'text',
  withdrawn_reason: 'text',
  withdrawal_id: 'text',
  claimed_by: 'text',
  claimed_until: 'text',
  rate_limited_answers: 'bigint',
};

const OUTCOME_COLUMNS: Record<keyof AttemptOutcome, PgType> = {
  posting_status: 'text',
  attempts: 'bigint',
  rate_limited_answers: 'bigint',
  next_attempt_at: 'text',
  last_attempt_at: 'text',
  pms_transaction_id: 'text',
  folio_balance_minor: 'bigint',
  error_code: 'text',
  error_message: 'text',
  posted_at: 'text',
  held_at: 'text',
};

type AttemptRow = Required<AttemptLog> & { charge_id: string };
const ATTEMPT_COLUMNS: Record<keyof AttemptRow, PgType> = {
  charge_id: 'text',
  attempt: 'bigint',
  at: 'text',
  outcome: 'text',
  error_code: 'text',
  error_message: 'text',
  actor: 'text',
  note: 'text',
};

const columnsOf = <K extends string>(types: Record<K, PgType>) => Object.keys(types) as K[];
const unnest = <K extends string>(types: Record<K, PgType>, first = 1) =>
  `unnest(${columnsOf(types)
    .map((c, i) => `$${first + i}::${types[c]}[]`)
    .join(', ')})`;

const chargeColumns = columnsOf(CHARGE_COLUMNS);
const INSERT_CHARGES = `insert into room_charges (${chargeColumns.join(', ')})
  select * from ${unnest(CHARGE_COLUMNS)}
  on conflict (id) do nothing
  returning id`;

const outcomeColumns = columnsOf(OUTCOME_COLUMNS);
const SETTLE_CHARGES = `update room_charges as rc set
  ${outcomeColumns.map((c) => `${c} = v.${c}`).join(', ')}, claimed_by = null, claimed_until = null
  from ${unnest({ id: 'text', ...OUTCOME_COLUMNS })} as v(id, ${outcomeColumns.join(', ')})
  where rc.id = v.id`;

const attemptColumns = columnsOf(ATTEMPT_COLUMNS);
const LOG_ATTEMPTS = `insert into posting_attempts (${attemptColumns.join(', ')})
  select * from ${unnest(ATTEMPT_COLUMNS)}`;

/** One array per column, in the columns' order. */
function arraysOf<K extends string>(
  columns: readonly K[],
  rows: ReadonlyArray<Record<K, unknown>>,
): unknown[] {
  return columns.map((c) => rows.map((r) => r[c] ?? null));
}

/**
 * Stores the charges not stored yet, in one statement; answers per charge whether this call stored it
 * (a charge id twice in the group: the first one).
 */
export async function insertChargesIfNew(db: Db, rows: readonly RoomChargeTable[]): Promise<boolean[]> {
  const result = await db.executeQuery<{ id: string }>(
    CompiledQuery.raw(INSERT_CHARGES, arraysOf(chargeColumns, rows)),
  );
  const stored = new Set(result.rows.map((r) => r.id));
  return rows.map((row) => stored.delete(row.id));
}

export interface SettledAttempt {
  id: string;
  outcome: AttemptOutcome;
  log: AttemptLog;
}

/**
 * Records attempts of distinct charges: each charge's new state (its claim let go) in one UPDATE, the
 * append-only log entries in one INSERT, in the caller's transaction.
 */
export async function writeAttempts(trx: Db, attempts: readonly SettledAttempt[]): Promise<void> {
  const outcomes = attempts.map((a) => ({ ...a.outcome, id: a.id }));
  await trx.executeQuery(CompiledQuery.raw(SETTLE_CHARGES, arraysOf(['id', ...outcomeColumns], outcomes)));
  const logs: AttemptRow[] = attempts.map((a) => ({ charge_id: a.id, actor: null, note: null, ...a.log }));
  await trx.executeQuery(CompiledQuery.raw(LOG_ATTEMPTS, arraysOf(attemptColumns, logs)));
}
