import { type Kysely, type Migration, sql } from 'kysely';

/** The replicated roster (roster.table.ts) and the stand-in mark on charges. */
export const edgeRosterMigration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('roster_entries')
      .addColumn('room_number', 'text', (c) => c.primaryKey())
      .addColumn('in_house', 'integer', (c) => c.notNull())
      .addColumn('stay_ref', 'text')
      .addColumn('masked_name', 'text', (c) => c.notNull())
      .addColumn('last_name_key', 'text')
      .addColumn('check_in', 'text')
      .addColumn('check_out', 'text')
      .addColumn('currency', 'text')
      .addColumn('no_post', 'integer', (c) => c.notNull())
      .addColumn('available_credit_minor', 'integer')
      .addColumn('as_of', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('roster_meta')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .alterTable('charges')
      .addColumn('stand_in', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('charges_stay_ref').on('charges').column('stay_ref').execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('charges_stay_ref').execute();
    await db.schema.alterTable('charges').dropColumn('stand_in').execute();
    await db.schema.dropTable('roster_meta').execute();
    await db.schema.dropTable('roster_entries').execute();
  },
};
