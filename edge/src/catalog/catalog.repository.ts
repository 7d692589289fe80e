import { QueryTemplate } from '@roompost/folio';
import { catalogItemColumns, catalogTemplateColumns, type OutletCatalog } from '@roompost/sync';
import type { Kysely, Selectable } from 'kysely';
import { compiled } from '../db/compiled.js';
import type { EdgeDatabase } from '../db/edge-database.js';
import type { CatalogItemTable } from './catalog.table.js';

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

/** The active items of these SKUs. Compiled once per number of SKUs up to 8 (every check asks it). */
export async function findItems(db: Kysely<EdgeDatabase>, skus: string[]): Promise<CatalogItemRow[]> {
  if (skus.length === 0) return [];
  const query = (list: readonly string[]) =>
    db.selectFrom('catalog_items').selectAll().where('sku', 'in', list).where('active', '=', 1);
  if (skus.length > 8) return query(skus).execute();
  const keys = skus.map((_, i) => `s${i}`);
  const template = compiled(
    db,
    `items by ${skus.length} skus`,
    () =>
      new QueryTemplate<Record<string, string>, CatalogItemRow>(keys, (a) =>
        query(keys.map((k) => a[k] as string)),
      ),
  );
  const args: Record<string, string> = {};
  skus.forEach((sku, i) => {
    args[`s${i}`] = sku;
  });
  return (await template.execute(db, args)).rows;
}

export async function countItems(db: Kysely<EdgeDatabase>): Promise<number> {
  const row = await db
    .selectFrom('catalog_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Charge templates in their order, lines as `{ sku, quantity }`. */
export async function listTemplates(
  db: Kysely<EdgeDatabase>,
): Promise<Array<{ code: string; name: string; lines: Array<{ sku: string; quantity: number }> }>> {
  const rows = await db.selectFrom('catalog_templates').selectAll().orderBy('sort').orderBy('code').execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    lines: JSON.parse(r.lines_json) as Array<{ sku: string; quantity: number }>,
  }));
}

/** The version of central's catalog held here; null before the first sync. */
export async function heldCatalog(
  db: Kysely<EdgeDatabase>,
): Promise<{ outletCode: string; version: number; syncedAt: string } | null> {
  // Compiled once: every check names the catalog version it was priced from.
  const query = compiled(
    db,
    'held catalog',
    () =>
      new QueryTemplate<Record<string, never>, Selectable<EdgeDatabase['catalog_meta']>>([], () =>
        db.selectFrom('catalog_meta').selectAll().where('id', '=', 1),
      ),
  );
  const row = (await query.execute(db, {})).rows[0];
  return row ? { outletCode: row.outlet_code, version: row.version, syncedAt: row.synced_at } : null;
}

/**
 * Replaces the whole catalog with central's in one transaction: a reader sees the old menu or the
 * new one, never half of each. Checks already created keep their own lines (charges.items_json).
 */
export async function replaceCatalog(
  db: Kysely<EdgeDatabase>,
  catalog: OutletCatalog,
  at: Date,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('catalog_templates').execute();
    await trx.deleteFrom('catalog_items').execute();
    await trx.deleteFrom('catalog_categories').execute();
    if (catalog.categories.length) {
      await trx.insertInto('catalog_categories').values(catalog.categories).execute();
    }
    if (catalog.items.length) {
      await trx.insertInto('catalog_items').values(catalog.items.map(catalogItemColumns)).execute();
    }
    if (catalog.templates.length) {
      await trx
        .insertInto('catalog_templates')
        .values(catalog.templates.map(catalogTemplateColumns))
        .execute();
    }
    const meta = { outlet_code: catalog.outletCode, version: catalog.version, synced_at: at.toISOString() };
    await trx
      .insertInto('catalog_meta')
      .values({ id: 1, ...meta })
      .onConflict((oc) => oc.column('id').doUpdateSet(meta))
      .execute();
  });
}
