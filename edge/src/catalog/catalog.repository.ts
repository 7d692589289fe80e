import type { Kysely, Selectable } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import type { CatalogCategoryTable, CatalogItemTable } from './catalog.table.js';

export type CatalogItemRow = Selectable<CatalogItemTable>;

export function listCategories(db: Kysely<EdgeDatabase>) {
  return db.selectFrom('catalog_categories').selectAll().orderBy('sort').orderBy('name').execute();
}

export function listActiveItems(db: Kysely<EdgeDatabase>): Promise<CatalogItemRow[]> {
  return db
    .selectFrom('catalog_items')
    .selectAll()
    .where('active', '=', 1)
    .orderBy('sort')
    .orderBy('name')
    .execute();
}

export function findItems(db: Kysely<EdgeDatabase>, skus: string[]): Promise<CatalogItemRow[]> {
  if (skus.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('catalog_items')
    .selectAll()
    .where('sku', 'in', skus)
    .where('active', '=', 1)
    .execute();
}

export async function countItems(db: Kysely<EdgeDatabase>): Promise<number> {
  const row = await db
    .selectFrom('catalog_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertCatalog(
  db: Kysely<EdgeDatabase>,
  categories: CatalogCategoryTable[],
  items: CatalogItemTable[],
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (categories.length) await trx.insertInto('catalog_categories').values(categories).execute();
    if (items.length) await trx.insertInto('catalog_items').values(items).execute();
  });
}
