// The folio engine's migrations, registered statically (no directory scan, so bundling and tsx agree).
// Central runs its own migrations in the same file, so ours keep their own bookkeeping tables.
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';
import { folioCore } from './20261122-000100-folio-core.js';

export const folioMigrations: Record<string, Migration> = {
  '20261122-000100-folio-core': transactional(folioCore),
};

export const FOLIO_MIGRATION_TABLE = 'folio_migration';
export const FOLIO_MIGRATION_LOCK_TABLE = 'folio_migration_lock';

/**
 * Brings the folio tables to the latest version; throws the first migration error (as its cause).
 * Takes any Kysely, as kysely's Migrator does: the host database (central's) has more tables than ours.
 */
// biome-ignore lint/suspicious/noExplicitAny: a migration runs before any table type is true of the database
export async function migrateFolio(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => folioMigrations },
    migrationTableName: FOLIO_MIGRATION_TABLE,
    migrationLockTableName: FOLIO_MIGRATION_LOCK_TABLE,
  });
  const result = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    throw new Error('folio migration failed', { cause: result.error });
  }
  return result;
}

/**
 * kysely does not wrap SQLite migrations in a transaction (its adapter reports no transactional DDL), but
 * SQLite does roll DDL back, so each migration runs in one: a failure leaves no half-built schema.
 */
function transactional(migration: Migration): Migration {
  const { up, down } = migration;
  return {
    up: (db) => db.transaction().execute((trx) => up(trx)),
    ...(down === undefined
      ? {}
      : { down: (db: Kysely<unknown>) => db.transaction().execute((trx) => down(trx)) }),
  };
}
