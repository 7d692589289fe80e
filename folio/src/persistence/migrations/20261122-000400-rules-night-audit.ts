// Surcharge/discount rules, promo codes and their redemptions, and the night-audit run log.
// The night-audit replay key (folio, stay date, code) is the unique index postings_night_key of 000200.
import { type Kysely, type Migration, sql } from 'kysely';
import { PROMO_SCOPES, RULE_KINDS, SERVICE_KINDS } from '../../rules/rule-types.js';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(',');

export const rulesNightAudit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('pricing_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql.raw(`kind in (${list(RULE_KINDS)})`)))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('percent', 'text')
      .addColumn('amount_minor', 'integer', (c) => c.check(sql`amount_minor >= 0`))
      .addColumn('date_from', 'text')
      .addColumn('date_to', 'text')
      .addColumn('holidays_json', 'text')
      .addColumn('weekdays_json', 'text')
      .addColumn('room_types_json', 'text')
      .addColumn('quota', 'integer', (c) => c.check(sql`quota > 0`))
      .addColumn('service_kind', 'text', (c) =>
        c.check(sql.raw(`service_kind is null or service_kind in (${list(SERVICE_KINDS)})`)),
      )
      .addColumn('promo_scope', 'text', (c) =>
        c.check(sql.raw(`promo_scope is null or promo_scope in (${list(PROMO_SCOPES)})`)),
      )
      .addColumn('active', 'integer', (c) => c.notNull().check(sql`active in (0, 1)`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text')
      .addColumn('updated_by', 'text')
      .addCheckConstraint('pricing_rules_one_amount', sql`(percent is null) <> (amount_minor is null)`)
      .execute();

    await db.schema
      .createTable('promo_codes')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('rule_id', 'text', (c) => c.notNull().references('pricing_rules.id'))
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_to', 'text', (c) => c.notNull())
      .addColumn('usage_limit', 'integer', (c) => c.check(sql`usage_limit > 0`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addCheckConstraint('promo_codes_validity', sql`valid_from <= valid_to`)
      .execute();

    // One promo per reservation; the count per code is its usage.
    await db.schema
      .createTable('promo_redemptions')
      .addColumn('reservation_id', 'text', (c) => c.primaryKey().references('reservations.id'))
      .addColumn('code', 'text', (c) => c.notNull().references('promo_codes.code'))
      .addColumn('business_date', 'text', (c) => c.notNull())
      .addColumn('redeemed_at', 'text', (c) => c.notNull())
      .addColumn('redeemed_by', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('promo_redemptions_code').on('promo_redemptions').column('code').execute();

    await db.schema
      .createTable('night_audit_runs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('business_date', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running','completed','failed')`))
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('started_by', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('override_reason', 'text')
      .addColumn('pending_pos', 'integer', (c) => c.notNull())
      .addColumn('no_shows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('rooms_posted', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('postings', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('error', 'text')
      .addColumn('report_json', 'text')
      .execute();
    await db.schema
      .createIndex('night_audit_runs_date')
      .on('night_audit_runs')
      .column('business_date')
      .execute();
    // A business date is completed once: the run that rolled it.
    await sql`create unique index night_audit_runs_completed on night_audit_runs (business_date)
      where status = 'completed'`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const table of ['night_audit_runs', 'promo_redemptions', 'promo_codes', 'pricing_rules']) {
      await db.schema.dropTable(table).execute();
    }
  },
};
