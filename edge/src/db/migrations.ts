import { runMigrations } from '@roompost/folio';
import { type Kysely, type Migration, sql } from 'kysely';
import { edgeRosterMigration } from '../roster/roster.migration.js';

export const edgeMigrations: Record<string, Migration> = {
  '20261122T0100_catalog': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('catalog_categories')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('catalog_items')
        .addColumn('sku', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('category_code', 'text', (c) => c.notNull().references('catalog_categories.code'))
        .addColumn('price_minor', 'integer', (c) => c.notNull().check(sql`price_minor >= 0`))
        .addColumn('tax_class', 'text', (c) => c.notNull())
        .addColumn('tax_rate', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
        .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('catalog_items').execute();
      await db.schema.dropTable('catalog_categories').execute();
    },
  },
  '20261122T0200_charges': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('checks')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('outlet_code', 'text', (c) => c.notNull())
        .addColumn('employee_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('charges')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('check_id', 'text', (c) => c.notNull().references('checks.id'))
        .addColumn('room_number', 'text', (c) => c.notNull())
        .addColumn('stay_ref', 'text', (c) => c.notNull())
        .addColumn('guest_name', 'text', (c) => c.notNull())
        .addColumn('guest_first_name', 'text', (c) => c.notNull())
        .addColumn('guest_last_name', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('subtotal_minor', 'integer', (c) => c.notNull())
        .addColumn('tax_minor', 'integer', (c) => c.notNull())
        .addColumn('tip_minor', 'integer', (c) => c.notNull())
        .addColumn('total_minor', 'integer', (c) => c.notNull())
        .addColumn('items_json', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('status_at', 'text')
        .addColumn('error_code', 'text')
        .addColumn('error_message', 'text')
        .addColumn('pms_transaction_id', 'text')
        .addColumn('folio_balance_minor', 'integer')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('charges_created').on('charges').column('created_at').execute();
      await db.schema
        .createTable('outbox')
        .addColumn('charge_id', 'text', (c) => c.primaryKey().references('charges.id'))
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('done_at', 'text')
        .execute();
      await db.schema
        .createIndex('outbox_due')
        .on('outbox')
        .columns(['done_at', 'next_attempt_at'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('outbox').execute();
      await db.schema.dropTable('charges').execute();
      await db.schema.dropTable('checks').execute();
      await db.schema.dropTable('counters').execute();
    },
  },
  '20261122T0300_check_request_id': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('checks').addColumn('request_id', 'text').execute();
      await db.schema.alterTable('checks').addColumn('request_hash', 'text').execute();
      await db.schema.createIndex('checks_request_id').on('checks').column('request_id').unique().execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropIndex('checks_request_id').execute();
      await db.schema.alterTable('checks').dropColumn('request_hash').execute();
      await db.schema.alterTable('checks').dropColumn('request_id').execute();
    },
  },
  // The guest's on-screen signature: written in the charge's own transaction, never updated.
  '20261122T0450_charge_signature': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('charges').addColumn('signed_at', 'text').execute();
      await db.schema
        .createTable('charge_signatures')
        .addColumn('charge_id', 'text', (c) => c.primaryKey().references('charges.id'))
        .addColumn('png', 'blob', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('charge_signatures').execute();
      await db.schema.alterTable('charges').dropColumn('signed_at').execute();
    },
  },
  // A guest's e-mail receipt request, one per charge, queued for the property's SMTP relay.
  '20261122T0530_receipt_requests': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('receipt_requests')
        .addColumn('charge_id', 'text', (c) => c.primaryKey().references('charges.id'))
        .addColumn('address', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('receipt_requests').execute();
    },
  },
  '20261122T0800_catalog_sync': {
    async up(db: Kysely<unknown>) {
      // The outlet's menu comes from central: its charge templates and which version is held.
      await db.schema
        .createTable('catalog_templates')
        .addColumn('code', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('lines_json', 'text', (c) => c.notNull())
        .addColumn('sort', 'integer', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('catalog_meta')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('outlet_code', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('synced_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('catalog_meta').execute();
      await db.schema.dropTable('catalog_templates').execute();
    },
  },
  // The edge sends e-mail receipts itself (receipts/receipt-mailer.ts): attempts, last error, retry time.
  '20261122T0900_receipt_mail': {
    async up(db: Kysely<unknown>) {
      for (const [name, type] of [
        ['attempts', 'integer'],
        ['last_error', 'text'],
        ['next_attempt_at', 'text'],
      ] as const) {
        await db.schema
          .alterTable('receipt_requests')
          .addColumn(name, type, (c) => (name === 'attempts' ? c.notNull().defaultTo(0) : c))
          .execute();
      }
    },
    async down(db: Kysely<unknown>) {
      for (const name of ['next_attempt_at', 'last_error', 'attempts']) {
        await db.schema.alterTable('receipt_requests').dropColumn(name).execute();
      }
    },
  },
  // Central's outlet staff roster (staff/staff-roster-sync.ts): slow PIN hashes, replaced whole.
  '20261206T1200_staff_roster': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('staff_roster')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('pin_hash', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('staff_roster').execute();
    },
  },
  '20261206T1300_roster': edgeRosterMigration,
  // Daily reconciliation, ledger (a): the digest of each business day's summary central acknowledged.
  '20261206T1600_daily_summary_acks': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('daily_summary_acks')
        .addColumn('business_date', 'text', (c) => c.primaryKey())
        .addColumn('digest', 'text', (c) => c.notNull())
        .addColumn('acked_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('daily_summary_acks').execute();
    },
  },
  // "Pay with card" after a failed posting withdraws the room charge (charges/charge-withdraw.ts):
  // the withdrawal's idempotency key, who asked and why, and when central confirmed it.
  '20261206T1500_charge_withdrawal': {
    async up(db: Kysely<unknown>) {
      for (const column of [
        'withdrawal_id',
        'withdraw_requested_at',
        'withdrawn_by',
        'withdraw_reason',
        'withdrawn_at',
      ]) {
        await db.schema.alterTable('charges').addColumn(column, 'text').execute();
      }
      // Central's attempt count, for seed 000's "Retry #2" on Pending Room Postings.
      await db.schema.alterTable('charges').addColumn('attempts', 'integer').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('charges').dropColumn('attempts').execute();
      for (const column of [
        'withdrawn_at',
        'withdraw_reason',
        'withdrawn_by',
        'withdraw_requested_at',
        'withdrawal_id',
      ]) {
        await db.schema.alterTable('charges').dropColumn(column).execute();
      }
    },
  },
  // Receipts reproducible from stored data (receipts/tax-breakdown.ts, receipts/last-receipt.ts): the
  // tax lines and GSTIN a charge was printed with, and which charge's receipt was printed last, so
  // Reprint works after a restart; Room Found's check number held for the check's request id.
  '20261207T1600_receipt_detail': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('charges').addColumn('tax_json', 'text').execute();
      await db.schema
        .createTable('last_receipt')
        .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
        .addColumn('charge_id', 'text', (c) => c.notNull())
        .addColumn('printed_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('check_number_holds')
        .addColumn('request_id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('check_number_holds').execute();
      await db.schema.dropTable('last_receipt').execute();
      await db.schema.alterTable('charges').dropColumn('tax_json').execute();
    },
  },
  // Staff badges (outlets that sign in with PIN and badge) in central's roster, and how this outlet
  // signs staff in as central last said (kept on every row, so a restart without central keeps it).
  '20261207T1200_staff_roster_badges': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('staff_roster').addColumn('badge_hash', 'text').execute();
      await db.schema.alterTable('staff_roster').addColumn('sign_in', 'text').execute();
    },
    async down(db: Kysely<unknown>) {
      await db.schema.alterTable('staff_roster').dropColumn('sign_in').execute();
      await db.schema.alterTable('staff_roster').dropColumn('badge_hash').execute();
    },
  },
};

export async function migrateEdge<DB>(db: Kysely<DB>): Promise<void> {
  await runMigrations(db, 'edge', edgeMigrations);
}
