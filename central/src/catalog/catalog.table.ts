import type { CatalogItemColumns, CatalogTemplateColumns } from '@roompost/sync';

// Central's item master per outlet (migration 20261122T0800_outlet_catalogs).
export interface OutletCatalogTable {
  outlet_code: string;
  /** Grows by one with every PUT; the edge replaces its copy when it sees a new one. */
  version: number;
  updated_at: string;
  updated_by: string;
}

export interface OutletCatalogCategoryTable {
  outlet_code: string;
  code: string;
  name: string;
  sort: number;
}

/** An item's columns as the contract stores them (sync/contract/catalog.ts), per outlet. */
export interface OutletCatalogItemTable extends CatalogItemColumns {
  outlet_code: string;
}

/** A charge template's columns (`lines_json`: `[{ sku, quantity }]`), per outlet. */
export interface OutletChargeTemplateTable extends CatalogTemplateColumns {
  outlet_code: string;
}

/** The priced items of one catalog version (`[{ sku, priceMinor, taxRate }]`), kept for admission. */
export interface OutletCatalogVersionTable {
  outlet_code: string;
  version: number;
  items_json: string;
  created_at: string;
}

export interface CatalogDatabase {
  outlet_catalog_versions: OutletCatalogVersionTable;
  outlet_catalogs: OutletCatalogTable;
  outlet_catalog_categories: OutletCatalogCategoryTable;
  outlet_catalog_items: OutletCatalogItemTable;
  outlet_charge_templates: OutletChargeTemplateTable;
}
