// One way to migrate a SQLite file, shared by the folio engine, central and the edge. Each owner
// keeps its own bookkeeping tables (`{name}_migration`), so several can share one database file.
import { type Kysely, type Migration, type MigrationResultSet, Migrator } from 'kysely';

/**
 * Brings `db` to the latest of `migrations`; throws the first failure (as the error's cause).
 * kysely does not wrap SQLite migrations in a transaction (its adapter reports no transactional DDL),
 * but SQLite does roll DDL back, so each migration runs in one: a failure leaves no half-built schema.
 */
export async function runMigrations<DB>(
  db: Kysely<DB>,
  owner: string,
  migrations: Record<string, Migration>,
): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db: db as unknown as Kysely<unknown>,
    provider: {
      getMigrations: async () =>
        Object.fromEntries(Object.entries(migrations).map(([k, m]) => [k, transactional(m)])),
    },
    // Branches land in any order: a migration keyed earlier than one a database already ran (its
    // key was handed out first, its branch merged later) still runs, once.
    allowUnorderedMigrations: true,
    migrationTableName: `${owner}_migration`,
    migrationLockTableName: `${owner}_migration_lock`,
  });
  const result = await migrator.migrateToLatest();
  if (result.error !== undefined) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`${owner} migration ${failed} failed`, { cause: result.error });
  }
  return result;
}

function transactional(migration: Migration): Migration {
  const { up, down } = migration;
  return {
    up: (db) => db.transaction().execute((trx) => up(trx)),
    ...(down === undefined
      ? {}
      : { down: (db: Kysely<unknown>) => db.transaction().execute((trx) => down(trx)) }),
  };
}
