import type { Insertable, Kysely, Selectable } from 'kysely';
import type { FolioDatabase } from '../persistence/folio-database.js';
import { QueryTemplate } from '../persistence/query-template.js';
import type { PropertyTable } from './property.table.js';

export type PropertyRow = Selectable<PropertyTable>;

/** Read with every charge posted to the built-in folio: compiled once per database (QueryTemplate). */
const findQueries = new WeakMap<Kysely<FolioDatabase>, QueryTemplate<Record<string, never>, PropertyRow>>();

export async function findProperty(db: Kysely<FolioDatabase>): Promise<PropertyRow | undefined> {
  let query = findQueries.get(db);
  if (!query) {
    query = new QueryTemplate<Record<string, never>, PropertyRow>([], () =>
      db.selectFrom('property').selectAll().where('id', '=', 1),
    );
    findQueries.set(db, query);
  }
  return (await query.execute(db, {})).rows[0];
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
