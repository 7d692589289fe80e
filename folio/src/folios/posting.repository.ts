import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { PostingTable } from './posting.table.js';

export type PostingRow = Selectable<PostingTable> & { stay_id: string };

export interface PostingFilter {
  stayId?: string;
  folioId?: string;
  chargeRef?: string;
}

/** One multi-row INSERT: a charge's lines cost one statement. */
export async function insertPostings(
  db: Kysely<FolioDatabase>,
  rows: Insertable<PostingTable>[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('postings').values(rows).execute();
}

export async function selectPostings(
  db: Kysely<FolioDatabase>,
  filter: PostingFilter,
): Promise<PostingRow[]> {
  let query = db
    .selectFrom('postings')
    .innerJoin('folios', 'folios.id', 'postings.folio_id')
    .selectAll('postings')
    .select('folios.stay_id');
  if (filter.stayId !== undefined) query = query.where('folios.stay_id', '=', filter.stayId);
  if (filter.folioId !== undefined) query = query.where('postings.folio_id', '=', filter.folioId);
  if (filter.chargeRef !== undefined) query = query.where('postings.charge_ref', '=', filter.chargeRef);
  // Hotel date first, then wall time; line_no keeps a charge's lines in their posted order.
  return query
    .orderBy('postings.business_date')
    .orderBy('postings.created_at')
    .orderBy('postings.charge_ref')
    .orderBy('postings.line_no')
    .orderBy('postings.id')
    .execute();
}

export async function selectPostingIdsByChargeRef(
  db: Kysely<FolioDatabase>,
  chargeRef: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('postings')
    .select('id')
    .where('charge_ref', '=', chargeRef)
    .orderBy('line_no')
    .execute();
  return rows.map((row) => row.id);
}

export async function sumFolio(db: Kysely<FolioDatabase>, folioId: string): Promise<number> {
  const row = await db
    .selectFrom('postings')
    .select(sql<number>`coalesce(sum(amount_minor), 0)`.as('balance'))
    .where('folio_id', '=', folioId)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}

/** `sumStay` for several stays in one query (`stayIds` at most a few hundred); a stay with no lines is 0. */
export async function sumStays(
  db: Kysely<FolioDatabase>,
  stayIds: readonly string[],
): Promise<Map<string, number>> {
  const sums = new Map<string, number>(stayIds.map((id) => [id, 0]));
  if (stayIds.length === 0) return sums;
  const rows = await db
    .selectFrom('postings')
    .innerJoin('folios', 'folios.id', 'postings.folio_id')
    .select(['folios.stay_id', sql<number>`coalesce(sum(postings.amount_minor), 0)`.as('balance')])
    .where('folios.stay_id', 'in', stayIds)
    .groupBy('folios.stay_id')
    .execute();
  for (const row of rows) sums.set(row.stay_id, Number(row.balance));
  return sums;
}

/** Sum over every folio window of the stay: what the guest owes the hotel, what credit limits apply to. */
export async function sumStay(db: Kysely<FolioDatabase>, stayId: string): Promise<number> {
  const row = await db
    .selectFrom('postings')
    .innerJoin('folios', 'folios.id', 'postings.folio_id')
    .select(sql<number>`coalesce(sum(postings.amount_minor), 0)`.as('balance'))
    .where('folios.stay_id', '=', stayId)
    .executeTakeFirstOrThrow();
  return Number(row.balance);
}
