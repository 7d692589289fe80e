import { QueryTemplate, relaxedTransaction } from '@roompost/folio';
import type { RosterDelta, RosterEntry, RosterSnapshot } from '@roompost/sync';
import type { Kysely, Selectable, Transaction } from 'kysely';
import { compiled } from '../db/compiled.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import type { EdgeRosterEntryTable } from './roster.table.js';

type Db = Kysely<EdgeDatabase> | Transaction<EdgeDatabase>;
export type RosterRow = Selectable<EdgeRosterEntryTable>;

/**
 * Applies central's retained snapshot: every entry newer than the held one replaces it, and rooms
 * the snapshot no longer names are dropped unless the edge holds a newer delta for them (ordering
 * between the snapshot and deltas is not assumed). Returns how many entries changed.
 */
export async function applySnapshot(
  db: Kysely<EdgeDatabase>,
  s: RosterSnapshot,
  at: string,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    let changed = 0;
    for (const e of s.entries) changed += await upsertIfNewer(db, trx, e, at);
    const named = new Set(s.entries.map((e) => e.roomNumber));
    const held = await trx.selectFrom('roster_entries').select(['room_number', 'version']).execute();
    for (const h of held) {
      if (named.has(h.room_number) || h.version > s.version) continue;
      await trx.deleteFrom('roster_entries').where('room_number', '=', h.room_number).execute();
      changed++;
    }
    await touchMeta(db, trx, s.version, at);
    return changed;
  });
}

/**
 * Applies one of central's deltas (one per posted charge and per stay change) without waiting for the
 * disk (relaxed-commit.ts): a delta lost in a power cut is as if it had arrived after the cut, and
 * central's retained snapshot on the next connect brings the roster up to date again. The durable
 * commit of the next charge is then the only fsync its guest waits behind.
 */
export async function applyDelta(db: Kysely<EdgeDatabase>, d: RosterDelta, at: string): Promise<number> {
  return relaxedTransaction(db, async (trx) => {
    let changed = 0;
    for (const e of d.entries) changed += await upsertIfNewer(db, trx, e, at);
    await touchMeta(db, trx, d.version, at);
    return changed;
  });
}

const ROSTER_COLUMNS: ReadonlyArray<keyof RosterRow> = [
  'room_number',
  'in_house',
  'stay_ref',
  'masked_name',
  'last_name_key',
  'check_in',
  'check_out',
  'currency',
  'no_post',
  'available_credit_minor',
  'as_of',
  'version',
  'received_at',
];

/**
 * A delta follows about every other posted charge: its two statements are compiled once for `root`
 * (edge/src/db/compiled.ts) and run in `trx`, not built by kysely per delta.
 */
async function upsertIfNewer(
  root: Kysely<EdgeDatabase>,
  trx: Transaction<EdgeDatabase>,
  e: RosterEntry,
  at: string,
): Promise<number> {
  const upsert = compiled(
    root,
    'roster upsert if newer',
    () =>
      new QueryTemplate<RosterRow, never>(ROSTER_COLUMNS, (row) => {
        const { room_number: _key, ...rest } = row;
        return root
          .insertInto('roster_entries')
          .values(row)
          .onConflict((oc) =>
            oc.column('room_number').doUpdateSet(rest).where('roster_entries.version', '<', row.version),
          );
      }),
  );
  const result = await upsert.execute(trx, {
    room_number: e.roomNumber,
    in_house: e.inHouse ? 1 : 0,
    stay_ref: e.stayRef,
    masked_name: e.maskedName,
    last_name_key: e.lastNameKey,
    check_in: e.checkIn,
    check_out: e.checkOut,
    currency: e.currency,
    no_post: e.noPost ? 1 : 0,
    available_credit_minor: e.availableCreditMinor,
    as_of: e.asOf,
    version: e.version,
    received_at: at,
  });
  return Number(result.numAffectedRows ?? 0n);
}

async function touchMeta(
  root: Kysely<EdgeDatabase>,
  trx: Transaction<EdgeDatabase>,
  version: number,
  at: string,
): Promise<void> {
  const touch = compiled(
    root,
    'roster meta',
    () =>
      new QueryTemplate<{ version: number; at: string }, never>(['version', 'at'], (a) =>
        root
          .insertInto('roster_meta')
          .values({ id: 1, version: a.version, received_at: a.at })
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              version: eb.fn('max', [eb.ref('roster_meta.version'), eb.val(a.version)]),
              received_at: a.at,
            })),
          ),
      ),
  );
  await touch.execute(trx, { version, at });
}

export function findRosterEntry(db: Db, roomNumber: string): Promise<RosterRow | undefined> {
  return db.selectFrom('roster_entries').selectAll().where('room_number', '=', roomNumber).executeTakeFirst();
}

/** What the edge holds: for the health answer and the staleness check. */
export async function rosterInfo(
  db: Db,
): Promise<{ version: number; rooms: number; receivedAt: string | null }> {
  const meta = await db.selectFrom('roster_meta').selectAll().where('id', '=', 1).executeTakeFirst();
  const count = await db
    .selectFrom('roster_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('in_house', '=', 1)
    .executeTakeFirst();
  return { version: meta?.version ?? 0, rooms: Number(count?.n ?? 0), receivedAt: meta?.received_at ?? null };
}

/**
 * The per-stay offline tally: this outlet's stand-in charges for the stay that the PMS has not
 * taken yet (not posted, rejected or voided). Read inside the charge's own write transaction.
 */
export async function standInOpenMinor(trx: Db, stayRef: string): Promise<number> {
  const row = await trx
    .selectFrom('charges')
    .select((eb) => eb.fn.sum<number | null>('total_minor').as('total'))
    .where('stay_ref', '=', stayRef)
    .where('stand_in', '=', 1)
    .where('status', 'in', ['pending', 'accepted', 'queued', 'held', 'failed'])
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}

/**
 * This outlet's charges to the stay that the roster entry's credit figure cannot include yet:
 * those central has not acknowledged, and those whose last status came at or after the entry was
 * computed (both times are central's). Rejected and withdrawn charges never reached the folio.
 */
export async function unreflectedMinor(trx: Db, stayRef: string, entryAsOf: string): Promise<number> {
  const row = await trx
    .selectFrom('charges')
    .select((eb) => eb.fn.sum<number | null>('total_minor').as('total'))
    .where('stay_ref', '=', stayRef)
    .where('status', 'not in', ['rejected', 'withdrawn'])
    .where((eb) =>
      eb.or([eb('status', '=', 'pending'), eb('status_at', 'is', null), eb('status_at', '>=', entryAsOf)]),
    )
    .executeTakeFirst();
  return Number(row?.total ?? 0);
}
