import { inLists, QueryTemplate } from '@roompost/folio';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import { compiled, insertRow } from '../db/compiled.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import type { ChargeSignatureTable, ChargeTable, CheckTable, OutboxTable } from './charge.table.js';

export type ChargeRow = Selectable<ChargeTable>;
type Db = Kysely<EdgeDatabase> | Transaction<EdgeDatabase>;

const CHECK_COUNTER = 'check_number';
const FIRST_CHECK = 1001;

/**
 * Writes the check, its room charge and the outbox row in one SQLite transaction (synchronous=FULL):
 * once this returns, the charge survives a power cut and will reach central. `admit` runs first in
 * the same transaction (the offline stand-in's limits); when it throws, nothing is written.
 */
export async function insertCheckWithCharge(
  db: Kysely<EdgeDatabase>,
  admit: ((trx: Transaction<EdgeDatabase>) => Promise<void>) | undefined,
  build: (checkNumber: string) => {
    check: CheckTable;
    charge: ChargeTable;
    outbox: OutboxTable;
    signature?: ChargeSignatureTable | null;
  },
  /** The check number held for this check on Room Found (`holdCheckNumber`), if any. */
  holdId?: string | null,
): Promise<ChargeRow> {
  return db.transaction().execute(async (trx) => {
    if (admit) await admit(trx);
    const checkNumber = await takeCheckNumber(db, trx, holdId ?? null);
    const { check, charge, outbox, signature } = build(checkNumber);
    await insertRow(db, trx, 'checks', check);
    await insertRow(db, trx, 'charges', charge);
    await insertRow(db, trx, 'outbox', outbox);
    if (signature) await trx.insertInto('charge_signatures').values(signature).execute();
    return charge;
  });
}

/** The guest's signature PNG kept with a charge, if the guest signed. */
export async function findSignature(db: Db, chargeId: string): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('charge_signatures')
    .select('png')
    .where('charge_id', '=', chargeId)
    .executeTakeFirst();
  return row ? Buffer.from(row.png) : undefined;
}

/** This outlet's charges made in [from, to) (ISO instants), newest first. */
export function listChargesBetween(db: Db, from: string, to: string, limit: number) {
  return db
    .selectFrom('charges')
    .innerJoin('checks', 'checks.id', 'charges.check_id')
    .selectAll('charges')
    .select('checks.number as check_number')
    .where('charges.created_at', '>=', from)
    .where('charges.created_at', '<', to)
    .orderBy('charges.created_at', 'desc')
    .orderBy('charges.id', 'desc')
    .limit(limit)
    .execute();
}

/** When the PMS last took one of this outlet's charges (central's time of the posted status). */
export async function lastPostedAt(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('charges')
    .select((eb) => eb.fn.max('status_at').as('at'))
    .where('status', '=', 'posted')
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

const RELEASED = 'released:';

/**
 * The number a new check gets: the one held for it, else a released hold's (a check cancelled on Room
 * Found gives its number back, so the sequence keeps no gap), else the next of the counter.
 */
async function takeCheckNumber(
  root: Kysely<EdgeDatabase>,
  trx: Transaction<EdgeDatabase>,
  holdId: string | null,
): Promise<string> {
  if (holdId) {
    const held = await trx
      .deleteFrom('check_number_holds')
      .where('request_id', '=', holdId)
      .returning('number')
      .executeTakeFirst();
    if (held) return held.number;
  }
  const released = await firstReleased(root, trx);
  if (released) {
    await trx.deleteFrom('check_number_holds').where('number', '=', released).execute();
    return released;
  }
  return String(await nextCounter(root, trx, CHECK_COUNTER, FIRST_CHECK));
}

/** The lowest released check number, if any (compiled once: every check asks it). */
async function firstReleased(
  root: Kysely<EdgeDatabase>,
  trx: Transaction<EdgeDatabase>,
): Promise<string | undefined> {
  const query = compiled(
    root,
    'first released check number',
    () => new QueryTemplate<Record<string, never>, { number: string }>([], () => firstReleasedQuery(root)),
  );
  return (await query.execute(trx, {})).rows[0]?.number;
}

/** The counter's next value, its first on first use (compiled once: every check takes a number). */
async function nextCounter(
  root: Kysely<EdgeDatabase>,
  trx: Transaction<EdgeDatabase>,
  name: string,
  first: number,
): Promise<number> {
  const query = compiled(
    root,
    'next counter',
    () =>
      new QueryTemplate<{ name: string; first: number }, { value: number }>(['name', 'first'], (a) =>
        nextCounterQuery(root, a.name, a.first),
      ),
  );
  const row = (await query.execute(trx, { name, first })).rows[0];
  if (!row) throw new Error(`counter ${name} returned no value`);
  return row.value;
}

function firstReleasedQuery(db: Db) {
  return db
    .selectFrom('check_number_holds')
    .select('number')
    .where('request_id', 'like', `${RELEASED}%`)
    .orderBy(sql`cast(number as integer)`)
    .limit(1);
}

/**
 * Staff Room Found shows the check's number before Post: it is held for `holdId` (the same hold
 * answers the same number again) and taken by the check created with that hold.
 */
export function holdCheckNumber(
  db: Kysely<EdgeDatabase>,
  holdId: string,
  now: string,
  /** Holds made before this instant are stale: released first, so the new hold can take one. */
  staleBefore?: string,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom('check_number_holds')
      .select('number')
      .where('request_id', '=', holdId)
      .executeTakeFirst();
    if (existing) {
      // Room Found asked again: the hold is still in use, its time starts over.
      await trx
        .updateTable('check_number_holds')
        .set({ created_at: now })
        .where('request_id', '=', holdId)
        .execute();
      return existing.number;
    }
    if (staleBefore) await reclaimStaleHolds(trx, staleBefore);
    const released = await firstReleased(db, trx);
    if (released) {
      await trx
        .updateTable('check_number_holds')
        .set({ request_id: holdId, created_at: now })
        .where('number', '=', released)
        .execute();
      return released;
    }
    const number = String(await nextCounter(db, trx, CHECK_COUNTER, FIRST_CHECK));
    await trx
      .insertInto('check_number_holds')
      .values({ request_id: holdId, number, created_at: now })
      .execute();
    return number;
  });
}

/**
 * Holds whose Room Found never ended (the kiosk lost power, the browser was closed) give their numbers
 * back: each becomes a released number that the next check (or hold) takes, lowest first, so the
 * outlet's sequence keeps no gap and no number is used twice. A check later posted with a reclaimed
 * hold id takes the next free number like any check. Answers how many were reclaimed.
 */
export async function reclaimStaleHolds(db: Db, staleBefore: string): Promise<number> {
  const result = await db
    .updateTable('check_number_holds')
    .set({ request_id: sql<string>`${RELEASED} || number` })
    .where('request_id', 'not like', `${RELEASED}%`)
    .where('created_at', '<', staleBefore)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Room Found was cancelled: its held number goes to the next check. Unknown holds are ignored. */
export async function releaseCheckNumber(db: Db, holdId: string): Promise<void> {
  await db
    .updateTable('check_number_holds')
    .set({ request_id: sql<string>`${RELEASED} || number` })
    .where('request_id', '=', holdId)
    .execute();
}

function nextCounterQuery(db: Db, name: string, first: number) {
  return db
    .insertInto('counters')
    .values({ name, value: first })
    .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ value: eb('counters.value', '+', 1) })))
    .returning('value');
}

export function findCharge(db: Db, id: string): Promise<ChargeRow | undefined> {
  return db.selectFrom('charges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Several charges with their check numbers, one query per IN-list (kiosk updates after a burst of statuses). */
export async function findChargesWithCheckNumbers(
  db: Db,
  ids: readonly string[],
): Promise<Array<ChargeRow & { check_number: string }>> {
  const rows: Array<ChargeRow & { check_number: string }> = [];
  for (const list of inLists(ids)) {
    rows.push(
      ...(await db
        .selectFrom('charges')
        .innerJoin('checks', 'checks.id', 'charges.check_id')
        .selectAll('charges')
        .select('checks.number as check_number')
        .where('charges.id', 'in', list)
        .execute()),
    );
  }
  return rows;
}

export function findCheckNumber(db: Db, checkId: string): Promise<string | undefined> {
  return db
    .selectFrom('checks')
    .select('number')
    .where('id', '=', checkId)
    .executeTakeFirst()
    .then((r) => r?.number);
}

export function listRecentCharges(db: Db, limit: number) {
  return db
    .selectFrom('charges')
    .innerJoin('checks', 'checks.id', 'charges.check_id')
    .selectAll('charges')
    .select('checks.number as check_number')
    .orderBy('charges.created_at', 'desc')
    .orderBy('charges.id', 'desc')
    .limit(limit)
    .execute();
}

export async function countPending(db: Db): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The charge an earlier request with this id made, with what that request asked for (compiled once:
 * every new check asks it).
 */
export async function findByRequestId(
  db: Kysely<EdgeDatabase>,
  requestId: string,
): Promise<{ chargeId: string; requestHash: string } | undefined> {
  const query = compiled(
    db,
    'check by request id',
    () =>
      new QueryTemplate<{ requestId: string }, { chargeId: string; requestHash: string }>(
        ['requestId'],
        (a) =>
          db
            .selectFrom('checks')
            .innerJoin('charges', 'charges.check_id', 'checks.id')
            .select(['charges.id as chargeId', 'checks.request_hash as requestHash'])
            .where('checks.request_id', '=', a.requestId),
      ),
  );
  return (await query.execute(db, { requestId })).rows[0];
}

/** Charges of this outlet not on the folio yet (seed 000 "Pending Room Postings"), oldest first. */
export function listUnposted(db: Db, limit: number) {
  return db
    .selectFrom('charges')
    .innerJoin('checks', 'checks.id', 'charges.check_id')
    .selectAll('charges')
    .select('checks.number as check_number')
    .where('charges.status', 'in', ['pending', 'accepted', 'queued', 'held', 'failed'])
    .orderBy('charges.created_at', 'asc')
    .limit(limit)
    .execute();
}

/** Makes an undelivered charge due for publishing now; false when central already has it. */
export async function publishAgainNow(db: Db, chargeId: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('outbox')
    .set({ next_attempt_at: at })
    .where('charge_id', '=', chargeId)
    .where('done_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
