// The postings a night audit writes: which night lines of a stay date are already posted, and a batch of
// them inserted as one JSON parameter, keyed (folio, stay date, code) by the unique index postings_night_key.
import { type Insertable, type Kysely, sql } from 'kysely';
import { dialectOf } from '../persistence/dialect.js';
import type { FolioDatabase } from '../persistence/folio-database.js';

type Db = Kysely<FolioDatabase>;
export type NightPostingRow = Insertable<FolioDatabase['postings']>;

/** The night lines already posted for a stay date: folio and code of each (a re-run skips them). */
export async function postedNightLines(
  db: Db,
  stayDate: string,
): Promise<Array<{ folio_id: string; code: string | null }>> {
  return db
    .selectFrom('postings')
    .select(['folio_id', 'code'])
    .where('stay_date', '=', stayDate)
    .where('code', 'is not', null)
    .execute();
}

const POSTING_COLUMNS = [
  'id',
  'folio_id',
  'type',
  'amount_minor',
  'currency',
  'description',
  'business_date',
  'service_date',
  'created_at',
  'posted_by',
  'charge_ref',
  'line_no',
  'rule_applied',
  'reference_kind',
  'reference_id',
  'stay_date',
  'code',
] as const satisfies readonly (keyof NightPostingRow)[];

/**
 * Inserts many postings as one JSON parameter (json_each): one short statement to prepare per chunk instead of
 * thousands of bound values. Only a clash on the key (folio, stay date, code) is skipped (a line posted by a
 * concurrent run); any other constraint still fails the batch. Columns not listed are null. Returns the count.
 */
export async function insertNightPostings(trx: Db, rows: NightPostingRow[]): Promise<number> {
  const columns = sql.join(POSTING_COLUMNS.map((c) => sql.ref(c)));
  if (dialectOf(trx) === 'postgres') {
    // PostgreSQL: the same one-parameter insert, the JSON objects typed by the postings row type.
    const objects = JSON.stringify(
      rows.map((r) => Object.fromEntries(POSTING_COLUMNS.map((c) => [c, r[c] ?? null]))),
    );
    const result = await sql`insert into postings (${columns})
      select ${columns} from jsonb_populate_recordset(null::postings, ${objects}::jsonb)
      on conflict (folio_id, stay_date, code) where stay_date is not null do nothing`.execute(trx);
    return Number(result.numAffectedRows ?? 0);
  }
  const payload = JSON.stringify(rows.map((r) => POSTING_COLUMNS.map((c) => r[c] ?? null)));
  const values = sql.join(POSTING_COLUMNS.map((_, i) => sql`value ->> ${sql.raw(String(i))}`));
  // "where true" keeps SQLite from reading ON CONFLICT as a join constraint (sqlite.org/lang_upsert.html).
  const result =
    await sql`insert into postings (${columns}) select ${values} from json_each(${payload}) where true
    on conflict (folio_id, stay_date, code) where stay_date is not null do nothing`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}
