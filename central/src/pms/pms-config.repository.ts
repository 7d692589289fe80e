import type { Kysely } from 'kysely';
import type { CentralDatabase } from '../db/central-database.js';
import type { PmsConfigVersionTable } from './pms-config.table.js';

export async function latestVersion(db: Kysely<CentralDatabase>, section: PmsConfigVersionTable['section']) {
  return db
    .selectFrom('pms_config_versions')
    .selectAll()
    .where('section', '=', section)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertVersion(
  db: Kysely<CentralDatabase>,
  row: Omit<PmsConfigVersionTable, 'id'>,
): Promise<number> {
  // RETURNING, not insertId: PostgreSQL reports no last insert id (SQLite 3.35+ has RETURNING too).
  const result = await db
    .insertInto('pms_config_versions')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return Number(result.id);
}

export function countVersions(db: Kysely<CentralDatabase>, section: PmsConfigVersionTable['section']) {
  return db
    .selectFrom('pms_config_versions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('section', '=', section)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}
