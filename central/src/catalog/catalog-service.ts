// Each outlet's item master at central: read whole, replaced whole (one transaction, version + 1),
// and handed to the outlet's devices over the MQTT RPC `catalog` method (postings/outlet-rpc.ts).
import { QueryTemplate } from '@roompost/folio';
import { toDecimalString } from '@roompost/folio/money';
import { catalogItemColumns, catalogTemplateColumns, type OutletCatalog } from '@roompost/sync';
import type { Kysely } from 'kysely';
import { CentralError } from '../central-error.js';
import type { Clock } from '../clock.js';
import type { CentralDatabase } from '../db/central-database.js';
import { type CatalogContent, parseCatalog } from './catalog-input.js';

export interface CatalogServiceOptions {
  db: Kysely<CentralDatabase>;
  clock: Clock;
  /** Is this an outlet of the property (PMS settings' outlets)? */
  outletExists: (code: string) => boolean;
  /** The hotel's currency (prices are in it); null while the property is not set up. */
  currency: () => Promise<string | null>;
  /** After a new version is committed (central tells the outlet's devices; retained MQTT). */
  onChanged?: (outletCode: string, version: number) => void;
}

/** GET /api/outlets/{code}/catalog: the stored catalog plus each price as a decimal string. */
/** One item's price and tax rate at a catalog version. */
export interface PricedItem {
  sku: string;
  priceMinor: number;
  /** Decimal string, e.g. "0.05". */
  taxRate: string;
  /** The item's tax class (`VAT_LIQUOR`); absent in versions stored before it was kept. */
  taxClass?: string;
}

export interface OutletCatalogView extends CatalogContent {
  outletCode: string;
  version: number;
  currency: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
  items: Array<CatalogContent['items'][number] & { price: string | null }>;
}

export class CatalogService {
  readonly #o: CatalogServiceOptions;
  /**
   * Priced items by outlet and version: a stored version never changes (rows are only inserted), so
   * a charge naming its version is checked without reading and parsing the whole catalog again.
   */
  readonly #versions = new Map<string, { version: number; items: ReadonlyMap<string, PricedItem> }>();
  /** The current version of an outlet's catalog: read for every charge that names none (compiled once). */
  readonly #currentVersion: QueryTemplate<{ outlet: string }, { version: number }>;

  constructor(options: CatalogServiceOptions) {
    this.#o = options;
    this.#currentVersion = new QueryTemplate(['outlet'], (a) =>
      options.db.selectFrom('outlet_catalogs').select('version').where('outlet_code', '=', a.outlet),
    );
  }

  /** Is this an outlet of the property? */
  knows(code: string): boolean {
    return this.#o.outletExists(code);
  }

  #assertOutlet(code: string): void {
    if (!this.#o.outletExists(code)) {
      throw new CentralError('NOT_FOUND', `no outlet ${code} at this property`, { field: 'code' });
    }
  }

  /** The outlet's catalog; version 0 and empty lists when none was ever set. */
  async get(outletCode: string): Promise<OutletCatalogView> {
    this.#assertOutlet(outletCode);
    return this.#read(outletCode);
  }

  /** What the outlet's devices receive over MQTT (no outlet check: the device's outlet is given). */
  async forOutlet(outletCode: string): Promise<OutletCatalog> {
    const view = await this.#read(outletCode);
    return {
      v: 1,
      outletCode,
      version: view.version,
      categories: view.categories,
      items: view.items.map(({ price: _price, ...item }) => item),
      templates: view.templates,
    };
  }

  /** Replaces the outlet's whole catalog atomically; a bad body writes nothing. */
  async put(outletCode: string, body: unknown, actor: string): Promise<OutletCatalogView> {
    this.#assertOutlet(outletCode);
    const currency = await this.#o.currency();
    if (!currency) {
      throw new CentralError(
        'INVALID_STATE',
        "set the property (and its currency) before an outlet's catalog",
      );
    }
    const content = parseCatalog(body, currency);
    await this.#replace(outletCode, content, actor);
    const view = await this.#read(outletCode);
    this.#o.onChanged?.(outletCode, view.version);
    return view;
  }

  /** Writes a catalog only when the outlet has none yet (the demo's seed). Answers whether it wrote. */
  async seedIfEmpty(outletCode: string, content: CatalogContent, actor: string): Promise<boolean> {
    const row = await this.#o.db
      .selectFrom('outlet_catalogs')
      .select('version')
      .where('outlet_code', '=', outletCode)
      .executeTakeFirst();
    if (row) return false;
    await this.#replace(outletCode, content, actor);
    return true;
  }

  /**
   * The priced items of an outlet's catalog at `version` (the current one when omitted), as central
   * checks a charge against them; null when the outlet has no catalog or no such version.
   */
  async pricedItems(
    outletCode: string,
    version?: number,
  ): Promise<{ version: number; items: ReadonlyMap<string, PricedItem> } | null> {
    // The current version is one indexed read (another worker may have replaced the catalog); its
    // items come from memory once read: a stored version is never changed, only a new one added.
    const wanted =
      version ?? (await this.#currentVersion.execute(this.#o.db, { outlet: outletCode })).rows[0]?.version;
    if (wanted === undefined) return null;
    const key = `${outletCode}\u0000${wanted}`;
    const known = this.#versions.get(key);
    if (known) return known;
    const row = await this.#o.db
      .selectFrom('outlet_catalog_versions')
      .select(['version', 'items_json'])
      .where('outlet_code', '=', outletCode)
      .where('version', '=', wanted)
      .executeTakeFirst();
    if (!row) return null;
    const items = JSON.parse(row.items_json) as PricedItem[];
    const priced = { version: row.version, items: new Map(items.map((i) => [i.sku, i])) };
    this.#versions.set(key, priced);
    // A few versions per outlet are in use at once (edges move to a new one within minutes).
    if (this.#versions.size > 256) this.#versions.delete(this.#versions.keys().next().value as string);
    return priced;
  }

  async #replace(outletCode: string, content: CatalogContent, actor: string): Promise<void> {
    const at = this.#o.clock.now().toISOString();
    await this.#o.db.transaction().execute(async (trx) => {
      const current = await trx
        .selectFrom('outlet_catalogs')
        .select('version')
        .where('outlet_code', '=', outletCode)
        .executeTakeFirst();
      const version = current ? current.version + 1 : 1;
      await trx
        .insertInto('outlet_catalog_versions')
        .values({
          outlet_code: outletCode,
          version,
          items_json: JSON.stringify(
            content.items.map((i) => ({
              sku: i.sku,
              priceMinor: i.priceMinor,
              taxRate: i.taxRate,
              taxClass: i.taxClass,
            })),
          ),
          created_at: at,
        })
        .execute();
      if (current) {
        await trx
          .updateTable('outlet_catalogs')
          .set({ version, updated_at: at, updated_by: actor })
          .where('outlet_code', '=', outletCode)
          .execute();
      } else {
        await trx
          .insertInto('outlet_catalogs')
          .values({ outlet_code: outletCode, version: 1, updated_at: at, updated_by: actor })
          .execute();
      }
      await trx.deleteFrom('outlet_charge_templates').where('outlet_code', '=', outletCode).execute();
      await trx.deleteFrom('outlet_catalog_items').where('outlet_code', '=', outletCode).execute();
      await trx.deleteFrom('outlet_catalog_categories').where('outlet_code', '=', outletCode).execute();
      if (content.categories.length) {
        await trx
          .insertInto('outlet_catalog_categories')
          .values(content.categories.map((c) => ({ outlet_code: outletCode, ...c })))
          .execute();
      }
      if (content.items.length) {
        await trx
          .insertInto('outlet_catalog_items')
          .values(content.items.map((i) => ({ outlet_code: outletCode, ...catalogItemColumns(i) })))
          .execute();
      }
      if (content.templates.length) {
        await trx
          .insertInto('outlet_charge_templates')
          .values(
            content.templates.map((t, i) => ({ outlet_code: outletCode, ...catalogTemplateColumns(t, i) })),
          )
          .execute();
      }
    });
  }

  async #read(outletCode: string): Promise<OutletCatalogView> {
    const { db } = this.#o;
    const [head, categories, items, templates, currency] = await Promise.all([
      db.selectFrom('outlet_catalogs').selectAll().where('outlet_code', '=', outletCode).executeTakeFirst(),
      db
        .selectFrom('outlet_catalog_categories')
        .selectAll()
        .where('outlet_code', '=', outletCode)
        .orderBy('sort')
        .orderBy('code')
        .execute(),
      db
        .selectFrom('outlet_catalog_items')
        .selectAll()
        .where('outlet_code', '=', outletCode)
        .orderBy('sort')
        .orderBy('sku')
        .execute(),
      db
        .selectFrom('outlet_charge_templates')
        .selectAll()
        .where('outlet_code', '=', outletCode)
        .orderBy('sort')
        .execute(),
      this.#o.currency(),
    ]);
    return {
      outletCode,
      version: head?.version ?? 0,
      currency,
      updatedAt: head?.updated_at ?? null,
      updatedBy: head?.updated_by ?? null,
      categories: categories.map((c) => ({ code: c.code, name: c.name, sort: c.sort })),
      items: items.map((i) => ({
        sku: i.sku,
        name: i.name,
        categoryCode: i.category_code,
        priceMinor: i.price_minor,
        price: currency ? toDecimalString(i.price_minor, currency) : null,
        taxClass: i.tax_class,
        taxRate: i.tax_rate,
        active: i.active === 1,
        sort: i.sort,
      })),
      templates: templates.map((t) => ({
        code: t.code,
        name: t.name,
        lines: JSON.parse(t.lines_json) as Array<{ sku: string; quantity: number }>,
      })),
    };
  }
}
