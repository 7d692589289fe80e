import type { FolioDatabase } from '@roompost/folio';
import type { Kysely, Selectable } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import type { RosterEntryTable } from './roster.table.js';

type Db = Kysely<CentralDatabase>;

export function listRosterEntries(db: Db): Promise<Array<Selectable<RosterEntryTable>>> {
  return db.selectFrom('roster_entries').selectAll().orderBy('room_number').execute();
}

export function findRosterEntry(db: Db, roomNumber: string) {
  return db.selectFrom('roster_entries').selectAll().where('room_number', '=', roomNumber).executeTakeFirst();
}

export async function maxRosterVersion(db: Db): Promise<number> {
  const row = await db
    .selectFrom('roster_entries')
    .select((eb) => eb.fn.max('version').as('v'))
    .executeTakeFirst();
  return Number(row?.v ?? 0);
}

export async function upsertRosterEntry(db: Db, row: Selectable<RosterEntryTable>): Promise<void> {
  const { room_number: _key, ...rest } = row;
  await db
    .insertInto('roster_entries')
    .values(row)
    .onConflict((oc) => oc.column('room_number').doUpdateSet(rest))
    .execute();
}

/**
 * What central holds for a stay that a PMS figure read at `asOf` does not include yet: charges
 * waiting to post (received, queued, failed) and those posted after the figure was read.
 */
export async function openChargesByStay(db: Db, stayRef: string, asOf: string): Promise<number> {
  const row = await db
    .selectFrom('room_charges')
    .select((eb) => eb.fn.sum<number | null>('total_minor').as('total'))
    .where('stay_ref', '=', stayRef)
    .where((eb) =>
      eb.or([
        eb('posting_status', 'in', ['received', 'queued', 'failed']),
        eb.and([eb('posting_status', '=', 'posted'), eb('posted_at', '>', asOf)]),
      ]),
    )
    .executeTakeFirst();
  return Number(row?.total ?? 0);
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
