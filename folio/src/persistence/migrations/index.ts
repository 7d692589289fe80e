// The folio engine's migrations, registered statically (no directory scan, so bundling and tsx agree).
// Central runs its own migrations in the same file, so ours keep their own bookkeeping tables.
import type { Kysely, Migration, MigrationResultSet } from 'kysely';
import { runMigrations } from '../run-migrations.js';
import { folioCore } from './20261122-000100-folio-core.js';
import { reservationsFolioOps } from './20261122-000200-reservations-folio-ops.js';
import { taxesInvoices } from './20261122-000300-taxes-invoices.js';
import { rulesNightAudit } from './20261122-000400-rules-night-audit.js';
import { billingEdges } from './20261206T1700-billing-edges.js';
import { rowidOnPostgres } from './20261207T0300-rowid-on-postgres.js';
import { postingsLinkedPartialIndex } from './20261207T1100_postings-linked-partial-index.js';
import { chargeOrigin } from './20261207T1300-charge-origin.js';
import { outletTaxCode } from './20261208T0600_outlet-tax-code.js';
import { postingsFolioAmount } from './20261211T0200_postings-folio-amount.js';

export const folioMigrations: Record<string, Migration> = {
  '20261122-000100-folio-core': folioCore,
  '20261122-000200-reservations-folio-ops': reservationsFolioOps,
  '20261122-000300-taxes-invoices': taxesInvoices,
  '20261122-000400-rules-night-audit': rulesNightAudit,
  '20261206T1700-billing-edges': billingEdges,
  '20261207T0300-rowid-on-postgres': rowidOnPostgres,
  '20261207T1100_postings-linked-partial-index': postingsLinkedPartialIndex,
  '20261207T1300-charge-origin': chargeOrigin,
  '20261208T0600_outlet-tax-code': outletTaxCode,
  '20261211T0200_postings-folio-amount': postingsFolioAmount,
};

export const FOLIO_MIGRATION_TABLE = 'folio_migration';
export const FOLIO_MIGRATION_LOCK_TABLE = 'folio_migration_lock';

/** Brings the folio tables to the latest version. The host database (central's) may hold more tables. */
export function migrateFolio<DB>(db: Kysely<DB>): Promise<MigrationResultSet> {
  return runMigrations(db, 'folio', folioMigrations);
}
