import type { Insertable, Kysely, Selectable } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { StayStatus } from '../stays/stay.table.js';
import type { KeyCredentialTable } from './key-credential.table.js';

export type KeyCredentialRow = Selectable<KeyCredentialTable>;

export async function findActiveCredential(
  db: Kysely<FolioDatabase>,
  uid: string,
): Promise<(KeyCredentialRow & { stay_status: StayStatus }) | undefined> {
  return db
    .selectFrom('key_credentials')
    .innerJoin('stays', 'stays.id', 'key_credentials.stay_id')
    .selectAll('key_credentials')
    .select('stays.status as stay_status')
    .where('key_credentials.uid', '=', uid)
    .where('key_credentials.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function insertCredential(
  db: Kysely<FolioDatabase>,
  row: Insertable<KeyCredentialTable>,
): Promise<void> {
  await db.insertInto('key_credentials').values(row).execute();
}

export async function revokeCredentialById(
  db: Kysely<FolioDatabase>,
  id: string,
  revokedAt: string,
): Promise<void> {
  await db
    .updateTable('key_credentials')
    .set({ revoked_at: revokedAt })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}
