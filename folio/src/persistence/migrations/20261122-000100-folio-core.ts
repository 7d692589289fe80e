// First folio schema: property, rooms, guests, stays, folio windows, postings, charge receipts, key cards.
// Later migrations widen it (reservations, rate plans, taxes, invoices); nothing here is edited after release.
import { type Kysely, type Migration, sql } from 'kysely';
import { createRefusingTrigger, dropRefusingTrigger } from '../dialect.js';

const POSTING_TYPES = "('ROOM','POS','SURCHARGE','DISCOUNT','TAX','DEPOSIT','PAYMENT','REFUND','ADJUSTMENT')";

export const folioCore: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('property')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull().check(sql`length(currency) = 3`))
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('business_date', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('room_types')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('base_occupancy', 'integer', (c) => c.notNull().check(sql`base_occupancy > 0`))
      .execute();

    await db.schema
      .createTable('rooms')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('room_type_id', 'text', (c) => c.notNull().references('room_types.id'))
      .execute();

    await db.schema
      .createTable('guests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text')
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('vip_level', 'text')
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('stays')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('confirmation', 'text', (c) => c.notNull().unique())
      .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id'))
      .addColumn('guest_id', 'text', (c) => c.notNull().references('guests.id'))
      .addColumn('arrival', 'text', (c) => c.notNull())
      .addColumn('departure', 'text', (c) => c.notNull())
      .addColumn('adults', 'integer', (c) => c.notNull().check(sql`adults > 0`))
      .addColumn('status', 'text', (c) =>
        c.notNull().defaultTo('in_house').check(sql`status in ('in_house', 'checked_out')`),
      )
      .addColumn('credit_limit_minor', 'integer', (c) => c.check(sql`credit_limit_minor >= 0`))
      .addColumn('no_post', 'integer', (c) => c.notNull().defaultTo(0).check(sql`no_post in (0, 1)`))
      .addColumn('checked_in_at', 'text', (c) => c.notNull())
      .addColumn('checked_out_at', 'text')
      .addColumn('checked_out_business_date', 'text')
      .addCheckConstraint('stays_departure_after_arrival', sql`departure > arrival`)
      .execute();
    // At most one guest in house per room, enforced by the database even if two check-ins race.
    await db.schema
      .createIndex('stays_one_in_house_per_room')
      .on('stays')
      .column('room_id')
      .unique()
      .where(sql.ref('status'), '=', 'in_house')
      .execute();
    await db.schema.createIndex('stays_guest_id').on('stays').column('guest_id').execute();

    await db.schema
      .createTable('folios')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('stay_id', 'text', (c) => c.notNull().references('stays.id'))
      .addColumn('window_number', 'integer', (c) => c.notNull().check(sql`window_number between 1 and 8`))
      .addColumn('payer_label', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('folios_stay_window', ['stay_id', 'window_number'])
      .execute();

    await db.schema
      .createTable('postings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('folio_id', 'text', (c) => c.notNull().references('folios.id'))
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ${sql.raw(POSTING_TYPES)}`))
      .addColumn('amount_minor', 'integer', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('business_date', 'text', (c) => c.notNull())
      .addColumn('service_date', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('posted_by', 'text', (c) => c.notNull())
      .addColumn('outlet_code', 'text')
      .addColumn('check_number', 'text')
      .addColumn('charge_ref', 'text')
      .addColumn('line_no', 'integer', (c) => c.notNull())
      .addUniqueConstraint('postings_charge_ref_line', ['charge_ref', 'line_no'])
      .execute();
    await db.schema.createIndex('postings_folio_id').on('postings').column('folio_id').execute();
    await db.schema.createIndex('postings_business_date').on('postings').column('business_date').execute();

    await db.schema
      .createTable('charge_receipts')
      .addColumn('charge_id', 'text', (c) => c.primaryKey())
      .addColumn('stay_id', 'text', (c) => c.notNull().references('stays.id'))
      .addColumn('folio_id', 'text', (c) => c.notNull().references('folios.id'))
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('total_minor', 'integer', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('transaction_id', 'text', (c) => c.notNull().unique())
      .addColumn('balance_minor', 'integer', (c) => c.notNull())
      .addColumn('posted_at', 'text', (c) => c.notNull())
      .addColumn('credit_override_by', 'text')
      .addColumn('credit_override_reason', 'text')
      .execute();

    await db.schema
      .createTable('key_credentials')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('uid', 'text', (c) => c.notNull().check(sql`uid = upper(uid)`))
      .addColumn('stay_id', 'text', (c) => c.notNull().references('stays.id'))
      .addColumn('issued_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    // A card UID is re-encoded for guest after guest; only one unrevoked credential may hold it.
    await db.schema
      .createIndex('key_credentials_active_uid')
      .on('key_credentials')
      .column('uid')
      .unique()
      .where(sql.ref('revoked_at'), 'is', null)
      .execute();
    await db.schema.createIndex('key_credentials_stay_id').on('key_credentials').column('stay_id').execute();

    for (const table of ['postings', 'charge_receipts']) {
      for (const event of ['update', 'delete'] as const) {
        await createRefusingTrigger(db, {
          name: `${table}_no_${event}`,
          table,
          event,
          message: `${table} are immutable: post a correcting entry instead`,
        });
      }
    }
  },

  async down(db: Kysely<unknown>) {
    for (const table of ['postings', 'charge_receipts']) {
      for (const event of ['update', 'delete']) {
        await dropRefusingTrigger(db, `${table}_no_${event}`, table);
      }
    }
    for (const table of [
      'key_credentials',
      'charge_receipts',
      'postings',
      'folios',
      'stays',
      'guests',
      'rooms',
      'room_types',
      'property',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};
