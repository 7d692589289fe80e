export interface CatalogCategoryTable {
  code: string;
  name: string;
  sort: number;
}

export interface CatalogItemTable {
  sku: string;
  name: string;
  category_code: string;
  price_minor: number;
  /** Tax class shown to staff (e.g. "FOOD", "ALCOHOL"). */
  tax_class: string;
  /** Decimal string, e.g. "0.08875"; the outlet computes each line's tax with it. */
  tax_rate: string;
  active: number;
  sort: number;
}

/** A charge template: one tap adds these items (`lines_json`: `[{ sku, quantity }]`). */
export interface CatalogTemplateTable {
  code: string;
  name: string;
  lines_json: string;
  sort: number;
}

/** One row (id 1): which version of central's catalog this edge holds, and when it was fetched. */
export interface CatalogMetaTable {
  id: number;
  outlet_code: string;
  version: number;
  synced_at: string;
}
