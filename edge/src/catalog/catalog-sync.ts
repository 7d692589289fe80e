// The outlet's menu comes from central: asked for over the MQTT RPC (`catalog`) when the link comes
// up and every few minutes, stored whole in one SQLite transaction, and served from there, so an
// edge cut off from central keeps charging with the last menu it received.
import { catalogVersionMessage, decodePayload, type Logger, type OutletCatalog } from '@roompost/sync';
import type { Kysely } from 'kysely';
import type { EdgeDatabase } from '../db/edge-database.js';
import { heldCatalog, replaceCatalog } from './catalog.repository.js';

export type CatalogSyncResult =
  | { outcome: 'updated'; version: number }
  | { outcome: 'unchanged'; version: number }
  | { outcome: 'offline' }
  | { outcome: 'failed'; reason: string };

export interface CatalogSyncOptions {
  db: Kysely<EdgeDatabase>;
  central: { catalog(): Promise<OutletCatalog> };
  online: () => boolean;
  outletCode: string;
  logger: Logger;
  now: () => Date;
  /** How often to ask central (default 5 minutes). */
  intervalMs?: number;
  /** After a failed attempt while online, ask again this soon (default 2 s). */
  retryMs?: number;
  /** A reconnect within this long of a good sync does not ask again (default 30 s): a flapping link
   * must not refetch the menu on every reconnect. */
  reconnectQuietMs?: number;
}

export class CatalogSync {
  readonly #o: Required<CatalogSyncOptions>;
  #running: Promise<CatalogSyncResult> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #retry: NodeJS.Timeout | undefined;
  #stopped = false;
  #lastGoodAt = 0;

  constructor(options: CatalogSyncOptions) {
    this.#o = { intervalMs: 5 * 60_000, retryMs: 2000, reconnectQuietMs: 30_000, ...options };
  }

  start(): void {
    this.#timer = setInterval(() => void this.sync(), this.#o.intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    this.#stopped = true;
    clearInterval(this.#timer);
    clearTimeout(this.#retry);
  }

  /** Asks central once (a call while one is running shares it). Never throws. */
  sync(): Promise<CatalogSyncResult> {
    this.#running ??= this.#syncOnce().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  /** The link to central came (back) up: sync, unless a sync just succeeded. */
  onConnect(): void {
    if (Date.now() - this.#lastGoodAt < this.#o.reconnectQuietMs) return;
    void this.sync();
  }

  /** Central's retained `catalog-version` notice: ask for the catalog when it differs from ours. */
  async notified(payload: Buffer): Promise<void> {
    const decoded = decodePayload(catalogVersionMessage, payload);
    if (!decoded.ok) {
      this.#o.logger.warn({ reason: decoded.reason }, 'dropped malformed catalog-version');
      return;
    }
    const held = await heldCatalog(this.#o.db);
    if (decoded.value.outletCode !== this.#o.outletCode) return;
    if (held?.outletCode === decoded.value.outletCode && held.version === decoded.value.version) return;
    await this.sync();
  }

  /** On first start (no catalog held yet): wait up to `timeoutMs` for central's, retrying. */
  async waitForFirst(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (!this.#stopped && Date.now() < deadline) {
      if (await heldCatalog(this.#o.db)) return true;
      if (this.#o.online()) await this.sync();
      if (await heldCatalog(this.#o.db)) return true;
      await new Promise((r) => setTimeout(r, 200));
    }
    return false;
  }

  async #syncOnce(): Promise<CatalogSyncResult> {
    const { logger } = this.#o;
    if (this.#stopped) return { outcome: 'offline' };
    if (!this.#o.online()) return { outcome: 'offline' };
    try {
      const catalog = await this.#o.central.catalog();
      if (catalog.outletCode !== this.#o.outletCode) {
        // Central answers for the device's outlet; a mismatch is a configuration error, not a menu.
        logger.error(
          { configured: this.#o.outletCode, central: catalog.outletCode },
          "central sent another outlet's catalog; keeping the current one",
        );
        return { outcome: 'failed', reason: `catalog is for outlet ${catalog.outletCode}` };
      }
      const held = await heldCatalog(this.#o.db);
      this.#lastGoodAt = Date.now();
      if (held && held.outletCode === catalog.outletCode && held.version === catalog.version) {
        return { outcome: 'unchanged', version: catalog.version };
      }
      await replaceCatalog(this.#o.db, catalog, this.#o.now());
      logger.info(
        { version: catalog.version, items: catalog.items.length, templates: catalog.templates.length },
        'catalog updated from central',
      );
      return { outcome: 'updated', version: catalog.version };
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      logger.warn({ reason }, 'catalog sync failed; serving the last catalog');
      if (this.#o.online() && !this.#stopped) {
        clearTimeout(this.#retry);
        this.#retry = setTimeout(() => void this.sync(), this.#o.retryMs);
        this.#retry.unref();
      }
      return { outcome: 'failed', reason };
    }
  }
}
