import { dialectOf, InsertTemplate, inLists, powerOfTwoChunks, QueryTemplate } from '@roompost/folio';
import type { ExpressionBuilder, Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import { insertChargesIfNew, type SettledAttempt, writeAttempts } from './room-charge.postgres.js';
import type { PostingAttemptTable, RoomChargeTable } from './room-charge.table.js';

type Db = Kysely<CentralDatabase> | Transaction<CentralDatabase>;
export type RoomChargeRow = Selectable<RoomChargeTable>;

/** Inserts the charge unless its id is already known; returns whether this call stored it. */
export async function insertIfNew(db: Db, row: RoomChargeTable): Promise<boolean> {
  const result = await db
    .insertInto('room_charges')
    .values(row)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

// Read for every charge that arrives (admission asks whether it is known): compiled once per database.
const findChargeQueries = new WeakMap<Db, QueryTemplate<{ id: string }, RoomChargeRow>>();

export async function findCharge(db: Db, id: string): Promise<RoomChargeRow | undefined> {
  let query = findChargeQueries.get(db);
  if (!query) {
    query = new QueryTemplate<{ id: string }, RoomChargeRow>(['id'], (a) =>
      db.selectFrom('room_charges').selectAll().where('id', '=', a.id),
    );
    findChargeQueries.set(db, query);
  }
  return (await query.execute(db, { id })).rows[0];
}

/**
 * `findCharge` for charges arriving together: the ids asked for in the same turn of the event loop
 * are read with one query (an IN-list padded to a power of two, so the statement cache keeps a few
 * texts) instead of one query each.
 */
export function chargeLookup(
  db: Kysely<CentralDatabase>,
): (id: string) => Promise<RoomChargeRow | undefined> {
  let waiting = new Map<
    string,
    Array<{ resolve: (r: RoomChargeRow | undefined) => void; reject: (e: unknown) => void }>
  >();
  const run = async () => {
    const asked = waiting;
    waiting = new Map();
    try {
      const found = new Map<string, RoomChargeRow>();
      // One charge at a time (the usual turn): the compiled single read, not an IN-list built anew.
      const only = asked.size === 1 ? (asked.keys().next().value as string) : undefined;
      if (only !== undefined) {
        const row = await findCharge(db, only);
        if (row) found.set(only, row);
      }
      for (const ids of only !== undefined ? [] : inLists(asked.keys())) {
        for (const row of await db.selectFrom('room_charges').selectAll().where('id', 'in', ids).execute()) {
          found.set(row.id, row);
        }
      }
      for (const [id, callers] of asked) for (const c of callers) c.resolve(found.get(id));
    } catch (error) {
      for (const callers of asked.values()) for (const c of callers) c.reject(error);
    }
  };
  return (id) =>
    new Promise((resolve, reject) => {
      if (waiting.size === 0) setImmediate(() => void run());
      const callers = waiting.get(id);
      if (callers) callers.push({ resolve, reject });
      else waiting.set(id, [{ resolve, reject }]);
    });
}

/** What a charge in doubt says until its attempt's outcome is recorded (see markInDoubt). */
export const IN_DOUBT_MESSAGE = 'sent to the PMS; its answer is not recorded yet';

/**
 * Written (and committed) before a charge is sent to a PMS that can be read back: if central dies
 * before the answer is recorded, the charge is POSTING_UNKNOWN and the next attempt reads back
 * first instead of sending it again (a PMS without an idempotency key would book it twice).
 */
export async function markInDoubt(db: Db, id: string): Promise<void> {
  await db
    .updateTable('room_charges')
    .set({ error_code: 'POSTING_UNKNOWN', error_message: IN_DOUBT_MESSAGE })
    .where('id', '=', id)
    .where('posting_status', 'in', ['received', 'queued'])
    .execute();
}

/** Those of these charges that came from this device (another device's are not its to see). */
export function findChargesOfDevice(db: Db, device: string, ids: string[]): Promise<RoomChargeRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('room_charges')
    .selectAll()
    .where('device', '=', device)
    .where('id', 'in', ids)
    .execute();
}

/**
 * The charges due now, oldest first: up to `limit` due ids are read, those `skip` names are left out,
 * and the first `take` (default all) are read whole. Reading ids first keeps a pass that skips the
 * charges still in flight from building their rows again.
 */
export async function findDue(
  db: Db,
  nowIso: string,
  limit: number,
  options: { skip?: (id: string) => boolean; take?: number } = {},
): Promise<RoomChargeRow[]> {
  const q = dueQueries(db);
  // Two reads merged, not one OR: the new charges come in order from their index
  // (`room_charges_status_received`) without sorting every due row of a burst on each pass; the
  // retries due now (`room_charges_due`) are few.
  const fresh = (await q.fresh.execute(db, { limit })).rows;
  const retries = (await q.retries.execute(db, { now: nowIso, limit })).rows;
  const due =
    retries.length === 0
      ? fresh
      : [...fresh, ...retries]
          .sort((a, b) => (a.received_at < b.received_at ? -1 : a.received_at > b.received_at ? 1 : 0))
          .slice(0, limit);
  const { skip } = options;
  const ids = (skip ? due.filter((d) => !skip(d.id)) : due).slice(0, options.take ?? limit).map((d) => d.id);
  // Read whole only if still due (another transaction may have recorded an attempt in between).
  if (ids.length === 1) {
    const one = (await q.one.execute(db, { id: ids[0] as string, now: nowIso })).rows[0];
    return one ? [one] : [];
  }
  // By primary key, the due condition checked on the rows read: with it in the WHERE, SQLite (which
  // keeps no statistics here) planned an IN-list of 20 ids or more as a MULTI-INDEX OR over
  // posting_status, reading every charge still waiting for its first attempt (a burst's whole
  // backlog) for each batch: 13 % of central's statement time in the full ingest benchmark.
  const rows = new Map<string, RoomChargeRow>();
  for (const list of inLists(ids)) {
    const found = await db.selectFrom('room_charges').selectAll().where('id', 'in', list).execute();
    for (const row of found) if (rowIsDue(row, nowIso)) rows.set(row.id, row);
  }
  return ids.flatMap((id) => rows.get(id) ?? []);
}

/** `isDue` for a row already read (ISO times compare as text, as in SQL). */
function rowIsDue(row: RoomChargeRow, nowIso: string): boolean {
  if (row.posting_status === 'received') return true;
  return row.posting_status === 'queued' && row.next_attempt_at !== null && row.next_attempt_at <= nowIso;
}

/**
 * `findDue`'s reads, compiled once per database (QueryTemplate): one charge at a time, every charge
 * is a pass or two of the pipeline, and building these three queries with kysely cost more than
 * running them. A batch's IN-list of many ids is built per pass (a pass of hundreds pays for it).
 */
const dueQueriesOf = new WeakMap<Db, ReturnType<typeof compileDueQueries>>();

function dueQueries(db: Db) {
  let q = dueQueriesOf.get(db);
  if (!q) {
    q = compileDueQueries(db);
    dueQueriesOf.set(db, q);
  }
  return q;
}

function compileDueQueries(db: Db) {
  type DueId = { id: string; received_at: string };
  return {
    fresh: new QueryTemplate<{ limit: number }, DueId>(['limit'], (a) =>
      db
        .selectFrom('room_charges')
        .select(['id', 'received_at'])
        .where((eb) => isFirstAttemptDue(eb))
        .orderBy('received_at')
        .limit(a.limit),
    ),
    retries: new QueryTemplate<{ now: string; limit: number }, DueId>(['now', 'limit'], (a) =>
      db
        .selectFrom('room_charges')
        .select(['id', 'received_at'])
        .where((eb) => isRetryDue(eb, a.now))
        .orderBy('received_at')
        .limit(a.limit),
    ),
    one: new QueryTemplate<{ id: string; now: string }, RoomChargeRow>(['id', 'now'], (a) =>
      db
        .selectFrom('room_charges')
        .selectAll()
        .where('id', '=', a.id)
        .where((eb) => isDue(eb, a.now)),
    ),
  };
}

type DueBuilder = ExpressionBuilder<CentralDatabase, 'room_charges'>;

/** A stored charge not yet attempted. */
const isFirstAttemptDue = (eb: DueBuilder) => eb('posting_status', '=', 'received');

/** A charge whose retry time has come. */
const isRetryDue = (eb: DueBuilder, nowIso: string) =>
  eb.and([eb('posting_status', '=', 'queued'), eb('next_attempt_at', '<=', nowIso)]);

/** What is due now, the same on both databases (`claimDue` as one condition, `findDue` as its two reads). */
function isDue(eb: DueBuilder, nowIso: string) {
  return eb.or([isFirstAttemptDue(eb), isRetryDue(eb, nowIso)]);
}

/**
 * Several workers on one PostgreSQL database: takes up to `limit` due charges nobody holds (or whose
 * holder's claim ran out) for `worker` until `untilIso`, oldest first, and returns them. The rows are
 * picked with FOR UPDATE SKIP LOCKED, so two workers claiming at once never get the same charge.
 */
export function claimDue(
  db: Kysely<CentralDatabase>,
  worker: string,
  nowIso: string,
  untilIso: string,
  limit: number,
): Promise<RoomChargeRow[]> {
  return db
    .updateTable('room_charges')
    .set({ claimed_by: worker, claimed_until: untilIso })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('room_charges')
        .select('id')
        .where((w) => isDue(w, nowIso))
        .where((w) => w.or([w('claimed_until', 'is', null), w('claimed_until', '<', nowIso)]))
        .orderBy('received_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute()
    .then((rows) => rows.sort((a, b) => (a.received_at < b.received_at ? -1 : 1)));
}

/** Claims one charge for `worker` unless another worker's claim still holds; the row if claimed. */
export function claimOne(
  db: Kysely<CentralDatabase>,
  id: string,
  worker: string,
  nowIso: string,
  untilIso: string,
): Promise<RoomChargeRow | undefined> {
  return db
    .updateTable('room_charges')
    .set({ claimed_by: worker, claimed_until: untilIso })
    .where('id', '=', id)
    .where((w) =>
      w.or([w('claimed_until', 'is', null), w('claimed_until', '<', nowIso), w('claimed_by', '=', worker)]),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Lets go of a claim without an attempt (the charge was not postable after all). */
export async function releaseClaim(db: Db, id: string, worker: string): Promise<void> {
  await db
    .updateTable('room_charges')
    .set({ claimed_by: null, claimed_until: null })
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .execute();
}

export interface ChargeListFilter {
  /** `held`: queued charges of an outlet that does not post automatically (see `held_at`). */
  status?: RoomChargeTable['posting_status'] | 'held' | undefined;
  outletCode?: string | undefined;
  roomNumber?: string | undefined;
  limit: number;
}

export function listCharges(db: Db, f: ChargeListFilter): Promise<RoomChargeRow[]> {
  let q = db.selectFrom('room_charges').selectAll();
  if (f.status === 'held') q = q.where('held_at', 'is not', null);
  else if (f.status) q = q.where('posting_status', '=', f.status).where('held_at', 'is', null);
  if (f.outletCode) q = q.where('outlet_code', '=', f.outletCode);
  if (f.roomNumber) q = q.where('room_number', '=', f.roomNumber);
  return q.orderBy('received_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

export type AttemptOutcome = Pick<
  RoomChargeTable,
  | 'posting_status'
  | 'attempts'
  | 'rate_limited_answers'
  | 'next_attempt_at'
  | 'last_attempt_at'
  | 'pms_transaction_id'
  | 'folio_balance_minor'
  | 'error_code'
  | 'error_message'
  | 'posted_at'
  | 'held_at'
>;

export type AttemptLog = Omit<PostingAttemptTable, 'id' | 'charge_id' | 'actor' | 'note'> &
  Partial<Pick<PostingAttemptTable, 'actor' | 'note'>>;

/** Records one posting attempt: the queue row's new state and the append-only attempt log. */
export async function recordAttempt(
  db: Kysely<CentralDatabase>,
  id: string,
  outcome: AttemptOutcome,
  log: AttemptLog,
): Promise<void> {
  await db.transaction().execute((trx) => writeAttempt(trx, id, outcome, log));
}

/** `recordAttempt` inside a transaction the caller holds (group commit of many attempts). */
export async function writeAttempt(
  trx: Transaction<CentralDatabase>,
  id: string,
  outcome: AttemptOutcome,
  log: AttemptLog,
): Promise<void> {
  // The attempt is over: whoever claimed the charge lets go of it.
  await trx
    .updateTable('room_charges')
    .set({ ...outcome, claimed_by: null, claimed_until: null })
    .where('id', '=', id)
    .execute();
  await trx
    .insertInto('posting_attempts')
    .values({ charge_id: id, actor: null, note: null, ...log })
    .execute();
}

/** Charges held for a manager (outlet `autoPost: false`), oldest first. */
export function listHeld(db: Db, limit: number): Promise<RoomChargeRow[]> {
  return db
    .selectFrom('room_charges')
    .selectAll()
    .where('held_at', 'is not', null)
    .orderBy('received_at')
    .limit(limit)
    .execute();
}

export function listAttempts(db: Db, id: string) {
  return db.selectFrom('posting_attempts').selectAll().where('charge_id', '=', id).orderBy('id').execute();
}

/** Charges still owed to the PMS: not yet tried, waiting for a retry, or waiting for a manager. */
export function listOpen(db: Db, limit: number): Promise<RoomChargeRow[]> {
  return db
    .selectFrom('room_charges')
    .selectAll()
    .where('posting_status', 'in', ['received', 'queued', 'failed'])
    .orderBy('received_at')
    .limit(limit)
    .execute();
}

export async function countOpen(db: Db): Promise<number> {
  const row = await db
    .selectFrom('room_charges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('posting_status', 'in', ['received', 'queued', 'failed'])
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Every column of `room_charges`, for the compiled insert (a missing one would not typecheck). */
const ROOM_CHARGE_COLUMNS: Record<keyof RoomChargeTable, true> = {
  id: true,
  device: true,
  source: true,
  outlet_code: true,
  check_number: true,
  room_number: true,
  stay_ref: true,
  guest_name: true,
  currency: true,
  subtotal_minor: true,
  tax_minor: true,
  tip_minor: true,
  total_minor: true,
  items_json: true,
  employee_id: true,
  created_at: true,
  received_at: true,
  content_hash: true,
  posting_status: true,
  attempts: true,
  next_attempt_at: true,
  last_attempt_at: true,
  pms_transaction_id: true,
  folio_balance_minor: true,
  error_code: true,
  error_message: true,
  posted_at: true,
  override_json: true,
  held_at: true,
  stand_in: true,
  withdrawn_at: true,
  withdrawn_by: true,
  withdrawn_reason: true,
  withdrawal_id: true,
  claimed_by: true,
  claimed_until: true,
  rate_limited_answers: true,
};

const OUTCOME_COLUMNS: Record<keyof AttemptOutcome, true> = {
  posting_status: true,
  attempts: true,
  next_attempt_at: true,
  last_attempt_at: true,
  pms_transaction_id: true,
  folio_balance_minor: true,
  error_code: true,
  error_message: true,
  posted_at: true,
  held_at: true,
  rate_limited_answers: true,
};

type AttemptRow = Required<Omit<Insertable<PostingAttemptTable>, 'id'>>;
const ATTEMPT_COLUMNS: Record<keyof AttemptRow, true> = {
  charge_id: true,
  attempt: true,
  at: true,
  outcome: true,
  error_code: true,
  error_message: true,
  actor: true,
  note: true,
};

/**
 * `insertIfNew` and `writeAttempt` for the charge road, where they run once per charge: the same
 * kysely queries, compiled once for `db`'s dialect (QueryTemplate) instead of once per call.
 */
export function chargeRoadStatements(db: Kysely<CentralDatabase>) {
  const insert = new QueryTemplate<RoomChargeTable, never>(
    Object.keys(ROOM_CHARGE_COLUMNS) as Array<keyof RoomChargeTable>,
    (row) =>
      db
        .insertInto('room_charges')
        .values(row)
        .onConflict((oc) => oc.column('id').doNothing()),
  );
  const settle = new QueryTemplate<AttemptOutcome & { id: string }, never>(
    ['id', ...(Object.keys(OUTCOME_COLUMNS) as Array<keyof AttemptOutcome>)],
    ({ id, ...outcome }) =>
      db
        .updateTable('room_charges')
        .set({ ...outcome, claimed_by: null, claimed_until: null })
        .where('id', '=', id),
  );
  const log = new QueryTemplate<AttemptRow, never>(
    Object.keys(ATTEMPT_COLUMNS) as Array<keyof AttemptRow>,
    (row) => db.insertInto('posting_attempts').values(row),
  );
  const writeAttempt = async (trx: Db, id: string, outcome: AttemptOutcome, entry: AttemptLog) => {
    await settle.execute(trx, { ...outcome, id });
    await log.execute(trx, { charge_id: id, actor: null, note: null, ...entry });
  };
  const postgres = dialectOf(db) === 'postgres';
  // SQLite: a group's charges and log entries in multi-row INSERTs of power-of-two chunks, each size
  // compiled once (PostgreSQL has its one-statement forms in room-charge.postgres.ts).
  const insertRows = new InsertTemplate<RoomChargeTable, { id: string }>(
    Object.keys(ROOM_CHARGE_COLUMNS) as Array<keyof RoomChargeTable>,
    (rows) =>
      db
        .insertInto('room_charges')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id'),
  );
  const logRows = new InsertTemplate<AttemptRow>(
    Object.keys(ATTEMPT_COLUMNS) as Array<keyof AttemptRow>,
    (rows) => db.insertInto('posting_attempts').values(rows),
  );
  return {
    /** As `insertIfNew`. */
    async insertIfNew(trx: Db, row: RoomChargeTable): Promise<boolean> {
      const result = await insert.execute(trx, row);
      return Number(result.numAffectedRows ?? 0n) === 1;
    },
    /** As `writeAttempt`. */
    writeAttempt,
    /**
     * A group of `insertIfNew`: per charge whether this call stored it (a charge id twice in the
     * group: the first one). One statement on PostgreSQL, 64-row chunks on SQLite.
     */
    insertMany: async (trx: Db, rows: RoomChargeTable[]): Promise<boolean[]> => {
      if (postgres) return insertChargesIfNew(trx, rows);
      const stored = new Set<string>();
      for (const chunk of powerOfTwoChunks(rows, 64)) {
        for (const { id } of (await insertRows.execute(trx, chunk)).rows) stored.add(id);
      }
      return rows.map((row) => stored.delete(row.id));
    },
    /** A group of `writeAttempt`, in order: two statements on PostgreSQL; on SQLite the log entries together. */
    writeAttempts: async (trx: Db, attempts: SettledAttempt[]): Promise<undefined[]> => {
      if (!postgres) {
        for (const a of attempts) await settle.execute(trx, { ...a.outcome, id: a.id });
        const logs = attempts.map(
          (a): AttemptRow => ({ charge_id: a.id, actor: null, note: null, ...a.log }),
        );
        for (const chunk of powerOfTwoChunks(logs, 64)) await logRows.execute(trx, chunk);
      } else if (new Set(attempts.map((a) => a.id)).size === attempts.length)
        await writeAttempts(trx, attempts);
      // The same charge twice in one group: one by one, in order.
      else for (const a of attempts) await writeAttempt(trx, a.id, a.outcome, a.log);
      return attempts.map(() => undefined);
    },
  };
}
