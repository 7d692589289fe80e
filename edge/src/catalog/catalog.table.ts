import type { CatalogItemColumns, CatalogTemplateColumns } from '@roompost/sync';

export interface CatalogCategoryTable {
  code: string;
  name: string;
  sort: number;
}

/** An item and a charge template (`lines_json`: `[{ sku, quantity }]`) as the contract stores them. */
export type CatalogItemTable = CatalogItemColumns;
export type CatalogTemplateTable = CatalogTemplateColumns;

/** One row (id 1): which version of central's catalog this edge holds, and when it was fetched. */
export interface CatalogMetaTable {
  id: number;
  outlet_code: string;
  version: number;
  synced_at: string;
}
