import { type FolioDatabase, InsertTemplate, inLists, QueryTemplate } from '@roompost/folio';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import type { RosterEntryTable } from './roster.table.js';

type Db = Kysely<CentralDatabase> | Transaction<CentralDatabase>;
type EntryRow = Selectable<RosterEntryTable>;

/**
 * The statements every room lookup runs (the roster takes each lookup's answer: the open charges of
 * its stay, the held entry, the next version, the upsert), compiled once per database (QueryTemplate)
 * instead of built by kysely per lookup. Kept per `db` object: a transaction's own are built again.
 */
const compiledFor = new WeakMap<Db, ReturnType<typeof rosterStatements>>();

function statements(db: Db) {
  let found = compiledFor.get(db);
  if (!found) {
    found = rosterStatements(db);
    compiledFor.set(db, found);
  }
  return found;
}

function rosterStatements(db: Db) {
  return {
    entry: new QueryTemplate<{ room: string }, EntryRow>(['room'], (a) =>
      db.selectFrom('roster_entries').selectAll().where('room_number', '=', a.room),
    ),
    maxVersion: new QueryTemplate<Record<string, never>, { v: number | string | null }>([], () =>
      db.selectFrom('roster_entries').select((eb) => eb.fn.max('version').as('v')),
    ),
    openOfStay: new QueryTemplate<{ stay: string; asOf: string }, { total: number | string | null }>(
      ['stay', 'asOf'],
      (a) =>
        db
          .selectFrom('room_charges')
          .select((eb) => eb.fn.sum<number | null>('total_minor').as('total'))
          .where('stay_ref', '=', a.stay)
          .where((eb) =>
            eb.or([
              eb('posting_status', 'in', ['received', 'queued', 'failed']),
              eb.and([eb('posting_status', '=', 'posted'), eb('posted_at', '>', a.asOf)]),
            ]),
          ),
    ),
    upsert: new InsertTemplate<EntryRow>(
      ['room_number', ...(Object.keys(UPDATED_COLUMNS) as Array<keyof typeof UPDATED_COLUMNS>)],
      (rows) =>
        db
          .insertInto('roster_entries')
          .values(rows)
          .onConflict((oc) =>
            oc
              .column('room_number')
              .doUpdateSet((eb) =>
                Object.fromEntries(
                  Object.keys(UPDATED_COLUMNS).map((c) => [c, eb.ref(`excluded.${c}` as 'excluded.version')]),
                ),
              ),
          ),
    ),
  };
}

/** Every entry, or only those of these stays. */
export async function listRosterEntries(
  db: Db,
  stayRefs?: readonly string[],
): Promise<Array<Selectable<RosterEntryTable>>> {
  if (!stayRefs) return db.selectFrom('roster_entries').selectAll().orderBy('room_number').execute();
  const out: Array<Selectable<RosterEntryTable>> = [];
  for (const list of inLists(stayRefs)) {
    out.push(...(await db.selectFrom('roster_entries').selectAll().where('stay_ref', 'in', list).execute()));
  }
  return out.sort((a, b) => (a.room_number < b.room_number ? -1 : 1));
}

export async function findRosterEntry(db: Db, roomNumber: string): Promise<EntryRow | undefined> {
  return (await statements(db).entry.execute(db, { room: roomNumber })).rows[0];
}

export async function maxRosterVersion(db: Db): Promise<number> {
  const row = (await statements(db).maxVersion.execute(db, {})).rows[0];
  return Number(row?.v ?? 0);
}

/** The held entries of these rooms (one query). */
export async function findRosterEntries(db: Db, roomNumbers: readonly string[]): Promise<EntryRow[]> {
  if (roomNumbers.length === 0) return [];
  if (roomNumbers.length === 1) {
    const one = await findRosterEntry(db, roomNumbers[0] as string);
    return one ? [one] : [];
  }
  return db.selectFrom('roster_entries').selectAll().where('room_number', 'in', roomNumbers).execute();
}

/** Every column but the key, so an upsert replaces the whole entry (a missing one would not typecheck). */
const UPDATED_COLUMNS: Record<Exclude<keyof RosterEntryTable, 'room_number'>, true> = {
  in_house: true,
  stay_ref: true,
  masked_name: true,
  last_name_key: true,
  check_in: true,
  check_out: true,
  currency: true,
  no_post: true,
  available_credit_minor: true,
  as_of: true,
  version: true,
  pms_available_minor: true,
  pms_as_of: true,
  open_minor: true,
};

/** Writes these entries (new or replacing the room's entry) in one statement. */
export async function upsertRosterEntries(db: Db, rows: ReadonlyArray<Selectable<RosterEntryTable>>) {
  if (rows.length === 0) return;
  // Compiled once per number of rows (a lookup's one entry, a recompute's few).
  await statements(db).upsert.execute(db, rows);
}

/**
 * What central holds for a stay that a PMS figure read at `asOf` does not include yet: charges
 * waiting to post (received, queued, failed) and those posted after the figure was read.
 */
export async function openChargesByStay(db: Db, stayRef: string, asOf: string): Promise<number> {
  const row = (await statements(db).openOfStay.execute(db, { stay: stayRef, asOf })).rows[0];
  return Number(row?.total ?? 0);
}

/**
 * `openChargesByStay` for every in-house entry at once (or those of these stays), each against its own
 * `pms_as_of`: one query (room_charges is read by its stay index), room number → total (rooms with
 * nothing open are absent).
 */
export async function openChargesOfInHouse(
  db: Db,
  stayRefs?: readonly string[],
): Promise<Map<string, number>> {
  if (stayRefs) {
    const out = new Map<string, number>();
    for (const list of inLists(stayRefs)) {
      for (const [room, total] of await openChargesOf(db, list)) out.set(room, total);
    }
    return out;
  }
  return openChargesOf(db, undefined);
}

async function openChargesOf(db: Db, stayRefs: string[] | undefined): Promise<Map<string, number>> {
  let query = db
    .selectFrom('roster_entries as re')
    .innerJoin('room_charges as rc', 'rc.stay_ref', 're.stay_ref')
    .select((eb) => ['re.room_number', eb.fn.sum<number | null>('rc.total_minor').as('total')])
    .where('re.in_house', '=', 1)
    .where((eb) =>
      eb.or([
        eb('rc.posting_status', 'in', ['received', 'queued', 'failed']),
        eb.and([eb('rc.posting_status', '=', 'posted'), eb('rc.posted_at', '>', eb.ref('re.pms_as_of'))]),
      ]),
    )
    .groupBy('re.room_number');
  if (stayRefs) query = query.where('re.stay_ref', 'in', stayRefs);
  const rows = await query.execute();
  return new Map(rows.map((r) => [r.room_number, Number(r.total ?? 0)]));
}

/** Rooms with a guest in house in the built-in folio engine (empty when a PMS keeps the stays). */
export async function folioInHouseRooms(db: Kysely<FolioDatabase>): Promise<string[]> {
  const rows = await db
    .selectFrom('stays')
    .innerJoin('rooms', 'rooms.id', 'stays.room_id')
    .select('rooms.number')
    .where('stays.status', '=', 'in_house')
    .execute();
  return rows.map((r) => r.number);
}
