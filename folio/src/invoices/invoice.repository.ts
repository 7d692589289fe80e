import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { PostingType } from '../folios/posting-type.js';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { PostingTaxColumns } from '../tax/posting-tax.table.js';
import type { InvoiceLineTable, InvoiceSettingsTable, InvoiceTable } from './invoice.table.js';

type Db = Kysely<FolioDatabase>;
export type InvoiceRow = Selectable<InvoiceTable>;
export type InvoiceSettingsRow = Selectable<InvoiceSettingsTable>;

export async function findInvoiceSettings(db: Db): Promise<InvoiceSettingsRow | undefined> {
  return db.selectFrom('invoice_settings').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function upsertInvoiceSettings(db: Db, row: Insertable<InvoiceSettingsTable>): Promise<void> {
  const { id: _id, ...changes } = row;
  await db
    .insertInto('invoice_settings')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(changes))
    .execute();
}

export interface InvoiceablePostingRow extends PostingTaxColumns {
  id: string;
  type: PostingType;
  amount_minor: number;
  description: string;
  service_date: string;
  tax_base_date: string | null;
  stay_date: string | null;
  charge_ref: string | null;
  rule_applied: string | null;
  outlet_taxed: number;
  /** The posting this one derives from at the end of its link chain (itself when it is an original). */
  origin_id: string;
  origin_type: PostingType;
  origin_amount_minor: number;
  origin_charge_ref: string | null;
  origin_stay_date: string | null;
  /** The stay (unit of accommodation) whose folio the origin was posted to: picks a room night's slab. */
  origin_stay_id: string;
}

/**
 * The folio's postings that are on no live invoice (an invoice without a credit note), oldest first. Each
 * comes with its origin, found by following linked_posting_id to the end at any depth (a void of a
 * transfer-in of a transfer-in…): a posting without its own category or SAC takes the nearest one along
 * the chain, and an outlet line stays an outlet line wherever it was moved.
 */
export async function selectUninvoicedPostings(db: Db, folioId: string): Promise<InvoiceablePostingRow[]> {
  const result = await sql<InvoiceablePostingRow>`
    with recursive chain(start_id, cur_id, depth) as (
      select p.id, p.id, 0 from postings p where p.folio_id = ${folioId}
      union all
      select chain.start_id, q.linked_posting_id, chain.depth + 1
      from chain join postings q on q.id = chain.cur_id
      where q.linked_posting_id is not null and chain.depth < 64
    ),
    origin as (
      select c.start_id, c.cur_id as origin_id from chain c
      where c.depth = (select max(c2.depth) from chain c2 where c2.start_id = c.start_id)
    )
    select p.id, p.type, p.amount_minor, p.description, p.service_date, p.tax_base_date, p.stay_date,
      (select q.category from chain c join postings q on q.id = c.cur_id
        where c.start_id = p.id and q.category is not null order by c.depth limit 1) as category,
      (select q.sac from chain c join postings q on q.id = c.cur_id
        where c.start_id = p.id and q.sac is not null order by c.depth limit 1) as sac,
      p.charge_ref, p.rule_applied, coalesce(p.slab_value_minor, o.slab_value_minor) as slab_value_minor,
      exists (select 1 from charge_receipts r where r.charge_id = o.charge_ref) as outlet_taxed,
      o.id as origin_id, o.type as origin_type, o.amount_minor as origin_amount_minor,
      o.charge_ref as origin_charge_ref, o.stay_date as origin_stay_date, of.stay_id as origin_stay_id
    from postings p
    join origin on origin.start_id = p.id
    join postings o on o.id = origin.origin_id
    join folios of on of.id = o.folio_id
    where p.folio_id = ${folioId}
      and not exists (
        select 1 from invoice_lines l join invoices i on i.id = l.invoice_id
        where l.posting_id = p.id and i.kind = 'INVOICE'
          and not exists (select 1 from invoices c where c.credits_invoice_id = i.id)
      )
    order by p.business_date, p.created_at, p.charge_ref, p.line_no, p.id
  `.execute(db);
  return result.rows;
}

/** Bumps and returns the next number of a series and year; call inside the finalizing transaction. */
export async function nextSeq(db: Db, series: string, fiscalYear: string): Promise<number> {
  await db
    .insertInto('invoice_counters')
    .values({ series, fiscal_year: fiscalYear, last_seq: 0 })
    .onConflict((oc) => oc.columns(['series', 'fiscal_year']).doNothing())
    .execute();
  const row = await db
    .updateTable('invoice_counters')
    .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('series', '=', series)
    .where('fiscal_year', '=', fiscalYear)
    .returning('last_seq')
    .executeTakeFirstOrThrow();
  return row.last_seq;
}

export async function insertInvoice(
  db: Db,
  invoice: Insertable<InvoiceTable>,
  lines: Insertable<InvoiceLineTable>[],
): Promise<void> {
  await db.insertInto('invoices').values(invoice).execute();
  if (lines.length > 0) await db.insertInto('invoice_lines').values(lines).execute();
}

export async function findInvoiceByNumber(db: Db, number: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('number', '=', number).executeTakeFirst();
}

export async function findCreditNoteFor(db: Db, invoiceId: string): Promise<InvoiceRow | undefined> {
  return db.selectFrom('invoices').selectAll().where('credits_invoice_id', '=', invoiceId).executeTakeFirst();
}

/** Invoices of the folio without a credit note. */
export async function countLiveInvoices(db: Db, folioId: string): Promise<number> {
  const row = await db
    .selectFrom('invoices as i')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('i.folio_id', '=', folioId)
    .where('i.kind', '=', 'INVOICE')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb.selectFrom('invoices as c').select('c.id').whereRef('c.credits_invoice_id', '=', 'i.id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The number of the live (not credited) invoice a posting is on, if any. */
export async function liveInvoiceNumberOf(db: Db, postingId: string): Promise<string | null> {
  const result = await sql<{ number: string }>`
    select i.number from invoice_lines l join invoices i on i.id = l.invoice_id
    where l.posting_id = ${postingId} and i.kind = 'INVOICE'
      and not exists (select 1 from invoices c where c.credits_invoice_id = i.id)
    limit 1
  `.execute(db);
  return result.rows[0]?.number ?? null;
}
