// Taxes and invoices: a category and SAC on postings, invoice settings, finalized invoices and credit
// notes with their lines, and the gap-free counters. Finalized rows are refused UPDATE and DELETE.
import { type Kysely, type Migration, sql } from 'kysely';
import { CHARGE_CATEGORIES } from '../../tax/tax-types.js';
import { createRefusingTrigger, dropRefusingTrigger } from '../dialect.js';

const CATEGORIES = `(${CHARGE_CATEGORIES.map((c) => `'${c}'`).join(',')})`;
const IMMUTABLE = ['invoices', 'invoice_lines'] as const;

export const taxesInvoices: Migration = {
  async up(db: Kysely<unknown>) {
    await sql
      .raw(`alter table postings add column category text check (category in ${CATEGORIES})`)
      .execute(db);
    await sql.raw('alter table postings add column sac text').execute(db);

    await db.schema
      .createTable('invoice_settings')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('legal_name', 'text', (c) => c.notNull())
      .addColumn('address', 'text', (c) => c.notNull())
      .addColumn('gstin', 'text')
      .addColumn('state_code', 'text')
      .addColumn('regime', 'text', (c) => c.notNull().check(sql`regime in ('IN_GST','US_NYC','NONE')`))
      .addColumn('specified_premises', 'integer', (c) => c.notNull().check(sql`specified_premises in (0, 1)`))
      .addColumn('invoice_prefix', 'text', (c) => c.notNull())
      .addColumn('credit_note_prefix', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addCheckConstraint('invoice_settings_series_differ', sql`invoice_prefix <> credit_note_prefix`)
      .execute();

    await db.schema
      .createTable('invoices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('INVOICE','CREDIT_NOTE')`))
      // GST Rule 46: a serial of at most 16 characters, unique per financial year.
      .addColumn('number', 'text', (c) => c.notNull().unique().check(sql`length(number) <= 16`))
      .addColumn('series', 'text', (c) => c.notNull())
      .addColumn('fiscal_year', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull().check(sql`seq > 0`))
      .addColumn('folio_id', 'text', (c) => c.notNull().references('folios.id'))
      .addColumn('credits_invoice_id', 'text', (c) => c.unique().references('invoices.id'))
      .addColumn('issue_date', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('subtotal_minor', 'integer', (c) => c.notNull())
      .addColumn('tax_minor', 'integer', (c) => c.notNull())
      .addColumn('total_minor', 'integer', (c) => c.notNull())
      .addColumn('paid_minor', 'integer', (c) => c.notNull())
      .addColumn('balance_minor', 'integer', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status = 'finalized'`))
      .addColumn('reason', 'text')
      .addColumn('finalized_at', 'text', (c) => c.notNull())
      .addColumn('finalized_by', 'text', (c) => c.notNull())
      .addUniqueConstraint('invoices_series_year_seq', ['series', 'fiscal_year', 'seq'])
      .addCheckConstraint(
        'invoices_credit_note_links',
        sql`(kind = 'CREDIT_NOTE') = (credits_invoice_id is not null)`,
      )
      .execute();
    await db.schema.createIndex('invoices_folio').on('invoices').column('folio_id').execute();

    await db.schema
      .createTable('invoice_lines')
      .addColumn('invoice_id', 'text', (c) => c.notNull().references('invoices.id'))
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('CHARGE','TAX','PAYMENT')`))
      .addColumn('posting_id', 'text', (c) => c.references('postings.id'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('sac', 'text')
      .addColumn('service_date', 'text')
      .addColumn('amount_minor', 'integer', (c) => c.notNull())
      .addColumn('tax_code', 'text')
      .addColumn('rate', 'text')
      .addPrimaryKeyConstraint('invoice_lines_pk', ['invoice_id', 'line_no'])
      .execute();
    await db.schema.createIndex('invoice_lines_posting').on('invoice_lines').column('posting_id').execute();

    await db.schema
      .createTable('invoice_counters')
      .addColumn('series', 'text', (c) => c.notNull())
      .addColumn('fiscal_year', 'text', (c) => c.notNull())
      .addColumn('last_seq', 'integer', (c) => c.notNull().check(sql`last_seq >= 0`))
      .addPrimaryKeyConstraint('invoice_counters_pk', ['series', 'fiscal_year'])
      .execute();

    for (const table of IMMUTABLE) {
      for (const event of ['update', 'delete'] as const) {
        // invoice_lines has no status: its rows are written only with their finalized invoice.
        await createRefusingTrigger(db, {
          name: `${table}_no_${event}`,
          table,
          event,
          message: `${table} are immutable once finalized: issue a credit note`,
          ...(table === 'invoices' ? { when: "old.status = 'finalized'" } : {}),
        });
      }
    }
  },

  async down(db: Kysely<unknown>) {
    for (const table of IMMUTABLE) {
      for (const event of ['update', 'delete']) {
        await dropRefusingTrigger(db, `${table}_no_${event}`, table);
      }
    }
    for (const table of ['invoice_counters', 'invoice_lines', 'invoices', 'invoice_settings']) {
      await db.schema.dropTable(table).execute();
    }
    await sql.raw('alter table postings drop column sac').execute(db);
    await sql.raw('alter table postings drop column category').execute(db);
  },
};
