import { createRefusingTrigger, dialectOf, runMigrations } from '@roompost/folio';
import { type Kysely, type Migration, sql } from 'kysely';
import { rosterMigration } from '../roster/roster.migration.js';

// Central's own tables; the folio engine's live in the same file under its own migration table.
export const centralMigrations: Record<string, Migration> = {
  '20261122T0100_room_charges': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('room_charges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('device', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('mqtt','http')`))
        .addColumn('outlet_code', 'text', (c) => c.notNull())
        .addColumn('check_number', 'text', (c) => c.notNull())
        .addColumn('room_number', 'text', (c) => c.notNull())
        .addColumn('stay_ref', 'text')
        .addColumn('guest_name', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('subtotal_minor', 'integer', (c) => c.notNull())
        .addColumn('tax_minor', 'integer', (c) => c.notNull())
        .addColumn('tip_minor', 'integer', (c) => c.notNull())
        .addColumn('total_minor', 'integer', (c) => c.notNull())
        .addColumn('items_json', 'text', (c) => c.notNull())
        .addColumn('employee_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('posting_status', 'text', (c) =>
          c.notNull().check(sql`posting_status in ('received','queued','posted','rejected','failed')`),
        )
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text')
        .addColumn('last_attempt_at', 'text')
        .addColumn('pms_transaction_id', 'text')
        .addColumn('folio_balance_minor', 'integer')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('posted_at', 'text')
        .execute();
      await db.schema
        .createIndex('room_charges_due')
        .on('room_charges')
        .columns(['posting_status', 'next_attempt_at'])
        .execute();
      await db.schema.createIndex('room_charges_received').on('room_charges').column('received_at').execute();
      await db.schema
        .createTable('posting_attempts')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('charge_id', 'text', (c) => c.notNull().references('room_charges.id'))
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('outcome', 'text', (c) => c.notNull())
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .execute();
      await db.schema
        .createIndex('posting_attempts_charge')
        .on('posting_attempts')
        .column('charge_id')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('posting_attempts').execute();
      await db.schema.dropTable('room_charges').execute();
    },
  },
  '20261122T0200_manual_actions': {
    async up(db: Kysely<unknown>) {
      // Manual retries and withdrawals by a manager are logged with who did it and why.
      await db.schema.alterTable('posting_attempts').addColumn('actor', 'text').execute();
      await db.schema.alterTable('posting_attempts').addColumn('note', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('posting_attempts').dropColumn('note').execute();
      await db.schema.alterTable('posting_attempts').dropColumn('actor').execute();
    },
  },
  '20261122T0300_devices': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('outlet_code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('pending','active','revoked')`))
        .addColumn('secret_hash', 'text')
        .addColumn('public_key', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('enrolled_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .execute();
      await db.schema
        .createTable('enrollment_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('device_status')
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('online', 'integer', (c) => c.notNull())
        .addColumn('status_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('device_status_latest')
        .on('device_status')
        .columns(['device_id', 'received_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('device_status').execute();
      await db.schema.dropTable('enrollment_tokens').execute();
      await db.schema.dropTable('devices').execute();
    },
  },
  '20261122T0500_credit_override': {
    async up(db: Kysely<unknown>) {
      // A credit-limit override made at the outlet ({ by, reason } as JSON) travels to the PMS.
      await db.schema.alterTable('room_charges').addColumn('override_json', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('room_charges').dropColumn('override_json').execute();
    },
  },
  '20261122T0600_voids_config_profiles': {
    async up(db: Kysely<unknown>) {
      // A void is its own record beside the charge it reverses (the charge row is never edited).
      await db.schema
        .createTable('charge_voids')
        .addColumn('void_id', 'text', (c) => c.primaryKey())
        .addColumn('charge_id', 'text', (c) => c.notNull().unique().references('room_charges.id'))
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) =>
          c.notNull().check(sql`status in ('queued','voided','rejected','failed')`),
        )
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text')
        .addColumn('pms_void_id', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('voided_at', 'text')
        .execute();
      // PMS connection and outlets set over HTTP: every version kept, the newest one applies.
      await db.schema
        .createTable('pms_config_versions')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('section', 'text', (c) => c.notNull().check(sql`section in ('pms','outlets')`))
        .addColumn('body_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('guest_profiles')
        .addColumn('stay_ref', 'text', (c) => c.primaryKey())
        .addColumn('pms_kind', 'text', (c) => c.notNull())
        .addColumn('profile_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('guest_profiles').execute();
      await db.schema.dropTable('pms_config_versions').execute();
      await db.schema.dropTable('charge_voids').execute();
    },
  },
  '20261122T0700_users': {
    async up(db: Kysely<unknown>) {
      // Sign-in to central's HTTP API: users with one role, sessions by token hash.
      await db.schema
        .createTable('users')
        .addColumn('username', 'text', (c) => c.primaryKey())
        .addColumn('role', 'text', (c) =>
          c.notNull().check(sql`role in ('server','front_desk','manager','admin','it','office')`),
        )
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('user_sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().references('users.username'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('user_sessions_expiry').on('user_sessions').column('expires_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('user_sessions').execute();
      await db.schema.dropTable('users').execute();
    },
  },
  '20261122T0800_outlet_catalogs': {
    async up(db: Kysely<unknown>) {
      // Each outlet's item master: one version row per outlet, its rows replaced whole.
      await db.schema
        .createTable('outlet_catalogs')
        .addColumn('outlet_code', 'text', (c) => c.primaryKey())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('outlet_catalog_categories')
        .addColumn('outlet_code', 'text', (c) => c.notNull().references('outlet_catalogs.outlet_code'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sort', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('outlet_catalog_categories_pk', ['outlet_code', 'code'])
        .execute();
      await db.schema
        .createTable('outlet_catalog_items')
        .addColumn('outlet_code', 'text', (c) => c.notNull().references('outlet_catalogs.outlet_code'))
        .addColumn('sku', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category_code', 'text', (c) => c.notNull())
        .addColumn('price_minor', 'integer', (c) => c.notNull().check(sql`price_minor >= 0`))
        .addColumn('tax_class', 'text', (c) => c.notNull())
        .addColumn('tax_rate', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('sort', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('outlet_catalog_items_pk', ['outlet_code', 'sku'])
        .execute();
      await db.schema
        .createTable('outlet_charge_templates')
        .addColumn('outlet_code', 'text', (c) => c.notNull().references('outlet_catalogs.outlet_code'))
        .addColumn('code', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('lines_json', 'text', (c) => c.notNull())
        .addColumn('sort', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('outlet_charge_templates_pk', ['outlet_code', 'code'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('outlet_charge_templates').execute();
      await db.schema.dropTable('outlet_catalog_items').execute();
      await db.schema.dropTable('outlet_catalog_categories').execute();
      await db.schema.dropTable('outlet_catalogs').execute();
    },
  },
  '20261122T0910_room_charge_hold': {
    async up(db: Kysely<unknown>) {
      // An outlet with `autoPost: false`: its charges wait (status `held`, posting_status 'queued'
      // with no next attempt) until a manager posts them. A column, not a new posting_status value:
      // SQLite cannot widen the CHECK without rebuilding a table other tables reference.
      await db.schema.alterTable('room_charges').addColumn('held_at', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('room_charges').dropColumn('held_at').execute();
    },
  },
  '20261206T1300_roster': rosterMigration,
  '20261206T1900_pms_refresh_tokens': {
    async up(db: Kysely<unknown>) {
      // Rotating OAuth refresh tokens (Cloudbeds) survive a restart: central/src/pms/oauth/.
      await db.schema
        .createTable('pms_refresh_tokens')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('seed_hash', 'text', (c) => c.notNull())
        .addColumn('token_sealed', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('pms_refresh_tokens').execute();
    },
  },
  '20261206T1200_outlet_staff': {
    async up(db: Kysely<unknown>) {
      // Staff who sign in at outlets with a PIN: managed here, synced to staff outlets as slow hashes.
      await db.schema
        .createTable('outlet_staff')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('pin_hash', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('outlet_staff').execute();
    },
  },
  // Daily reconciliation: the outlets' own day ledgers, the last run per day, and the append-only
  // night-audit sign-offs; plus an index to read one business day of charges by their creation time.
  '20261206T1600_reconciliation': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('edge_daily_summaries')
        .addColumn('device', 'text', (c) => c.notNull())
        .addColumn('outlet_code', 'text', (c) => c.notNull())
        .addColumn('business_date', 'text', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('closed', 'integer', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('summary_json', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('edge_daily_summaries_pk', ['device', 'business_date'])
        .execute();
      await db.schema
        .createTable('reconciliation_runs')
        .addColumn('business_date', 'text', (c) => c.primaryKey())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('variance_minor', 'integer', (c) => c.notNull())
        .addColumn('exceptions', 'integer', (c) => c.notNull())
        .addColumn('outlets_json', 'text', (c) => c.notNull())
        .addColumn('computed_at', 'text', (c) => c.notNull())
        .addColumn('auto_started_at', 'text')
        .addColumn('auto_completed_at', 'text')
        .addColumn('alert', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('reconciliation_signoffs')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('business_date', 'text', (c) => c.notNull())
        .addColumn('signed_by', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('variance_minor', 'integer', (c) => c.notNull())
        .addColumn('exceptions', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('report_digest', 'text', (c) => c.notNull())
        .addColumn('signed_at', 'text', (c) => c.notNull())
        .execute();
      for (const op of ['update', 'delete'] as const) {
        await createRefusingTrigger(db, {
          name: `reconciliation_signoffs_no_${op}`,
          table: 'reconciliation_signoffs',
          event: op,
          message: 'reconciliation sign-offs are append-only',
        });
      }
      await db.schema.createIndex('room_charges_created').on('room_charges').column('created_at').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('room_charges_created').execute();
      await db.schema.dropTable('reconciliation_signoffs').execute();
      await db.schema.dropTable('reconciliation_runs').execute();
      await db.schema.dropTable('edge_daily_summaries').execute();
    },
  },
  // "Pay with card" after a failed posting withdraws the room charge: a final posting_status
  // 'withdrawn' with who, when and why, and the outlet's withdrawal id (its idempotency key).
  // SQLite cannot widen a CHECK in place, so room_charges is rebuilt: its child rows are parked,
  // the table is copied with the wider CHECK, and the children come back (foreign keys stay on).
  '20261206T1500_room_charge_withdrawn': {
    async up(db: Kysely<unknown>) {
      for (const column of ['withdrawn_at', 'withdrawn_by', 'withdrawn_reason', 'withdrawal_id']) {
        await db.schema.alterTable('room_charges').addColumn(column, 'text').execute();
      }
      await widenCheck(db, 'room_charges', "'rejected','failed')", "'rejected','failed','withdrawn')");
    },
    async down(db: Kysely<unknown>) {
      await sql`update room_charges set posting_status = 'rejected' where posting_status = 'withdrawn'`.execute(
        db,
      );
      await widenCheck(db, 'room_charges', "'rejected','failed','withdrawn')", "'rejected','failed')");
      for (const column of ['withdrawal_id', 'withdrawn_reason', 'withdrawn_by', 'withdrawn_at']) {
        await db.schema.alterTable('room_charges').dropColumn(column).execute();
      }
    },
  },
  '20261206T1100_device_mode_and_catalog_versions': {
    async up(db: Kysely<unknown>) {
      // Central knows each device's mode: a self-service kiosk may never claim an override, name an
      // employee or charge an open price. Existing devices are self-service until IT says otherwise.
      await db.schema
        .alterTable('devices')
        .addColumn('mode', 'text', (c) => c.notNull().defaultTo('self-service'))
        .execute();
      // The priced items of every catalog version, so a charge priced offline at an older version
      // is checked against the menu it was priced with. The current versions are kept from here on.
      await db.schema
        .createTable('outlet_catalog_versions')
        .addColumn('outlet_code', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('items_json', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('outlet_catalog_versions_pk', ['outlet_code', 'version'])
        .execute();
      if (dialectOf(db) === 'postgres') {
        await sql`
          INSERT INTO outlet_catalog_versions (outlet_code, version, items_json, created_at)
          SELECT c.outlet_code, c.version,
            COALESCE((SELECT json_agg(json_build_object('sku', i.sku, 'priceMinor', i.price_minor,
              'taxRate', i.tax_rate))::text FROM outlet_catalog_items i WHERE i.outlet_code = c.outlet_code), '[]'),
            c.updated_at
          FROM outlet_catalogs c`.execute(db);
      } else {
        await sql`
        INSERT INTO outlet_catalog_versions (outlet_code, version, items_json, created_at)
        SELECT c.outlet_code, c.version,
          COALESCE((SELECT json_group_array(json_object('sku', i.sku, 'priceMinor', i.price_minor,
            'taxRate', i.tax_rate)) FROM outlet_catalog_items i WHERE i.outlet_code = c.outlet_code), '[]'),
          c.updated_at
        FROM outlet_catalogs c`.execute(db);
      }
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('outlet_catalog_versions').execute();
      await db.schema.alterTable('devices').dropColumn('mode').execute();
    },
  },
  // Several central workers on one PostgreSQL database: who is posting a charge and until when (the
  // claim, taken with FOR UPDATE SKIP LOCKED).
  '20261207T0300_room_charge_claims': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('room_charges').addColumn('claimed_by', 'text').execute();
      await db.schema.alterTable('room_charges').addColumn('claimed_until', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('room_charges').dropColumn('claimed_until').execute();
      await db.schema.alterTable('room_charges').dropColumn('claimed_by').execute();
    },
  }, // Invoice e-mail through the property's SMTP relay: one row per request (its idempotency key).
  '20261207T1700_invoice_emails': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('invoice_emails')
        .addColumn('request_id', 'text', (c) => c.primaryKey())
        .addColumn('invoice_number', 'text', (c) => c.notNull())
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('sent', 'failed')`))
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createIndex('invoice_emails_by_number')
        .on('invoice_emails')
        .columns(['invoice_number', 'requested_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('invoice_emails').execute();
    },
  },
  // Staff badges (outlets that sign in with PIN and badge), hashed like PINs; and the charge
  // statuses each edge has acknowledged, so central sends a final status again until it has one.
  '20261207T1200_staff_badges_and_status_acks': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('outlet_staff').addColumn('badge_hash', 'text').execute();
      await db.schema
        .createTable('charge_status_acks')
        .addColumn('charge_id', 'text', (c) => c.primaryKey())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('acked_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('charge_status_acks').execute();
      await db.schema.alterTable('outlet_staff').dropColumn('badge_hash').execute();
    },
  },
  // A 429 is the PMS asking for patience, not a failed attempt: counted apart so it never uses up
  // the retry limit.
  '20261207T1400_room_charge_rate_limited_answers': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .alterTable('room_charges')
        .addColumn('rate_limited_answers', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('room_charges').dropColumn('rate_limited_answers').execute();
    },
  },
  // What central holds for a stay (the roster's open amount, at every lookup and after every charge):
  // read by the stay instead of the whole table.
  '20261208T0400_room_charges_stay_index': {
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex('room_charges_stay').on('room_charges').column('stay_ref').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('room_charges_stay').execute();
    },
  },
  // The self-service lookup throttle's misses (postings/lookup-misses.ts), shared by every worker.
  '20261208T0410_lookup_misses': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('lookup_misses')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('device_id', 'text', (c) => c.notNull())
        .addColumn('missed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('lookup_misses_device')
        .on('lookup_misses')
        .columns(['device_id', 'missed_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('lookup_misses').execute();
    },
  },
  // The charges waiting for their first attempt, oldest first (findDue): read in order from the index
  // instead of sorting every due row of a burst again on each pass (a 100,000-charge backlog made
  // that sort quadratic). Not a partial index: the status is a bound parameter, which SQLite cannot
  // match against a partial index's WHERE.
  '20261209T0400_room_charges_status_received': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('room_charges_status_received')
        .on('room_charges')
        .columns(['posting_status', 'received_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('room_charges_status_received').execute();
    },
  },
  // A day's edge summary too large for one MQTT packet arrives in parts: each part is kept here until
  // every part of the same digest is in, then the day is stored whole in edge_daily_summaries.
  '20261210T0400_edge_daily_summary_parts': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('edge_daily_summary_parts')
        .addColumn('device', 'text', (c) => c.notNull())
        .addColumn('business_date', 'text', (c) => c.notNull())
        .addColumn('part', 'integer', (c) => c.notNull())
        .addColumn('parts', 'integer', (c) => c.notNull())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('charges_json', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('edge_daily_summary_parts_pk', ['device', 'business_date', 'part'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('edge_daily_summary_parts').execute();
    },
  },
  // The retries due now (findDue's `retries`, claimDue on PostgreSQL: posting_status = ? and
  // next_attempt_at <= ?) only ever look at rows with a next attempt. A posted, rejected, withdrawn or
  // held charge has none, so the index keeps only the charges not yet settled: a new charge's entry
  // goes when its attempt is recorded, instead of being moved to ('posted', null) and kept for good.
  // `is not null` because SQLite uses a partial index for a bound `next_attempt_at <= ?` only through
  // that form (sqlite.org/partialindex.html 2.2), and PostgreSQL proves it from the strict `<=`.
  '20261212T0100_room_charges_due_partial': {
    async up(db: Kysely<unknown>) {
      await sql`drop index room_charges_due`.execute(db);
      await sql`create index room_charges_due on room_charges (posting_status, next_attempt_at)
        where next_attempt_at is not null`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index room_charges_due`.execute(db);
      await sql`create index room_charges_due on room_charges (posting_status, next_attempt_at)`.execute(db);
    },
  },
  // The audit log (`/api/audit-log`, audit/audit-log.ts) lists the latest attempts made by a person
  // and the latest credit overrides. Both are rare among the rows of their table, so reading them
  // newest first through the primary key or `room_charges_created` walked nearly every row (123 ms
  // over 100,000 charges); these indexes hold only those rows, and the charge road's own rows (no
  // actor, no override) never enter them.
  '20261212T0110_audit_log_partial_indexes': {
    async up(db: Kysely<unknown>) {
      await sql`create index posting_attempts_by_staff on posting_attempts (id) where actor is not null`.execute(
        db,
      );
      await sql`create index room_charges_overrides on room_charges (created_at)
        where override_json is not null`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await sql`drop index room_charges_overrides`.execute(db);
      await sql`drop index posting_attempts_by_staff`.execute(db);
    },
  },
};

/**
 * Rebuilds `table` with `from` replaced by `to` in its CREATE statement (sqlite.org/lang_altertable.html
 * "other kinds of table schema changes"), keeping its indexes and the rows of tables that reference it.
 */
async function widenCheck(db: Kysely<unknown>, table: string, from: string, to: string): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    // PostgreSQL changes a CHECK in place; the column's CHECK is named {table}_{column}_check.
    const values = to.slice(0, -1);
    await sql
      .raw(
        `alter table ${table} drop constraint ${table}_posting_status_check, ` +
          `add constraint ${table}_posting_status_check check (posting_status in ('received','queued','posted',${values}))`,
      )
      .execute(db);
    return;
  }
  const created = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'table' and name = ${table}`.execute(db);
  const ddl = created.rows[0]?.sql;
  if (!ddl?.includes(from)) throw new Error(`${table}: CREATE statement does not contain ${from}`);
  const indexes = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(
    db,
  );
  const children = await sql<{
    name: string;
  }>`select distinct m.name from sqlite_master m, pragma_foreign_key_list(m.name) f where m.type = 'table' and f."table" = ${table}`.execute(
    db,
  );
  const next = `${table}_rebuilt`;
  const head = /^CREATE TABLE\s+("?)[A-Za-z_]+\1/i;
  await sql.raw(ddl.replace(head, `CREATE TABLE "${next}"`).replace(from, to)).execute(db);
  await sql.raw(`insert into "${next}" select * from "${table}"`).execute(db);
  for (const { name } of children.rows) {
    await sql.raw(`create temp table "keep_${name}" as select * from "${name}"`).execute(db);
    await sql.raw(`delete from "${name}"`).execute(db);
  }
  await sql.raw(`drop table "${table}"`).execute(db);
  await sql.raw(`alter table "${next}" rename to "${table}"`).execute(db);
  for (const index of indexes.rows) await sql.raw(index.sql).execute(db);
  for (const { name } of children.rows) {
    await sql.raw(`insert into "${name}" select * from "keep_${name}"`).execute(db);
    await sql.raw(`drop table "keep_${name}"`).execute(db);
  }
}

export async function migrateCentral<DB>(db: Kysely<DB>): Promise<void> {
  await runMigrations(db, 'central', centralMigrations);
}
