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
