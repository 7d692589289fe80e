import type { Insertable, Kysely, Selectable } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import type { PropertyTable } from './property.table.js';

export type PropertyRow = Selectable<PropertyTable>;

export async function findProperty(db: Kysely<FolioDatabase>): Promise<PropertyRow | undefined> {
  return db.selectFrom('property').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function insertProperty(
  db: Kysely<FolioDatabase>,
  row: Insertable<PropertyTable>,
): Promise<void> {
  await db.insertInto('property').values(row).execute();
}

export async function updateBusinessDate(db: Kysely<FolioDatabase>, businessDate: string): Promise<void> {
  await db.updateTable('property').set({ business_date: businessDate }).where('id', '=', 1).execute();
}

export async function updatePropertyIdentity(
  db: Kysely<FolioDatabase>,
  changes: { name: string; time_zone: string },
): Promise<void> {
  await db.updateTable('property').set(changes).where('id', '=', 1).execute();
}
