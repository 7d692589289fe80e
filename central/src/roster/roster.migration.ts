import type { Kysely, Migration } from 'kysely';

/** The replicated roster (roster.table.ts) and the stand-in mark on room charges. */
export const rosterMigration: Migration = {
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
      .addColumn('pms_available_minor', 'integer')
      .addColumn('pms_as_of', 'text', (c) => c.notNull())
      .addColumn('open_minor', 'integer', (c) => c.notNull())
      .addColumn('available_credit_minor', 'integer')
      .addColumn('as_of', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    // Accepted by the outlet against its roster while central or the PMS was unreachable.
    await db.schema
      .alterTable('room_charges')
      .addColumn('stand_in', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('room_charges').dropColumn('stand_in').execute();
    await db.schema.dropTable('roster_entries').execute();
  },
};
