import type { Kysely } from 'kysely';
import type { CentralDatabase } from '../../db/central-database.js';
import type { PmsRefreshTokenTable } from './refresh-token.table.js';

export function findRefreshToken(db: Kysely<CentralDatabase>, key: string) {
  return db.selectFrom('pms_refresh_tokens').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function saveRefreshToken(
  db: Kysely<CentralDatabase>,
  row: PmsRefreshTokenTable,
): Promise<void> {
  await db
    .insertInto('pms_refresh_tokens')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        seed_hash: row.seed_hash,
        token_sealed: row.token_sealed,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
