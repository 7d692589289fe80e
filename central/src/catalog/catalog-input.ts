// The body of PUT /api/outlets/{code}/catalog and its checks. Prices are decimal strings in the
// hotel's currency ("16.00", "₹" amounts as "450.00"), parsed exactly by folio's money module;
// every problem names its field as `items[3].price`.
import { type CurrencyCode, parseDecimalAmount } from '@roompost/folio/money';
import { catalogCode, catalogSku, catalogTemplateLine, taxRateString } from '@roompost/sync';
import { z } from 'zod';
import { CentralError } from '../central-error.js';

export const putCatalogBody = z.object({
  categories: z
    .array(
      z.object({
        code: catalogCode,
        name: z.string().trim().min(1).max(80),
        sort: z.number().int().min(0).max(9999).optional(),
      }),
    )
    .max(100),
  items: z
    .array(
      z.object({
        sku: catalogSku,
        name: z.string().trim().min(1).max(120),
        categoryCode: catalogCode,
        /** The unit price in the hotel's currency as a decimal string, e.g. "16.00". */
        price: z.string().min(1).max(20),
        taxClass: catalogCode,
        taxRate: taxRateString,
        active: z.boolean().optional(),
        sort: z.number().int().min(0).max(9999).optional(),
      }),
    )
    .max(1000),
  templates: z
    .array(
      z.object({
        code: catalogCode,
        name: z.string().trim().min(1).max(120),
        lines: z.array(catalogTemplateLine).min(1).max(50),
      }),
    )
    .max(100)
    .optional(),
});
export type PutCatalogBody = z.input<typeof putCatalogBody>;

/** What is stored: prices in minor units, defaults filled in. */
export interface CatalogContent {
  categories: Array<{ code: string; name: string; sort: number }>;
  items: Array<{
    sku: string;
    name: string;
    categoryCode: string;
    priceMinor: number;
    taxClass: string;
    taxRate: string;
    active: boolean;
    sort: number;
  }>;
  templates: Array<{ code: string; name: string; lines: Array<{ sku: string; quantity: number }> }>;
}

/** `['items', 3, 'price']` → `items[3].price` */
export function fieldName(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

function invalid(field: string, message: string): never {
  throw new CentralError('VALIDATION_FAILED', `${field}: ${message}`, { field });
}

/** The catalog's shape (`putCatalogBody`), its first problem named as `items[3].price`. */
export function catalogShape(body: unknown): z.output<typeof putCatalogBody> {
  const parsed = putCatalogBody.safeParse(body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  return invalid(fieldName(issue.path) || 'body', issue.message);
}

/** Validates a whole catalog; throws VALIDATION_FAILED naming the first bad field. Writes nothing. */
export function parseCatalog(body: unknown, currency: CurrencyCode): CatalogContent {
  const input = catalogShape(body);
  const categories = new Set<string>();
  input.categories.forEach((c, i) => {
    if (categories.has(c.code)) invalid(`categories[${i}].code`, `category ${c.code} appears twice`);
    categories.add(c.code);
  });
  const skus = new Set<string>();
  const items = input.items.map((item, i) => {
    if (skus.has(item.sku)) invalid(`items[${i}].sku`, `sku ${item.sku} appears twice`);
    skus.add(item.sku);
    if (!categories.has(item.categoryCode))
      invalid(`items[${i}].categoryCode`, `no category ${item.categoryCode} in this catalog`);
    let priceMinor: number;
    try {
      priceMinor = parseDecimalAmount(item.price, currency);
    } catch (err) {
      return invalid(`items[${i}].price`, (err as Error).message);
    }
    if (priceMinor < 0) invalid(`items[${i}].price`, 'must not be negative');
    return {
      sku: item.sku,
      name: item.name,
      categoryCode: item.categoryCode,
      priceMinor,
      taxClass: item.taxClass,
      taxRate: item.taxRate,
      active: item.active ?? true,
      sort: item.sort ?? i + 1,
    };
  });
  const templateCodes = new Set<string>();
  const templates = (input.templates ?? []).map((t, i) => {
    if (templateCodes.has(t.code)) invalid(`templates[${i}].code`, `template ${t.code} appears twice`);
    templateCodes.add(t.code);
    t.lines.forEach((line, j) => {
      if (!skus.has(line.sku))
        invalid(`templates[${i}].lines[${j}].sku`, `no item ${line.sku} in this catalog`);
    });
    return { code: t.code, name: t.name, lines: t.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })) };
  });
  return {
    categories: input.categories.map((c, i) => ({ code: c.code, name: c.name, sort: c.sort ?? i + 1 })),
    items,
    templates,
  };
}
