// SQL the surcharge postings need: a replayed request's posting, and the stay's latest room night.
import type { Kysely } from 'kysely';
import type { FullPostingRow } from '../folios/ledger-writer.js';
import type { FolioDatabase } from '../persistence/folio-database.js';

type Db = Kysely<FolioDatabase>;

export async function findPostingByChargeRef(db: Db, ref: string): Promise<FullPostingRow | undefined> {
  return db.selectFrom('postings').selectAll().where('charge_ref', '=', ref).executeTakeFirst();
}

/** The amount of the stay's latest positive room night, the base of a percent service surcharge. */
export async function latestRoomNightMinor(db: Db, stayId: string): Promise<number | null> {
  const night = await db
    .selectFrom('postings')
    .innerJoin('folios', 'folios.id', 'postings.folio_id')
    .select('postings.amount_minor')
    .where('folios.stay_id', '=', stayId)
    .where('postings.type', '=', 'ROOM')
    .where('postings.amount_minor', '>', 0)
    .orderBy('postings.stay_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return night?.amount_minor ?? null;
}
