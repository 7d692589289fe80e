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

export interface OutletCatalogItemTable {
  outlet_code: string;
  sku: string;
  name: string;
  category_code: string;
  price_minor: number;
  tax_class: string;
  /** Decimal string, e.g. "0.05". */
  tax_rate: string;
  active: number;
  sort: number;
}

export interface OutletChargeTemplateTable {
  outlet_code: string;
  code: string;
  name: string;
  /** `[{ sku, quantity }]` */
  lines_json: string;
  sort: number;
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
