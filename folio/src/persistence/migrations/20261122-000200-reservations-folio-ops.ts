// Reservations, rate plans, deposits, folio operations (void/adjust/transfer), payments, checkout.
// Widens postings with nullable columns only, so every earlier row stays valid and immutable.
import { type Kysely, type Migration, sql } from 'kysely';

const RESERVATION_STATUSES =
  "('Draft','PendingDeposit','Confirmed','CheckedIn','CheckedOut','Cancelled','NoShow')";
const DEPOSIT_STATES = "('HELD','CAPTURED','RELEASED','REFUNDED','EXPIRED')";
const DEPOSIT_TYPES = "('BOOKING_DEPOSIT','CHECKIN_ADVANCE','SECURITY_DEPOSIT')";
const LINK_KINDS = "('VOID','ADJUSTMENT','TRANSFER_OUT','TRANSFER_IN')";

export const reservationsFolioOps: Migration = {
  async up(db: Kysely<unknown>) {
    const addColumns = async (table: string, columns: string[]) => {
      for (const column of columns) await sql.raw(`alter table ${table} add column ${column}`).execute(db);
    };
    await addColumns('postings', [
      'rule_applied text',
      "reference_kind text check (reference_kind in ('policy','campaign','manual'))",
      'reference_id text',
      'linked_posting_id text references postings(id)',
      `link_kind text check (link_kind in ${LINK_KINDS})`,
      'tax_base_date text',
      'stay_date text',
      'code text',
      'payment_method text',
      'payment_reference text',
    ]);
    // Night audit's replay key: one ROOM (or extra) line per folio, stay date and code.
    await sql`create unique index postings_night_key on postings (folio_id, stay_date, code)
      where stay_date is not null`.execute(db);
    await sql`create index postings_linked on postings (linked_posting_id)`.execute(db);
    await addColumns('folios', ['closed_at text', 'closed_by text']);
    await addColumns('stays', ['reservation_id text']);
    await addColumns('rooms', [
      "housekeeping_status text not null default 'CLEAN' check (housekeeping_status in ('CLEAN','DIRTY','INSPECTED','OUT_OF_ORDER'))",
    ]);

    await db.schema
      .createTable('rate_plans')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('extra_adult_minor', 'integer', (c) =>
        c.notNull().defaultTo(0).check(sql`extra_adult_minor >= 0`),
      )
      .addColumn('extra_child_minor', 'integer', (c) =>
        c.notNull().defaultTo(0).check(sql`extra_child_minor >= 0`),
      )
      .addColumn('extra_bed_minor', 'integer', (c) =>
        c.notNull().defaultTo(0).check(sql`extra_bed_minor >= 0`),
      )
      .addColumn('early_departure_kind', 'text', (c) =>
        c
          .notNull()
          .defaultTo('NONE')
          .check(sql`early_departure_kind in ('NONE','FIXED','PERCENT_OF_REMOVED','NIGHTS')`),
      )
      .addColumn('early_departure_value', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('rate_plan_rates')
      .addColumn('rate_plan_id', 'text', (c) => c.notNull().references('rate_plans.id'))
      .addColumn('room_type_id', 'text', (c) => c.notNull().references('room_types.id'))
      .addColumn('stay_date', 'text', (c) => c.notNull())
      .addColumn('amount_minor', 'integer', (c) => c.notNull().check(sql`amount_minor >= 0`))
      .addPrimaryKeyConstraint('rate_plan_rates_pk', ['rate_plan_id', 'room_type_id', 'stay_date'])
      .execute();

    await db.schema
      .createTable('deposit_policies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ${sql.raw(DEPOSIT_TYPES)}`))
      .addColumn('fixed_minor', 'integer', (c) => c.check(sql`fixed_minor > 0`))
      .addColumn('percent', 'text')
      .addColumn('expiry_hours', 'integer', (c) => c.notNull().check(sql`expiry_hours > 0`))
      .addCheckConstraint('deposit_policies_one_amount', sql`(fixed_minor is null) <> (percent is null)`)
      .execute();

    await db.schema
      .createTable('reservations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('confirmation', 'text', (c) => c.notNull().unique())
      .addColumn('guest_id', 'text', (c) => c.notNull().references('guests.id'))
      .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id'))
      .addColumn('rate_plan_id', 'text', (c) => c.notNull().references('rate_plans.id'))
      .addColumn('deposit_policy_id', 'text', (c) => c.references('deposit_policies.id'))
      .addColumn('arrival', 'text', (c) => c.notNull())
      .addColumn('departure', 'text', (c) => c.notNull())
      .addColumn('adults', 'integer', (c) => c.notNull().check(sql`adults > 0`))
      .addColumn('children', 'integer', (c) => c.notNull().check(sql`children >= 0`))
      .addColumn('extra_beds', 'integer', (c) => c.notNull().check(sql`extra_beds >= 0`))
      .addColumn('credit_limit_minor', 'integer', (c) => c.check(sql`credit_limit_minor >= 0`))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ${sql.raw(RESERVATION_STATUSES)}`))
      .addColumn('stay_id', 'text', (c) => c.references('stays.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addCheckConstraint('reservations_departure_after_arrival', sql`departure > arrival`)
      .execute();
    await db.schema
      .createIndex('reservations_room')
      .on('reservations')
      .columns(['room_id', 'arrival'])
      .execute();
    await db.schema
      .createTable('reservation_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('reservation_id', 'text', (c) => c.notNull().references('reservations.id'))
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .execute();
    await db.schema
      .createTable('reservation_nights')
      .addColumn('reservation_id', 'text', (c) => c.notNull().references('reservations.id'))
      .addColumn('stay_date', 'text', (c) => c.notNull())
      .addColumn('room_minor', 'integer', (c) => c.notNull().check(sql`room_minor >= 0`))
      .addColumn('extra_minor', 'integer', (c) => c.notNull().check(sql`extra_minor >= 0`))
      .addPrimaryKeyConstraint('reservation_nights_pk', ['reservation_id', 'stay_date'])
      .execute();

    await db.schema
      .createTable('deposits')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('reservation_id', 'text', (c) => c.notNull().references('reservations.id'))
      .addColumn('policy_id', 'text', (c) => c.references('deposit_policies.id'))
      .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ${sql.raw(DEPOSIT_TYPES)}`))
      .addColumn('state', 'text', (c) => c.notNull().check(sql`state in ${sql.raw(DEPOSIT_STATES)}`))
      .addColumn('amount_minor', 'integer', (c) => c.notNull().check(sql`amount_minor > 0`))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('reference', 'text')
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('held_at', 'text', (c) => c.notNull())
      .addColumn('held_by', 'text', (c) => c.notNull())
      .addColumn('settled_at', 'text')
      .addColumn('settled_by', 'text')
      .addColumn('refunded_at', 'text')
      .addColumn('refunded_by', 'text')
      .addColumn('deposit_posting_id', 'text', (c) => c.references('postings.id'))
      .addColumn('refund_posting_id', 'text', (c) => c.references('postings.id'))
      .execute();
    await db.schema.createIndex('deposits_reservation').on('deposits').column('reservation_id').execute();

    await db.schema
      .createTable('housekeeping_tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('room_id', 'text', (c) => c.notNull().references('rooms.id'))
      .addColumn('reservation_id', 'text', (c) => c.references('reservations.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('OPEN'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      'housekeeping_tasks',
      'deposits',
      'reservation_nights',
      'reservation_events',
      'reservations',
      'deposit_policies',
      'rate_plan_rates',
      'rate_plans',
    ]) {
      await db.schema.dropTable(table).execute();
    }
    await sql`drop index if exists postings_night_key`.execute(db);
    await sql`drop index if exists postings_linked`.execute(db);
    // SQLite ≥ 3.35 drops columns; the immutability triggers do not fire on schema changes.
    const drop = async (table: string, columns: string[]) => {
      for (const column of columns) await sql.raw(`alter table ${table} drop column ${column}`).execute(db);
    };
    await drop('rooms', ['housekeeping_status']);
    await drop('stays', ['reservation_id']);
    await drop('folios', ['closed_at', 'closed_by']);
    await drop('postings', [
      'payment_reference',
      'payment_method',
      'code',
      'stay_date',
      'tax_base_date',
      'link_kind',
      'linked_posting_id',
      'reference_id',
      'reference_kind',
      'rule_applied',
    ]);
  },
};
