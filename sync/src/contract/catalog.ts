// An outlet's item master as central sends it to the outlet (RPC method `catalog`): categories,
// items with their price in integer minor units and tax rate as a decimal string, and charge
// templates (one tap adds a preset set of items). `version` grows by one with every change at
// central; 0 means central holds no catalog for the outlet yet.
import { z } from 'zod';
import { CONTRACT_VERSION } from './topics.js';

export const catalogCode = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, "-" and "_" (1–32 characters)');
export const catalogSku = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'letters, digits, ".", "-" and "_" (1–64 characters)');
/** A tax rate as a decimal fraction: "0.08875" is 8.875 %; from 0 to 1, at most 6 decimals. */
export const taxRateString = z
  .string()
  .regex(/^(0(\.\d{1,6})?|1(\.0{1,6})?)$/, 'a decimal fraction from 0 to 1 such as "0.05"');

export const catalogTemplateLine = z.object({
  sku: catalogSku,
  quantity: z.number().int().positive().max(999),
});

export const outletCatalog = z.object({
  v: z.literal(CONTRACT_VERSION),
  outletCode: z.string().min(1).max(16),
  version: z.number().int().nonnegative(),
  categories: z.array(
    z.object({ code: catalogCode, name: z.string().min(1).max(80), sort: z.number().int() }),
  ),
  items: z.array(
    z.object({
      sku: catalogSku,
      name: z.string().min(1).max(120),
      categoryCode: catalogCode,
      priceMinor: z.number().int().safe().nonnegative(),
      taxClass: catalogCode,
      taxRate: taxRateString,
      active: z.boolean(),
      sort: z.number().int(),
    }),
  ),
  templates: z.array(
    z.object({
      code: catalogCode,
      name: z.string().min(1).max(120),
      lines: z.array(catalogTemplateLine).min(1).max(50),
    }),
  ),
});
export type OutletCatalog = z.infer<typeof outletCatalog>;

/** central → edge, retained on `catalog-version`: the version central now holds for the outlet. */
export const catalogVersionMessage = z.object({
  v: z.literal(CONTRACT_VERSION),
  outletCode: z.string().min(1).max(16),
  version: z.number().int().nonnegative(),
});
export type CatalogVersionMessage = z.infer<typeof catalogVersionMessage>;

/**
 * The columns an outlet catalog's item and template are stored as, at central (per outlet) and on
 * the edge (its one outlet) alike: derived here once from the contract's types.
 */
export function catalogItemColumns(item: OutletCatalog['items'][number]) {
  return {
    sku: item.sku,
    name: item.name,
    category_code: item.categoryCode,
    price_minor: item.priceMinor,
    tax_class: item.taxClass,
    tax_rate: item.taxRate,
    active: item.active ? 1 : 0,
    sort: item.sort,
  };
}

export type CatalogItemColumns = ReturnType<typeof catalogItemColumns>;

/** A charge template's columns; `sort` is its place in the catalog (1-based). */
export function catalogTemplateColumns(template: OutletCatalog['templates'][number], index: number) {
  return {
    code: template.code,
    name: template.name,
    lines_json: JSON.stringify(template.lines),
    sort: index + 1,
  };
}
export type CatalogTemplateColumns = ReturnType<typeof catalogTemplateColumns>;
