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
