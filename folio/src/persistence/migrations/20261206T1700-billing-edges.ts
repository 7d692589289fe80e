// Billing at the edges (seed 004 §6 and §8, Rule 46 CGST Rules): the value of one unit for one day that
// picks a line's slab when it is not its own night's sum (an early-departure fee is taxed at the released
// nights' slab), the tax lines an outlet charge arrived with, and billing identities on guest profiles.
import { type Kysely, type Migration, sql } from 'kysely';

export const billingEdges: Migration = {
  async up(db: Kysely<unknown>) {
    await sql.raw('alter table postings add column slab_value_minor integer').execute(db);
    await db.schema
      .createTable('outlet_tax_lines')
      .addColumn('charge_id', 'text', (c) => c.notNull().references('charge_receipts.charge_id'))
      .addColumn('group_no', 'integer', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('sac', 'text')
      /** Decimal fraction ("0.05"); null when the outlet sent no rate and none could be derived. */
      .addColumn('rate', 'text')
      .addColumn('taxable_minor', 'integer', (c) => c.notNull())
      .addColumn('tax_minor', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('outlet_tax_lines_pk', ['charge_id', 'group_no'])
      .execute();
    await sql.raw('alter table folios add column invoice_later_reason text').execute(db);
    for (const column of ['billing_name', 'billing_gstin', 'billing_address', 'billing_state_code']) {
      await sql.raw(`alter table guests add column ${column} text`).execute(db);
    }
  },
  async down(db: Kysely<unknown>) {
    for (const column of ['billing_state_code', 'billing_address', 'billing_gstin', 'billing_name']) {
      await sql.raw(`alter table guests drop column ${column}`).execute(db);
    }
    await db.schema.dropTable('outlet_tax_lines').execute();
    await sql.raw('alter table folios drop column invoice_later_reason').execute(db);
    await sql.raw('alter table postings drop column slab_value_minor').execute(db);
  },
};
